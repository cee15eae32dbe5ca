package org.nodelab.sweep.spark;

import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.util.LongAccumulator;
import org.nodelab.sweep.Outcome;
import org.nodelab.sweep.Shipment;
import org.nodelab.sweep.Task;
import org.nodelab.sweep.TaskRunner;

/**
 * The Spark function of a sweep, run on executors: opens the broadcast shipment (once per JVM and
 * sweep), runs task {@code i} and counts it in the progress accumulators.
 */
final class RunTask implements Function<Integer, Outcome> {
  private static final long serialVersionUID = 1L;
  private final Broadcast<byte[]> shipment;
  private final String id;
  private final LongAccumulator done;
  private final LongAccumulator failed;

  RunTask(Broadcast<byte[]> shipment, String id, LongAccumulator done, LongAccumulator failed) {
    this.shipment = shipment;
    this.id = id;
    this.done = done;
    this.failed = failed;
  }

  @Override
  public Outcome call(Integer i) {
    Shipment.Opened opened = Shipment.open(id, shipment.value());
    Task task = opened.tasks().get(i);
    SparkEnv env = SparkEnv.get();
    String worker = "executor " + env.executorId() + "@" + env.blockManager().blockManagerId().host();
    Outcome outcome = TaskRunner.run(opened.experiment(), task, worker);
    done.add(1);
    if (outcome.failed()) {
      failed.add(1);
    }
    return outcome;
  }
}
