package org.nodelab.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.nodelab.data.Dataset;
import org.nodelab.data.Spiral;
import org.nodelab.data.Synthetic;
import org.nodelab.nn.Mlp;
import org.nodelab.ode.Ode;
import org.nodelab.ode.Solvers;
import org.nodelab.ode.TensorSolution;
import org.nodelab.ode.VectorField;
import org.nodelab.tensor.Activation;
import org.nodelab.tensor.Tensor;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class ChartsTest {
  private static final VectorField SPIRAL = (t, y) -> y.pow(3).matmul(Tensor.of(new double[][] {{-0.1, -2}, {2, -0.1}}));

  @TempDir Path dir;

  /** Labels on both axes are distinct, at most 8 characters, and at least three per linear axis (two per log axis). */
  private static void assertReadableTicks(XYChart chart) {
    for (List<String> labels : List.of(TickLabels.x(chart), TickLabels.y(chart))) {
      boolean log = labels == null || labels.stream().allMatch(l -> l.contains("E"));
      assertTrue(labels.size() >= (log ? 2 : 3), chart.getTitle() + ": at least 3 ticks, got " + labels);
      assertEquals(labels.size(), new HashSet<>(labels).size(), chart.getTitle() + ": distinct ticks " + labels);
      for (String label : labels) {
        assertTrue(!label.isEmpty() && label.length() <= 8, chart.getTitle() + ": short tick label, got " + labels);
      }
    }
  }

  private static Table lossHistory(int iterations, boolean validation) {
    Random random = new Random(0);
    LongColumn step = LongColumn.create("step");
    DoubleColumn loss = DoubleColumn.create("loss");
    DoubleColumn val = DoubleColumn.create("val_loss");
    for (int i = 1; i <= iterations; i++) {
      double mean = Math.exp(-5.0 * i / iterations);
      step.append(i);
      loss.append(mean * Math.exp(0.5 * random.nextGaussian()));
      val.append(i % 25 == 0 ? 1.2 * mean : Double.NaN);
    }
    return validation ? Table.create("history", step, loss, val) : Table.create("history", step, loss);
  }

  private static XYSeries series(XYChart chart, String name) {
    XYSeries s = chart.getSeriesMap().get(name);
    assertTrue(s != null, "series '" + name + "' among " + chart.getSeriesMap().keySet());
    return s;
  }

  @Test
  void lossCurvesOverOneAndTwoThousandIterationsHaveIntegerTicks() {
    for (int iterations : new int[] {1000, 2000}) {
      XYChart chart = Charts.lossCurve(lossHistory(iterations, true));
      assertReadableTicks(chart);
      for (String label : TickLabels.x(chart)) {
        assertTrue(label.matches("\\d+"), "integer step labels, got " + TickLabels.x(chart));
      }
      assertTrue(chart.getStyler().isYAxisLogarithmic(), "loss spanning e^-5 is drawn on a log axis");
      Color raw = series(chart, "training (raw)").getLineColor();
      Color mean = series(chart, "training (mean of 25)").getLineColor();
      assertTrue(raw.getAlpha() < 128 && mean.getAlpha() == 255, "raw faint, mean opaque");
      assertEquals(mean.getRGB() & 0xFFFFFF, raw.getRGB() & 0xFFFFFF, "raw and mean share a hue");
      assertFalse(series(chart, "validation").getLineColor().equals(mean), "validation in its own colour");
    }
  }

  @Test
  void theMovingAverageIsTheTrailingMean() {
    double[] mean = Charts.movingAverage(new double[] {1, 2, 3, 4, 5}, 2);
    assertEquals(List.of(1.0, 1.5, 2.5, 3.5, 4.5), java.util.Arrays.stream(mean).boxed().toList());
    double[] geometric = Charts.geometricMovingAverage(new double[] {1, 100, 1e-2}, 2);
    assertEquals(10, geometric[1], 1e-12, "sqrt(1 * 100)");
    assertEquals(1, geometric[2], 1e-12, "sqrt(100 * 0.01)");
  }

  @Test
  void spiralTrajectoriesShareAColourPerComponentAndThinTheData() {
    Spiral spiral = Spiral.create();
    Tensor truth = spiral.trajectory().reshape(1000, 2);
    XYChart chart = Charts.trajectories(spiral.times(), truth.mul(1.05), spiral.times(), truth, "x", "y");
    assertReadableTicks(chart);
    assertEquals(List.of("0", "5", "10", "15", "20", "25"), TickLabels.x(chart), "times 0..25 hand-worked: step 5");
    for (String c : List.of("x", "y")) {
      XYSeries model = series(chart, "model " + c);
      XYSeries data = series(chart, "data " + c);
      assertEquals(model.getLineColor().getRGB() & 0xFFFFFF, data.getMarkerColor().getRGB() & 0xFFFFFF,
          "model and data of " + c + " share a colour");
      assertTrue(data.getMarkerColor().getAlpha() < 128, "a cloud of data markers is translucent");
      assertTrue(data.getXData().length <= Theme.MAX_MARKERS && data.getXData().length >= 100,
          "1000 data points thinned to at most " + Theme.MAX_MARKERS + ", got " + data.getXData().length);
    }
    assertFalse(series(chart, "model x").getLineColor().equals(series(chart, "model y").getLineColor()));
  }

  @Test
  void lynxHareYearsReadAsYears() {
    double[] years = new double[21];
    double[] pelts = new double[42];
    for (int i = 0; i < 21; i++) {
      years[i] = 1900 + i;
      pelts[2 * i] = 300 + 250 * Math.sin(i / 1.6);
      pelts[2 * i + 1] = 200 + 180 * Math.cos(i / 1.6);
    }
    Tensor data = Tensor.of(pelts, 21, 2);
    XYChart chart = Charts.trajectories("year", "pelts (thousands)", years, data, years, data, "hare", "lynx");
    assertReadableTicks(chart);
    for (String label : TickLabels.x(chart)) {
      assertTrue(label.matches("19[0-2]\\d"), "year labels, got " + TickLabels.x(chart));
    }
    assertEquals("year", chart.getXAxisTitle());
  }

  @Test
  void phasePortraitNamesTheFieldAndTheTrajectories() {
    Tensor truth = Spiral.create().trajectory().reshape(1000, 2);
    XYChart chart = Charts.phasePortrait(SPIRAL, 0, new double[] {-2, 2, -2, 2}, 15, truth.mul(0.9), truth);
    assertReadableTicks(chart);
    assertTrue(series(chart, "learned field").isShowInLegend());
    assertTrue(series(chart, "model").isShowInLegend());
    assertTrue(series(chart, "data").isShowInLegend());
    long inLegend = chart.getSeriesMap().values().stream().filter(XYSeries::isShowInLegend).count();
    assertEquals(3, inLegend, "one legend entry per kind of thing drawn");
    XYChart named = Charts.phasePortrait(SPIRAL, 0, new double[] {-2, 2, -2, 2}, 5, List.of("fit"), truth);
    assertTrue(series(named, "fit").isShowInLegend());
  }

  @Test
  void circlesFlowAndDecisionRegionsRender() {
    Dataset d = Synthetic.circles(200, 0);
    XYChart flow = Charts.flow((t, y) -> y.neg(), d.x(), d.y(), 0, 1, Solvers.rk45());
    assertReadableTicks(flow);
    assertEquals("Flow from t = 0 to 1", flow.getTitle());
    Mlp net = new Mlp(Activation.TANH, 1, 2, 8, 2);
    XYChart regions = Charts.decisionRegions(net, d.x(), d.y(), new double[] {-1.6, 1.6, -1.6, 1.6}, 40);
    assertReadableTicks(regions);
    assertTrue(series(regions, "class 0").getMarkerColor().getAlpha() < 255);
    assertFalse(series(regions, "region 0").isShowInLegend());
  }

  @Test
  void workPrecisionAndStepSizesUseLogAxesOverDecades() {
    Table wp = Table.create("wp", StringColumn.create("method"), LongColumn.create("evaluations"),
        DoubleColumn.create("error"));
    String[] methods = {"bosh3", "dopri5", "tsit5", "dopri8"};
    for (int m = 0; m < methods.length; m++) {
      for (int k = 0; k < 8; k++) {
        wp.stringColumn("method").append(methods[m]);
        wp.longColumn("evaluations").append(Math.round(20 * Math.pow(2.2 - 0.3 * m, k) * (m + 1)));
        wp.doubleColumn("error").append(Math.pow(10, -2 - (k + m) * 10.0 / 11));
      }
    }
    XYChart chart = Charts.workPrecision(wp);
    assertReadableTicks(chart);
    assertTrue(chart.getStyler().isXAxisLogarithmic() && chart.getStyler().isYAxisLogarithmic());
    assertTrue(TickLabels.y(chart).contains("1E-8"), "decade labels, got " + TickLabels.y(chart));
    TensorSolution traced = Ode.solve((t, y) -> y.mul(y.pow(2).neg().add(1)), Tensor.of(0.1), new double[] {0, 10},
        Solvers.dopri5().rtol(1e-6).atol(1e-6).trace(true));
    XYChart steps = Charts.stepSizes(traced.trace());
    assertReadableTicks(steps);
    assertTrue(steps.getStyler().isYAxisLogarithmic());
  }

  /**
   * Evaluations from 2,300 to 31,000 (as the stiff work–precision charts measure) hold one power of ten,
   * so a log axis would carry the single label 1E4: the axis widens to 1E3…1E5 and shows all three.
   */
  @Test
  void narrowLogAxesWidenToWholeDecades() {
    Table wp = Table.create("wp", StringColumn.create("method"), LongColumn.create("evaluations"),
        DoubleColumn.create("error"));
    long[] evaluations = {2300, 4900, 9900, 31000};
    for (int k = 0; k < evaluations.length; k++) {
      wp.stringColumn("method").append("radau5");
      wp.longColumn("evaluations").append(evaluations[k]);
      wp.doubleColumn("error").append(Math.pow(10, -2 - 2 * k));
    }
    XYChart chart = Charts.workPrecision(wp);
    assertEquals(List.of("1E3", "1E4", "1E5"), TickLabels.x(chart));
    assertEquals(1e3, chart.getStyler().getXAxisMin(), 0);
    assertEquals(1e5, chart.getStyler().getXAxisMax(), 0);
    assertEquals(null, chart.getStyler().getYAxisMin(), "the error axis spans six decades and keeps its range");
  }

  @Test
  void sizeAndScaleAreTheCallers() throws Exception {
    XYChart chart = Charts.lossCurve(lossHistory(100, false));
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(Export.png(chart, 2)));
    assertEquals(2 * chart.getWidth(), image.getWidth());
    assertEquals(2 * chart.getHeight(), image.getHeight());
    int width = Theme.width();
    int height = Theme.height();
    double scale = Theme.scale();
    try {
      Theme.defaults(400, 300, 1);
      XYChart small = Charts.lossCurve(lossHistory(100, false));
      assertEquals(400, small.getWidth());
      assertEquals(300, small.getHeight());
    } finally {
      Theme.defaults(width, height, scale);
    }
  }

  @Test
  void svgAndFilesAreWrittenWithoutTheXmlDeclaration() throws Exception {
    XYChart chart = Charts.stepSizes(Ode.solve((t, y) -> y.neg(), Tensor.of(1.0), new double[] {0, 5},
        Solvers.dopri5().trace(true)).trace());
    String svg = Export.svg(chart);
    assertTrue(svg.startsWith("<svg") || svg.startsWith("<!DOCTYPE"), svg.substring(0, 40));
    assertFalse(svg.contains("<?xml"));
    Export.savePng(chart, dir.resolve("c.png"));
    Export.saveSvg(chart, dir.resolve("c.svg"));
    byte[] png = Files.readAllBytes(dir.resolve("c.png"));
    assertEquals((byte) 0x89, png[0]);
    assertEquals('P', png[1]);
    try (var files = Files.list(dir)) {
      assertEquals(2, files.count(), "no temporary files left");
    }
  }

  /** Writes every chart of this test as PNG when {@code nodelab.charts.dir} is set, to look at them. */
  @Test
  void chartsCanBeWrittenForInspection() {
    String out = System.getProperty("nodelab.charts.dir");
    Spiral spiral = Spiral.create();
    Tensor truth = spiral.trajectory().reshape(1000, 2);
    List<XYChart> charts = new ArrayList<>(List.of(Charts.lossCurve(lossHistory(1000, false)),
        Charts.lossCurve(lossHistory(2000, true)),
        Charts.trajectories(spiral.times(), truth.mul(1.05), spiral.times(), truth, "x", "y"),
        Charts.phasePortrait(SPIRAL, 0, new double[] {-2, 2, -2, 2}, 15, truth.mul(0.9), truth)));
    for (int i = 0; i < charts.size(); i++) {
      byte[] png = Export.png(charts.get(i));
      assertEquals((byte) 0x89, png[0]);
      if (out != null) {
        org.nodelab.io.AtomicFile.write(Path.of(out, "chart" + i + ".png"), png);
      }
    }
  }
}
