package org.nodelab.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
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
}
