package org.nodelab.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.nodelab.notebook.CellResult;
import org.nodelab.notebook.Evaluator;
import org.nodelab.sweep.spark.SparkContexts;
import tech.tablesaw.api.Table;

/**
 * A sweep defined in JShell cells (a record, a static method and the experiment lambda, all of
 * them classes that exist only in the session's memory) runs on a standalone Spark cluster of a
 * master and two workers, each a separate JVM on localhost, with executors in two more JVMs: every
 * row equals the one-thread run bit for bit, both executors ran tasks, the planned failures are
 * failed rows; then an executor killed in the middle of a second sweep costs a retry, not a row.
 * Fails (never skips) when the cluster cannot start. About 60 s on 2 busy cores.
 */
class StandaloneClusterSweepTest {
  private static final String SLOW_CELL = """
      Experiment slow = cfg -> {
        Thread.sleep(500);
        return Map.of("value", new Decay(cfg.number("k")).exact(startOf(cfg), 1));
      };
      """;
  private static final String SLOW_SWEEP = "sweep().over(\"k\", 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0, 1.1, 1.2).seed(5)";

  @Test
  void cellSweepRunsOnATwoWorkerClusterWithTheSameBitsAndSurvivesALostExecutor() throws Exception {
    long start = System.nanoTime();
    CompletableFuture<StandaloneCluster> starting = CompletableFuture.supplyAsync(() -> {
      try {
        return StandaloneCluster.start(2);
      } catch (Exception e) {
        throw new IllegalStateException("cannot start the standalone Spark cluster: " + e.getMessage(), e);
      }
    });
    try (Evaluator evaluator = new Evaluator()) {
      Table threads = CellSweeps.run(evaluator, ".threads(1).progress(false)");
      assertFalse(evaluator.eval(SLOW_CELL).failed());
      Table slowThreads = (Table) evaluator.eval(SLOW_SWEEP + ".threads(2).progress(false).run(slow)").value();
      double local = (System.nanoTime() - start) / 1e9;
      try (StandaloneCluster cluster = starting.get(120, TimeUnit.SECONDS)) {
        double ready = (System.nanoTime() - start) / 1e9;
        try {
          String on = ".on(\"" + cluster.masterUrl() + "\").progress(false)"
              + ".conf(\"spark.driver.host\", \"127.0.0.1\").conf(\"spark.driver.bindAddress\", \"127.0.0.1\")"
              + ".conf(\"spark.executor.memory\", \"512m\").conf(\"spark.cores.max\", \"2\")"
              + ".conf(\"spark.scheduler.minRegisteredResourcesRatio\", \"1.0\")"
              + ".conf(\"spark.scheduler.maxRegisteredResourcesWaitingTime\", \"60s\")";
          Table onCluster = CellSweeps.run(evaluator, on);
          assertEquals(16, onCluster.rowCount());
          CellSweeps.assertSameResults(threads, onCluster);
          Set<String> workers = new TreeSet<>(onCluster.stringColumn("worker").asList());
          assertEquals(2, workers.size(), "tasks ran on " + workers);
          for (String w : workers) {
            assertTrue(w.matches("executor \\d+@127\\.0\\.0\\.1"), w);
          }
          assertEquals(4, onCluster.stringColumn("status").isEqualTo("failed").size());
          assertEquals(4, onCluster.stringColumn("message").isEqualTo("IllegalStateException: k = 3 fails on purpose").size());

          double first = (System.nanoTime() - start) / 1e9;
          List<ProcessHandle> executors = cluster.executors();
          assertEquals(2, executors.size(), "executor JVMs before the kill");
          CompletableFuture<CellResult> slow = CompletableFuture.supplyAsync(() -> evaluator.eval(SLOW_SWEEP + on + ".run(slow)"));
          Thread.sleep(1500);
          assertFalse(slow.isDone(), "the slow sweep should still run when an executor is killed");
          executors.get(0).destroyForcibly();
          CellResult r = slow.get(120, TimeUnit.SECONDS);
          assertFalse(r.failed(), r.error());
          Table slowCluster = (Table) r.value();
          assertEquals(12, slowCluster.rowCount());
          CellSweeps.assertSameResults(slowThreads, slowCluster);
          assertEquals(12, slowCluster.stringColumn("status").isEqualTo("ok").size());
          System.out.printf("standalone cluster sweep test: one-thread runs done at %.1f s, cluster ready at %.1f s, "
              + "first cluster sweep done at %.1f s, sweep with a killed executor done at %.1f s%n", local, ready, first,
              (System.nanoTime() - start) / 1e9);
        } catch (AssertionError | RuntimeException e) {
          throw new AssertionError(e.getMessage() + "\n" + cluster.logs(), e);
        } finally {
          SparkContexts.stop();
        }
      }
    }
  }
}
