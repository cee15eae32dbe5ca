package org.nodelab.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.nodelab.notebook.CellResult;
import org.nodelab.notebook.Evaluator;
import org.nodelab.sweep.spark.SparkContexts;
import tech.tablesaw.api.Table;

/**
 * A sweep defined in JShell cells runs on Spark's {@code local[2]} with the same results, bit for
 * bit, as on one thread; the failing configuration is a failed row. About 10 s (Spark's start).
 */
class LocalSparkSweepTest {
  @AfterAll
  static void stopSpark() {
    SparkContexts.stop();
  }

  @Test
  void cellSweepOnLocalSparkEqualsOneThreadBitForBit() {
    try (Evaluator evaluator = new Evaluator()) {
      Table threads = CellSweeps.run(evaluator, ".threads(1).progress(false)");
      Table spark = CellSweeps.run(evaluator, ".on(\"local[2]\").progress(false)");
      assertEquals(16, spark.rowCount());
      CellSweeps.assertSameResults(threads, spark);
      for (int i = 0; i < spark.rowCount(); i++) {
        boolean planned = spark.doubleColumn("k").get(i) == 3.0 && spark.intColumn("repetition").get(i) == 1;
        assertEquals(planned ? "failed" : "ok", spark.stringColumn("status").get(i));
        assertEquals(planned ? "IllegalStateException: k = 3 fails on purpose" : "", spark.stringColumn("message").get(i));
        assertTrue(spark.stringColumn("worker").get(i).startsWith("executor driver@"), spark.stringColumn("worker").get(i));
        if (!planned) {
          // Independent check: the error of a 1e-8 solve is below 1e-6 of y0 e^{-k}.
          assertTrue(spark.doubleColumn("rtol").get(i) > 1e-5 || spark.doubleColumn("error").get(i) < 1e-6);
        }
      }
    }
  }

  @Test
  void interruptingTheCellCancelsTheSparkJob() throws Exception {
    try (Evaluator evaluator = new Evaluator()) {
      evaluator.eval("Experiment sleepy = cfg -> { Thread.sleep(3000); return Map.of(\"x\", 1); };");
      CompletableFuture<CellResult> cell = CompletableFuture.supplyAsync(() ->
          evaluator.eval("sweep().over(\"i\", 1, 2, 3, 4, 5, 6, 7, 8).on(\"local[2]\").progress(false).run(sleepy)"));
      long deadline = System.nanoTime() + 60_000_000_000L;
      while (SparkContexts.activeJobs() == 0 && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertEquals(1, SparkContexts.activeJobs(), "the sweep's job should be running");
      Thread.sleep(500);
      long interrupted = System.nanoTime();
      evaluator.interrupt();
      CellResult r = cell.get(30, TimeUnit.SECONDS);
      assertTrue(r.failed(), "the interrupted cell fails");
      // Eight tasks of 3 s on two slots: at least 9 s of them remain at the interrupt; cancelled, the job ends at once.
      while (SparkContexts.activeJobs() > 0 && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertEquals(0, SparkContexts.activeJobs());
      double afterInterrupt = (System.nanoTime() - interrupted) / 1e9;
      assertTrue(afterInterrupt < 6, "the job ended " + afterInterrupt + " s after the interrupt");
    }
  }
}
