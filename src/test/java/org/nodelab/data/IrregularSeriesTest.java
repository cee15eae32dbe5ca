package org.nodelab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Irregular series from long-format CSV: the batch on the union of times against a hand-made
 * layout, errors naming the row, the held-out split's counts and disjointness, and the spirals'
 * geometry against the formula.
 */
class IrregularSeriesTest {
  private static IrregularSeries parse(String csv) {
    return IrregularSeries.fromTable(
        Csv.read(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), "series.csv", true));
  }

  @Test
  void batchLiesOnTheUnionOfTimesWithAMask(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("s.csv");
    Files.writeString(file, "id,time,variable,value\n"
        + "a,0.5,y,2\n" + "a,0.0,x,1\n" + "b,0.25,x,3\n" + "b,0.25,y,4\n" + "a,0.5,x,5\n");
    IrregularSeries s = IrregularSeries.fromCsv(file);
    assertEquals(2, s.size());
    assertEquals(List.of("x", "y"), s.variables());
    assertArrayEquals(new double[] {0.0, 0.5}, s.times(0));
    IrregularBatch b = s.batch();
    assertArrayEquals(new double[] {0.0, 0.25, 0.5}, b.times());
    // [time, sample, variable]
    assertArrayEquals(new double[] {1, 0, 0, 0, 0, 0, 3, 4, 5, 2, 0, 0}, b.values().toArray());
    assertArrayEquals(new double[] {1, 0, 0, 0, 0, 0, 1, 1, 1, 1, 0, 0}, b.mask().toArray());
    assertEquals(5, b.observed());
    assertEquals(5, s.toTable().rowCount());
  }

  @Test
  void errorsNameTheRow() {
    var badTime = assertThrows(IllegalArgumentException.class,
        () -> parse("id,time,variable,value\na,0,x,1\na,soon,x,2\n"));
    assertTrue(badTime.getMessage().contains("row 2, column 'time' holds 'soon'"), badTime.getMessage());
    var twice = assertThrows(IllegalArgumentException.class,
        () -> parse("id,time,variable,value\na,0,x,1\nb,0,x,1\na,0,x,2\n"));
    assertTrue(twice.getMessage().contains("row 3"), twice.getMessage());
    var missing = assertThrows(IllegalArgumentException.class, () -> parse("id,t,variable,value\na,0,x,1\n"));
    assertTrue(missing.getMessage().contains("no column 'time'"), missing.getMessage());
    var infinite = assertThrows(IllegalArgumentException.class, () -> parse("id,time,variable,value\na,0,x,Infinity\n"));
    assertTrue(infinite.getMessage().contains("row 1, column 'value'"), infinite.getMessage());
  }

  @Test
  void holdOutRemovesTheFractionPerComponentDisjointly() {
    IrregularSeries lh = RealData.lynxHareSeries();
    IrregularSeries.Holdout split = lh.holdOut(0.3, 7);
    IrregularBatch kept = split.kept().batch();
    IrregularBatch held = split.heldOut().batch();
    double[] k = kept.mask().toArray();
    double[] h = held.mask().toArray();
    int[] keptPer = new int[2];
    int[] heldPer = new int[2];
    for (int i = 0; i < k.length; i++) {
      assertEquals(1, k[i] + h[i], 0, "every point is either kept or held out");
      keptPer[i % 2] += (int) k[i];
      heldPer[i % 2] += (int) h[i];
    }
    assertArrayEquals(new int[] {6, 6}, heldPer, "round(0.3 · 21) per variable");
    assertArrayEquals(new int[] {15, 15}, keptPer);
  }

  @Test
  void spiralsFollowTheirFormula() {
    LatentSpirals s = LatentSpirals.generate(6, 200, 20, 0, 6 * Math.PI, 0.0, 0, 0.3, 3);
    for (int i = 0; i < 6; i++) {
      assertTrue(s.starts()[i] >= 20 && s.starts()[i] < 180);
      int at = s.starts()[i] + 3;
      double t = s.times()[at];
      double[] p = s.window(i, 3, 4).toArray();
      if (s.clockwise()[i]) {
        double z = 6 * Math.PI + 1 - t;
        assertEquals(0.3 * 50 / z * Math.cos(z) - 5, p[0], 1e-12);
      } else {
        assertEquals(0.3 * t * Math.cos(t) + 5, p[0], 1e-12);
      }
      assertArrayEquals(p, s.observations().slice(0, i, i + 1).slice(1, 3, 4).toArray(), 1e-12, "noise 0");
    }
  }
}
