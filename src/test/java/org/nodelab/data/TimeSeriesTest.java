package org.nodelab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nodelab.tensor.Tensor;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

class TimeSeriesTest {

  @Test
  void theLynxHareTableBecomesAYearlySeriesOfTwoComponents() {
    TimeSeries s = TimeSeries.of(RealData.lynxHare(), "year", "hare", "lynx");
    assertEquals(21, s.size());
    assertEquals(1900, s.start());
    assertEquals(1920, s.end());
    assertEquals(List.of("hare", "lynx"), s.names());
    assertEquals("year", s.timeName());
    assertArrayEquals(new int[] {21, 1, 2}, s.values().shape());
    // First rows of datasets/lynx_hare.csv: 1900,30,4 and 1901,47.2,6.1.
    assertArrayEquals(new double[] {30, 4}, s.initial().toArray(), 0);
    assertEquals(47.2, s.component(0, 0)[1], 0);
    assertEquals(6.1, s.component(0, 1)[1], 0);
  }

  @Test
  void numericTablesawColumnsAreReadToo() {
    Table t = Table.create("t", DoubleColumn.create("time", 0.0, 0.5, 1.0), DoubleColumn.create("x", 1.0, 2.0, 3.0));
    TimeSeries s = TimeSeries.of(t, "time", "x");
    assertArrayEquals(new double[] {0, 0.5, 1}, s.times(), 0);
    assertArrayEquals(new double[] {1, 2, 3}, s.component(0, 0), 0);
  }

  @Test
  void scalingIsRememberedAndUndoneExactlyForPowersOfTwo() {
    TimeSeries raw = TimeSeries.of(new double[] {0, 1, 2}, new double[][] {{8, 2}, {16, 4}, {24, 6}}, "a", "b");
    TimeSeries scaled = raw.scaled(8, 2).scaled(2);
    assertArrayEquals(new double[] {0.5, 0.5, 1, 1, 1.5, 1.5}, scaled.values().toArray(), 0);
    assertArrayEquals(raw.values().toArray(), scaled.unscaled().values().toArray(), 0);
    assertArrayEquals(new double[] {32, 8}, scaled.unscale(Tensor.of(2, 2)).toArray(), 0);
    assertTrue(scaled.unscaled().scaling().isIdentity());
  }

  @Test
  void standardizingGivesMeanZeroAndUnitDeviationAndUndoesItself() {
    TimeSeries raw = TimeSeries.of(new double[] {0, 1, 2, 3}, new double[][] {{1, 10}, {2, 10}, {3, 30}, {6, 30}});
    TimeSeries z = raw.standardized();
    for (int d = 0; d < 2; d++) {
      double[] c = z.component(0, d);
      double mean = (c[0] + c[1] + c[2] + c[3]) / 4;
      double var = 0;
      for (double v : c) {
        var += (v - mean) * (v - mean) / 4;
      }
      assertEquals(0, mean, 1e-15);
      assertEquals(1, var, 1e-14);
    }
    // Mean 3 and standard deviation sqrt(3.5) for the first column, by hand.
    assertEquals((1 - 3) / Math.sqrt(3.5), z.component(0, 0)[0], 1e-15);
    assertArrayEquals(raw.values().toArray(), z.unscaled().values().toArray(), 1e-14);
  }

  @Test
  void holdingOutEveryFourthKeepsTheFirstObservationForTraining() {
    double[] t = new double[10];
    double[][] v = new double[10][1];
    for (int i = 0; i < 10; i++) {
      t[i] = 2 * i;
      v[i][0] = i;
    }
    TimeSeries.Split split = TimeSeries.of(t, v).scaled(2).holdOut(4);
    assertArrayEquals(new double[] {6, 14}, split.test().times(), 0);
    assertArrayEquals(new double[] {0, 2, 4, 8, 10, 12, 16, 18}, split.train().times(), 0);
    assertArrayEquals(new double[] {3, 7}, split.test().unscaled().component(0, 0), 0);
  }

  @Test
  void windowsAreConsecutiveObservationsFromDistinctStarts() {
    double[] t = new double[30];
    double[] v = new double[30 * 2 * 3];
    for (int i = 0; i < 30; i++) {
      t[i] = i;
      for (int b = 0; b < 2; b++) {
        for (int d = 0; d < 3; d++) {
          v[(i * 2 + b) * 3 + d] = 100 * i + 10 * b + d;
        }
      }
    }
    TimeSeries s = TimeSeries.of(t, Tensor.of(v, 30, 2, 3));
    Batch batch = s.windows(5, 4).next(new SplittableRandom(7));
    assertArrayEquals(new int[] {8, 3}, batch.x().shape());
    assertArrayEquals(new int[] {5, 8, 3}, batch.y().shape());
    java.util.Set<Double> starts = new java.util.HashSet<>();
    for (int w = 0; w < 4; w++) {
      for (int b = 0; b < 2; b++) {
        double first = batch.x().get(w * 2 + b, 0);
        int start = (int) (first / 100);
        assertTrue(start >= 0 && start < 25, "start " + start);
        assertEquals(10 * b, first - 100 * start, 0);
        if (b == 0) {
          starts.add(first);
        }
        for (int k = 0; k < 5; k++) {
          for (int d = 0; d < 3; d++) {
            assertEquals(100 * (start + k) + 10 * b + d, batch.y().get(k, w * 2 + b, d), 0);
          }
        }
      }
    }
    assertEquals(4, starts.size());
  }

  @Test
  void spiralWindowsAreThoseOfOdeDemosSampler() {
    Spiral spiral = Spiral.create();
    for (long seed = 0; seed < 3; seed++) {
      Batch a = spiral.sampler().next(new SplittableRandom(seed));
      Batch b = spiral.series().windows(Spiral.BATCH_TIME, Spiral.BATCH_SIZE).next(new SplittableRandom(seed));
      assertArrayEquals(a.x().toArray(), b.x().toArray(), 0);
      assertArrayEquals(a.y().toArray(), b.y().toArray(), 0);
      assertArrayEquals(a.y().shape(), b.y().shape());
    }
  }

  @Test
  void badInputIsRejectedWithTheValueAndWhatWasExpected() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> TimeSeries.of(new double[] {0, 1, 1}, new double[][] {{1}, {2}, {3}}));
    assertTrue(e.getMessage().contains("strictly increasing"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> TimeSeries.of(new double[] {0, 1}, new double[][] {{1}, {Double.NaN}}));
    assertTrue(e.getMessage().contains("NaN") && e.getMessage().contains("time 1.0"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> TimeSeries.of(new double[] {0, 1}, new double[][] {{1}, {2}, {3}}));
    assertTrue(e.getMessage().contains("one row of values per time"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> TimeSeries.of(RealData.lynxHare(), "year", "wolf"));
    assertTrue(e.getMessage().contains("wolf"), e.getMessage());
    assertFalse(TimeSeries.of(new double[] {0, 1, 3}, new double[][] {{1}, {2}, {3}}).equallySpaced());
  }
}
