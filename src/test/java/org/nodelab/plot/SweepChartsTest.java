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
    // Two series 2% of the range 1..2 apart, centred on the true x.
    assertArrayEquals(new double[] {0.99, 1.99}, chart.getSeriesMap().get("solver = a").getXData(), 1e-12);
    assertArrayEquals(new double[] {1.01, 2.01}, chart.getSeriesMap().get("solver = b").getXData(), 1e-12);
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

  /** rtol 1e-7, 1e-5, 1e-3 × solver a, b, c; error = rtol × (1, 10, 100) for a, b, c, two seeds. */
  private static Table tolerances() {
    Table t = Table.create("sweep", DoubleColumn.create("rtol"), StringColumn.create("solver"),
        DoubleColumn.create("error"), StringColumn.create("status"));
    double[] factor = {1, 10, 100};
    for (double rtol : new double[] {1e-7, 1e-5, 1e-3}) {
      for (int k = 0; k < 3; k++) {
        for (double seed : new double[] {0.5, 2}) {
          t.doubleColumn("rtol").append(rtol);
          t.stringColumn("solver").append(String.valueOf((char) ('a' + k)));
          t.doubleColumn("error").append(rtol * factor[k] * seed);
          t.stringColumn("status").append("ok");
        }
      }
    }
    return t;
  }

  @Test
  void seriesAtTheSameXAreDrawnApartByAFactorOnALogAxis() {
    XYChart chart = SweepCharts.errorBars(tolerances(), "rtol", "error", "solver");
    assertTrue(chart.getStyler().isXAxisLogarithmic());
    double[] rtol = {1e-7, 1e-5, 1e-3};
    for (int k = 0; k < 3; k++) {
      // 2% of the 4 decades from 1e-7 to 1e-3 between neighbours: factors 10^-0.08, 1, 10^0.08.
      double factor = new double[] {0.8317637711026709, 1, 1.2022644346174132}[k];
      XYSeries line = chart.getSeriesMap().get("solver = " + (char) ('a' + k));
      for (int i = 0; i < 3; i++) {
        assertEquals(rtol[i] * factor, line.getXData()[i], 1e-12 * rtol[i]);
        String bar = "solver = " + (char) ('a' + k);
        XYSeries b = chart.getSeriesMap().get((char) ('a' + k) + " bar " + i);
        assertArrayEquals(new double[] {line.getXData()[i], line.getXData()[i]}, b.getXData(), 0, bar);
      }
    }
    assertEquals(List.of("solver = a", "solver = b", "solver = c"), chart.getSeriesMap().values().stream()
        .filter(XYSeries::isShowInLegend).map(XYSeries::getName).toList());
    assertEquals(List.of("1E-7", "1E-6", "1E-5", "1E-4", "1E-3"), TickLabels.x(chart));
  }

  @Test
  void heatMapLabelsAnAxisInOneNotation() {
    HeatMapChart chart = SweepCharts.heatMap(tolerances(), "rtol", "solver", "error");
    assertEquals(List.of("1e-7", "1e-5", "1e-3"), chart.getHeatMapSeries().getXData());
  }

  @Test
  void heatMapValuesAreDarkOnLightCellsAndLightOnDarkOnes() throws Exception {
    // The largest (yellow) and smallest (dark purple) means both in the first column, left of the colour legend.
    Table t = Table.create("sweep", DoubleColumn.create("rtol", 1e-7, 1e-7, 1e-5, 1e-5),
        StringColumn.create("solver", "a", "b", "a", "b"), DoubleColumn.create("seconds", 9, 1, 4, 5),
        StringColumn.create("status", "ok", "ok", "ok", "ok"));
    java.awt.image.BufferedImage image = BitmapEncoder.getBufferedImage(SweepCharts.heatMap(t, "rtol", "solver", "seconds"));
    int[] yellow = inCell(image, new java.awt.Color(253, 231, 37));
    int[] purple = inCell(image, new java.awt.Color(68, 1, 84));
    assertTrue(yellow[0] > 20 && yellow[1] == 0, "dark text, no white, on yellow: " + yellow[0] + ", " + yellow[1]);
    assertTrue(purple[1] > 20 && purple[0] == 0, "white text, no dark, on purple: " + purple[0] + ", " + purple[1]);
  }

  /** Counts of pixels much darker and much lighter than the cell (by R + G + B) inside the box of the pixels of {@code cell} in the image's left half. */
  private static int[] inCell(java.awt.image.BufferedImage image, java.awt.Color cell) {
    int x0 = Integer.MAX_VALUE;
    int y0 = Integer.MAX_VALUE;
    int x1 = -1;
    int y1 = -1;
    for (int x = 0; x < image.getWidth() / 2; x++) {
      for (int y = 0; y < image.getHeight(); y++) {
        if ((image.getRGB(x, y) & 0xFFFFFF) == (cell.getRGB() & 0xFFFFFF)) {
          x0 = Math.min(x0, x);
          x1 = Math.max(x1, x);
          y0 = Math.min(y0, y);
          y1 = Math.max(y1, y);
        }
      }
    }
    assertTrue(x1 - x0 > 50 && y1 - y0 > 50, "a cell of colour " + cell + " is drawn");
    int cellSum = cell.getRed() + cell.getGreen() + cell.getBlue();
    int dark = 0;
    int light = 0;
    for (int x = x0; x <= x1; x++) {
      for (int y = y0; y <= y1; y++) {
        java.awt.Color c = new java.awt.Color(image.getRGB(x, y));
        int sum = c.getRed() + c.getGreen() + c.getBlue();
        dark += sum < cellSum - 150 ? 1 : 0;
        light += sum > cellSum + 150 ? 1 : 0;
      }
    }
    return new int[] {dark, light};
  }

  @Test
  void textIsBlackOnLightColoursAndWhiteOnDarkOnes() {
    assertEquals(0.21586, Theme.luminance(new java.awt.Color(128, 128, 128)), 1e-5, "sRGB 128 grey (WCAG 2 reference)");
    assertEquals(1, Theme.luminance(java.awt.Color.WHITE), 1e-12);
    assertEquals(java.awt.Color.BLACK, Theme.textOn(java.awt.Color.WHITE));
    assertEquals(java.awt.Color.BLACK, Theme.textOn(new java.awt.Color(253, 231, 37)));
    assertEquals(java.awt.Color.WHITE, Theme.textOn(new java.awt.Color(68, 1, 84)));
    assertEquals(java.awt.Color.WHITE, Theme.textOn(java.awt.Color.BLACK));
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
