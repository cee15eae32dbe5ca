package org.nodelab.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Sweep charts against means and deviations computed by hand from a small table. */
class SweepChartsTest {
  /** width 1, 2 (two seeds each), solver a, b; loss = width × (1 or 3) for a, × 10 for b; one failed row. */
  private static Table table() {
    return Table.create("sweep",
        DoubleColumn.create("width", 1, 1, 2, 2, 1, 1, 2, 2, 2),
        StringColumn.create("solver", "a", "a", "a", "a", "b", "b", "b", "b", "b"),
        DoubleColumn.create("loss", 1, 3, 2, 6, 10, 10, 20, 20, 999),
        StringColumn.create("status", "ok", "ok", "ok", "ok", "ok", "ok", "ok", "ok", "failed"));
  }

  @Test
  void errorBarsShowTheMeanAndOneStandardDeviationPerValue() {
    Table t = table().where(table().stringColumn("solver").isEqualTo("a"));
    XYChart chart = SweepCharts.errorBars(t, "width", "loss");
    XYSeries line = chart.getSeriesMap().get("loss");
    assertArrayEquals(new double[] {1, 2}, line.getXData());
    assertArrayEquals(new double[] {2, 4}, line.getYData(), 1e-12);
    // sd of {1, 3} is √2, of {2, 6} is 2√2.
    XYSeries bar = chart.getSeriesMap().values().stream().filter(s -> !s.isShowInLegend() && s.getXData()[0] == 2
        && s.getYData().length == 2).findFirst().orElseThrow();
    assertArrayEquals(new double[] {4 - 2 * Math.sqrt(2), 4 + 2 * Math.sqrt(2)}, bar.getYData(), 1e-12);
    assertFalse(chart.getStyler().isYAxisLogarithmic());
  }

  @Test
  void seriesSplitByAThirdParameterAndFailedRowsAreLeftOut() throws Exception {
    XYChart chart = SweepCharts.errorBars(table(), "width", "loss", "solver");
    assertArrayEquals(new double[] {10, 20}, chart.getSeriesMap().get("solver = b").getYData(), 1e-12);
    assertArrayEquals(new double[] {2, 4}, chart.getSeriesMap().get("solver = a").getYData(), 1e-12);
    assertTrue(BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG).length > 1000);
  }

  @Test
  void aTextParameterBecomesCategories() {
    XYChart chart = SweepCharts.errorBars(table(), "solver", "loss");
    assertArrayEquals(new double[] {0, 1}, chart.getSeriesMap().get("loss").getXData());
    assertArrayEquals(new double[] {3, 15}, chart.getSeriesMap().get("loss").getYData(), 1e-12);
    assertEquals("b", chart.getStyler().getxAxisTickLabelsFormattingFunction().apply(1.0));
  }

  @Test
  void resultsSpanningDecadesUseGeometricMeans() {
    Table t = Table.create("sweep", DoubleColumn.create("rtol", 1e-3, 1e-3, 1e-6, 1e-6),
        DoubleColumn.create("error", 1e-2, 1e-4, 1e-7, 1e-7), StringColumn.create("status", "ok", "ok", "ok", "ok"));
    XYChart chart = SweepCharts.errorBars(t, "rtol", "error");
    assertTrue(chart.getStyler().isYAxisLogarithmic());
    assertArrayEquals(new double[] {1e-7, 1e-3}, chart.getSeriesMap().get("error").getYData(), 1e-15);
  }

  @Test
  void heatMapCellsHoldTheMeans() throws Exception {
    HeatMapChart chart = SweepCharts.heatMap(table(), "width", "solver", "loss");
    List<Number[]> cells = new java.util.ArrayList<>();
    chart.getHeatMapSeries().getHeatData().forEach(c -> cells.add((Number[]) c));
    assertEquals(4, cells.size());
    double[][] expected = {{0, 0, 2}, {0, 1, 10}, {1, 0, 4}, {1, 1, 20}};
    for (int i = 0; i < 4; i++) {
      assertArrayEquals(expected[i], new double[] {cells.get(i)[0].doubleValue(), cells.get(i)[1].doubleValue(),
          cells.get(i)[2].doubleValue()}, 1e-12);
    }
    assertTrue(BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG).length > 1000);
    assertTrue(assertThrows(IllegalArgumentException.class, () -> SweepCharts.heatMap(table(), "depth", "solver", "loss"))
        .getMessage().contains("no column \"depth\""));
  }
}
