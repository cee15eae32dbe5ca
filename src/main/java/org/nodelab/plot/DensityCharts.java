package org.nodelab.plot;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.nodelab.model.Cnf;
import org.nodelab.tensor.Tensor;

/**
 * Pictures of 2-D densities in panels side by side on one chart (each panel the same box, shifted
 * right): the data, the learned density as a heat map and the model's samples; and the flow of
 * samples from the base (t = 0) to the data (t = T) at several times.
 */
public final class DensityCharts {
  /** Grid cells per side of a heat map. */
  public static final int GRID = 48;
  private static final int LEVELS = 12;
  private static final double GAP = 0.12;

  private DensityCharts() {}

  /**
   * Three panels: {@code data}, the flow's density {@code exp(log p)} on a {@value #GRID}² grid over
   * {@code box} (darker is denser, scaled to the largest value) and {@code n} samples of the flow.
   *
   * @param flow a trained flow on 2-D points
   * @param data points of the target, {@code [m, 2]}
   * @param box {@code {xmin, xmax, ymin, ymax}}
   * @param n how many samples to draw
   * @param seed seed of the samples
   * @return one chart of three panels
   */
  public static XYChart densityAndSamples(Cnf flow, Tensor data, double[] box, int n, long seed) {
    checkBox(box);
    XYChart chart = panels("Data, learned density, samples", 3);
    scatter(chart, "data", data, box, 0, Theme.color(0));
    heatMap(chart, flow, box, 1);
    Tensor samples = Tensor.noGrad(() -> flow.sample(n, seed));
    scatter(chart, "samples", samples, box, 2, Theme.color(1));
    return frame(chart, box, 3);
  }

  /**
   * The flow of {@code n} base samples to the data: one panel per time, from 0 to T.
   *
   * @param flow a trained flow on 2-D points
   * @param n how many samples
   * @param seed seed of the base samples
   * @param box {@code {xmin, xmax, ymin, ymax}}
   * @param times increasing times starting at 0
   * @return one chart of one panel per time
   */
  public static XYChart flowOfSamples(Cnf flow, int n, long seed, double[] box, double... times) {
    checkBox(box);
    if (times.length == 0) {
      throw new IllegalArgumentException("flowOfSamples needs at least one time");
    }
    Tensor z0 = flow.baseDensity().sample(n, 2, seed);
    Tensor path = Tensor.noGrad(() -> flow.flow(z0, times));
    XYChart chart = panels("Flow of samples from the base (t = 0) to the data (t = " + fmt(flow.endTime()) + ")",
        times.length);
    for (int k = 0; k < times.length; k++) {
      Tensor at = path.slice(0, k, k + 1).reshape(n, 2);
      scatter(chart, "t = " + fmt(times[k]), at, box, k, Theme.color(k));
    }
    return frame(chart, box, times.length);
  }

  private static XYChart panels(String title, int count) {
    XYChart chart = Theme.chart(title, "", "");
    chart.getStyler().setXAxisTicksVisible(false);
    double cellWide = 0.8 * Theme.width() / (count * (1 + GAP) * GRID);
    double cellHigh = 0.75 * Theme.height() / GRID;
    chart.getStyler().setMarkerSize((int) Math.ceil(Math.max(cellWide, cellHigh)) + 1);
    chart.getStyler().setPlotGridLinesVisible(false);
    chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideS);
    chart.getStyler().setLegendLayout(org.knowm.xchart.style.Styler.LegendLayout.Horizontal);
    return chart;
  }

  private static void scatter(XYChart chart, String name, Tensor points, double[] box, int panel, Color color) {
    double shift = panel * (box[1] - box[0]) * (1 + GAP);
    List<double[]> kept = new ArrayList<>();
    double[] p = points.toArray();
    for (int i = 0; i + 1 < p.length; i += 2) {
      if (p[i] >= box[0] && p[i] <= box[1] && p[i + 1] >= box[2] && p[i + 1] <= box[3]) {
        kept.add(new double[] {p[i] + shift, p[i + 1]});
      }
    }
    double[] x = kept.stream().mapToDouble(q -> q[0]).toArray();
    double[] y = kept.stream().mapToDouble(q -> q[1]).toArray();
    if (x.length == 0) {
      x = new double[] {Double.NaN};
      y = new double[] {Double.NaN};
    }
    XYSeries s = chart.addSeries(name, x, y);
    s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    s.setMarker(SeriesMarkers.CIRCLE);
    s.setMarkerColor(Theme.translucent(color, 45));
  }

  private static void heatMap(XYChart chart, Cnf flow, double[] box, int panel) {
    double[] grid = new double[GRID * GRID * 2];
    for (int i = 0; i < GRID; i++) {
      for (int j = 0; j < GRID; j++) {
        grid[2 * (i * GRID + j)] = box[0] + (box[1] - box[0]) * (i + 0.5) / GRID;
        grid[2 * (i * GRID + j) + 1] = box[2] + (box[3] - box[2]) * (j + 0.5) / GRID;
      }
    }
    double[] logp = Tensor.noGrad(() -> flow.logProb(Tensor.of(grid, GRID * GRID, 2))).toArray();
    double top = Double.NEGATIVE_INFINITY;
    for (double v : logp) {
      top = Math.max(top, v);
    }
    double shift = panel * (box[1] - box[0]) * (1 + GAP);
    List<List<double[]>> levels = new ArrayList<>();
    for (int k = 0; k < LEVELS; k++) {
      levels.add(new ArrayList<>());
    }
    for (int c = 0; c < logp.length; c++) {
      double density = Math.exp(logp[c] - top);
      int level = Math.min(LEVELS - 1, (int) (density * LEVELS));
      if (level > 0 || density > 0.02) {
        levels.get(level).add(new double[] {grid[2 * c] + shift, grid[2 * c + 1]});
      }
    }
    for (int k = 0; k < LEVELS; k++) {
      List<double[]> cells = levels.get(k);
      if (cells.isEmpty()) {
        continue;
      }
      XYSeries s = chart.addSeries("density level " + k, cells.stream().mapToDouble(q -> q[0]).toArray(),
          cells.stream().mapToDouble(q -> q[1]).toArray());
      s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
      s.setMarker(SeriesMarkers.SQUARE);
      float f = (k + 1f) / LEVELS;
      s.setMarkerColor(new Color(1 - 0.85f * f, 1 - 0.65f * f, 1 - 0.35f * f));
      s.setShowInLegend(k == LEVELS - 1);
      if (k == LEVELS - 1) {
        s.setLabel("learned density");
      }
    }
  }

  private static XYChart frame(XYChart chart, double[] box, int count) {
    double width = box[1] - box[0];
    chart.getStyler().setXAxisMin(box[0] - 0.02 * width);
    chart.getStyler().setXAxisMax(box[0] + count * width * (1 + GAP) - GAP * width + 0.02 * width);
    chart.getStyler().setYAxisMin(box[2]);
    chart.getStyler().setYAxisMax(box[3]);
    return chart;
  }

  private static void checkBox(double[] box) {
    if (box.length != 4 || !(box[1] > box[0]) || !(box[3] > box[2])) {
      throw new IllegalArgumentException("expected a box {xmin, xmax, ymin, ymax} with xmin < xmax and ymin < ymax, got "
          + java.util.Arrays.toString(box));
    }
  }

  private static String fmt(double t) {
    if (t == Math.rint(t) && Math.abs(t) < 1e15) {
      return Long.toString((long) t);
    }
    String s = String.format(Locale.ROOT, "%.3f", t);
    return s.replaceAll("0+$", "");
  }
}
