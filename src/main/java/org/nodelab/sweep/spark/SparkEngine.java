package org.nodelab.sweep.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.util.LongAccumulator;
import org.nodelab.sweep.Engine;
import org.nodelab.sweep.Experiment;
import org.nodelab.sweep.Outcome;
import org.nodelab.sweep.Shipment;
import org.nodelab.sweep.SweepProgress;
import org.nodelab.sweep.Task;

/**
 * Runs a sweep as one Spark job of one task per configuration and repetition. The experiment and
 * the cells' classes travel as a broadcast {@link Shipment}; results come back by task index, so a
 * task Spark retries (a lost executor) still gives one row. Progress comes from two accumulators,
 * which count each task once; interrupting the calling thread cancels the job.
 */
public final class SparkEngine implements Engine {
  private static final long POLL_MILLIS = 200;
  private final String master;
  private final Map<String, String> conf;

  /**
   * An engine on {@code master}; Spark starts (or is reused) at the first run.
   *
   * @param master the Spark master URL
   * @param conf extra Spark properties
   */
  public SparkEngine(String master, Map<String, String> conf) {
    this.master = master;
    this.conf = Map.copyOf(conf);
  }

  @Override
  public String name() {
    return master;
  }

  @Override
  public List<Outcome> run(Experiment experiment, List<Task> tasks, SweepProgress progress) throws InterruptedException {
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(SparkEngine.class.getClassLoader());
    String id = "nodelab-sweep-" + UUID.randomUUID();
    JavaSparkContext sc = SparkContexts.get(master, conf);
    Broadcast<byte[]> shipment = sc.broadcast(Shipment.pack(experiment, tasks));
    LongAccumulator done = sc.sc().longAccumulator(id + "-done");
    LongAccumulator failed = sc.sc().longAccumulator(id + "-failed");
    List<Integer> indexes = new ArrayList<>();
    for (Task t : tasks) {
      indexes.add(t.index());
    }
    sc.setJobGroup(id, "nodelab sweep of " + tasks.size() + " tasks", true);
    JavaFutureAction<List<Outcome>> job = sc.parallelize(indexes, Math.max(1, indexes.size()))
        .map(new RunTask(shipment, id, done, failed)).collectAsync();
    try {
      while (true) {
        try {
          List<Outcome> outcomes = job.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
          progress.progressed(outcomes.size(), (int) outcomes.stream().filter(Outcome::failed).count());
          return outcomes;
        } catch (TimeoutException e) {
          progress.progressed((int) done.value().longValue(), (int) failed.value().longValue());
        }
      }
    } catch (ExecutionException e) {
      throw new IllegalStateException("the Spark job of the sweep failed on " + master + ": " + rootMessage(e), e.getCause());
    } finally {
      if (!job.isDone()) {
        sc.cancelJobGroup(id);
        job.cancel(true);
      }
      sc.clearJobGroup();
      shipment.destroy();
      Shipment.forget(id);
      thread.setContextClassLoader(previous);
    }
  }

  private static String rootMessage(Throwable t) {
    Throwable c = t;
    while (c.getCause() != null && c.getCause() != c) {
      c = c.getCause();
    }
    return c == t.getCause() || c == t ? String.valueOf(t.getCause()) : t.getCause().getMessage() + " (caused by " + c + ")";
  }
}
