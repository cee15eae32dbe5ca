package org.nodelab.plot;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.nodelab.nn.Module;
import org.nodelab.ode.Ode;
import org.nodelab.ode.Solver;
import org.nodelab.ode.TraceStep;
import org.nodelab.ode.VectorField;
import org.nodelab.tensor.Tensor;
import tech.tablesaw.api.Table;

/** Chart helpers; each returns an {@link XYChart} (600×400) ready to show, tweak or export with {@link Export}. */
public final class Charts {
  private static final Color[] PALETTE = {
    new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44), new Color(214, 39, 40),
    new Color(148, 103, 189), new Color(140, 86, 75), new Color(227, 119, 194), new Color(127, 127, 127)
  };

  private Charts() {}

  static XYChart chart(String title, String x, String y) {
    XYChart chart = new XYChartBuilder().width(600).height(400).title(title).xAxisTitle(x).yAxisTitle(y).build();
    chart.getStyler().setSeriesColors(PALETTE);
    chart.getStyler().setMarkerSize(5);
    chart.getStyler().setChartBackgroundColor(Color.WHITE);
    return chart;
  }

  /** Training loss per step (log scale), with the validation loss where it was evaluated. */
  public static XYChart lossCurve(Table history) {
    XYChart chart = chart("Loss", "step", "loss");
    chart.getStyler().setYAxisLogarithmic(true);
    double[] steps = history.longColumn("step").asDoubleArray();
    double[] loss = history.doubleColumn("loss").asDoubleArray();
    line(chart, "training", steps, loss);
    if (history.columnNames().contains("val_loss")) {
      List<Double> vx = new ArrayList<>();
      List<Double> vy = new ArrayList<>();
      double[] val = history.doubleColumn("val_loss").asDoubleArray();
      for (int i = 0; i < val.length; i++) {
        if (!Double.isNaN(val[i]) && val[i] > 0) {
          vx.add(steps[i]);
          vy.add(val[i]);
        }
      }
      if (!vx.isEmpty()) {
        chart.addSeries("validation", vx, vy).setMarker(SeriesMarkers.CIRCLE);
      }
    }
    return chart;
  }

  /**
   * Each state dimension over time: the model's trajectory as lines, the observations as points.
   *
   * @param predicted shape {@code [times, dims]}
   * @param observedTimes times of the observations (may differ from {@code times})
   * @param observed shape {@code [observedTimes, dims]}, or null
   */
  public static XYChart trajectories(double[] times, Tensor predicted, double[] observedTimes, Tensor observed,
      String... names) {
    XYChart chart = chart("Trajectories", "t", "state");
    int dims = predicted.dim(-1);
    Tensor p = predicted.reshape(times.length, dims);
    for (int d = 0; d < dims; d++) {
      String name = d < names.length ? names[d] : "h" + d;
      line(chart, name + " (model)", times, column(p, d));
      if (observed != null) {
        chart.addSeries(name + " (data)", observedTimes, column(observed.reshape(observedTimes.length, dims), d))
            .setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
      }
    }
    return chart;
  }

  /**
   * The phase plane of a 2-D field: arrows of {@code f(t, h)} on a grid over the box, and the
   * given trajectories (each {@code [times, 2]}) as lines.
   */
  public static XYChart phasePortrait(VectorField f, double t, double[] box, int grid, Tensor... trajectories) {
    XYChart chart = chart("Phase portrait", "h0", "h1");
    chart.getStyler().setLegendVisible(trajectories.length > 0);
    double dx = (box[1] - box[0]) / (grid - 1);
    double dy = (box[3] - box[2]) / (grid - 1);
    double[] points = new double[grid * grid * 2];
    for (int i = 0; i < grid; i++) {
      for (int j = 0; j < grid; j++) {
        points[2 * (i * grid + j)] = box[0] + i * dx;
        points[2 * (i * grid + j) + 1] = box[2] + j * dy;
      }
    }
    double[] v = Tensor.noGrad(() -> f.apply(t, Tensor.of(points, grid * grid, 2))).toArray();
    double longest = 1e-300;
    for (int k = 0; k < grid * grid; k++) {
      longest = Math.max(longest, Math.hypot(v[2 * k], v[2 * k + 1]));
    }
    double scale = 0.9 * Math.min(dx, dy) / longest;
    for (int k = 0; k < grid * grid; k++) {
      double x0 = points[2 * k];
      double y0 = points[2 * k + 1];
      XYSeries arrow = chart.addSeries("arrow " + k, new double[] {x0, x0 + scale * v[2 * k]},
          new double[] {y0, y0 + scale * v[2 * k + 1]});
      arrow.setMarker(SeriesMarkers.NONE);
      arrow.setLineColor(new Color(150, 150, 150));
      arrow.setShowInLegend(false);
    }
    for (int i = 0; i < trajectories.length; i++) {
      Tensor tr = trajectories[i].reshape(-1, 2);
      line(chart, "trajectory " + i, column(tr, 0), column(tr, 1));
    }
    return chart;
  }

  /**
   * How a cloud of 2-D points flows under {@code f} from {@code t0} to {@code t1}: each point's path
   * in light grey, start and end positions coloured by label (the classic neural ODE picture).
   *
   * @param points shape {@code [n, 2]}
   * @param labels class of each point (shape {@code [n]}), or null
   */
  public static XYChart flow(VectorField f, Tensor points, Tensor labels, double t0, double t1, Solver solver) {
    XYChart chart = chart("Flow from t = " + t0 + " to " + t1, "h0", "h1");
    int n = points.dim(0);
    int frames = 25;
    double[] times = new double[frames];
    for (int i = 0; i < frames; i++) {
      times[i] = t0 + (t1 - t0) * i / (frames - 1);
    }
    Tensor path = Tensor.noGrad(() -> Ode.solve(f, points, times, solver).stacked());
    double[] all = path.toArray();
    for (int p = 0; p < n; p++) {
      double[] xs = new double[frames];
      double[] ys = new double[frames];
      for (int k = 0; k < frames; k++) {
        xs[k] = all[(k * n + p) * 2];
        ys[k] = all[(k * n + p) * 2 + 1];
      }
      XYSeries s = chart.addSeries("path " + p, xs, ys);
      s.setMarker(SeriesMarkers.NONE);
      s.setLineColor(new Color(210, 210, 210));
      s.setShowInLegend(false);
    }
    double[] label = labels == null ? new double[n] : labels.toArray();
    scatterByLabel(chart, "start", points.toArray(), label, SeriesMarkers.CIRCLE);
    scatterByLabel(chart, "end", path.slice(0, frames - 1, frames).reshape(n, 2).toArray(), label, SeriesMarkers.DIAMOND);
    return chart;
  }

  /** The class a 2-D classifier predicts over the box (faint grid points) with the data on top. */
  public static XYChart decisionRegions(Module classifier, Tensor x, Tensor labels, double[] box, int grid) {
    XYChart chart = chart("Decision regions", "x0", "x1");
    double[] points = new double[grid * grid * 2];
    for (int i = 0; i < grid; i++) {
      for (int j = 0; j < grid; j++) {
        points[2 * (i * grid + j)] = box[0] + (box[1] - box[0]) * i / (grid - 1);
        points[2 * (i * grid + j) + 1] = box[2] + (box[3] - box[2]) * j / (grid - 1);
      }
    }
    double[] predicted = Tensor.noGrad(() -> classifier.apply(Tensor.of(points, grid * grid, 2)).argmax(1)).toArray();
    scatterByLabel(chart, "region", points, predicted, SeriesMarkers.SQUARE);
    for (XYSeries s : chart.getSeriesMap().values()) {
      s.setShowInLegend(false);
    }
    scatterByLabel(chart, "class", x.toArray(), labels.toArray(), SeriesMarkers.CIRCLE);
    return chart;
  }

  /**
   * Error against evaluations (log–log), one line per method, from a table with columns {@code
   * method}, {@code evaluations}, {@code error} (as {@code ./nodelab bench solvers} measures).
   */
  public static XYChart workPrecision(Table table) {
    XYChart chart = chart("Work-precision", "function evaluations", "error");
    chart.getStyler().setXAxisLogarithmic(true);
    chart.getStyler().setYAxisLogarithmic(true);
    for (String method : table.stringColumn("method").unique()) {
      Table rows = table.where(table.stringColumn("method").isEqualTo(method)).sortOn("evaluations");
      chart.addSeries(method, rows.numberColumn("evaluations").asDoubleArray(), rows.numberColumn("error").asDoubleArray())
          .setMarker(SeriesMarkers.CIRCLE);
    }
    return chart;
  }

  /** Step sizes over time from a traced solve: accepted steps joined, rejected ones as crosses. */
  public static XYChart stepSizes(List<TraceStep> trace) {
    XYChart chart = chart("Step sizes", "t", "|h|");
    chart.getStyler().setYAxisLogarithmic(true);
    List<Double> at = new ArrayList<>();
    List<Double> h = new ArrayList<>();
    List<Double> rt = new ArrayList<>();
    List<Double> rh = new ArrayList<>();
    for (TraceStep s : trace) {
      (s.accepted() ? at : rt).add(s.t());
      (s.accepted() ? h : rh).add(Math.abs(s.h()));
    }
    if (!at.isEmpty()) {
      chart.addSeries("accepted", at, h).setMarker(SeriesMarkers.CIRCLE);
    }
    if (!rt.isEmpty()) {
      chart.addSeries("rejected", rt, rh).setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter)
          .setMarker(SeriesMarkers.CROSS);
    }
    return chart;
  }

  private static void scatterByLabel(XYChart chart, String prefix, double[] xy, double[] label,
      org.knowm.xchart.style.markers.Marker marker) {
    java.util.TreeMap<Integer, List<double[]>> groups = new java.util.TreeMap<>();
    for (int i = 0; i < label.length; i++) {
      groups.computeIfAbsent((int) label[i], k -> new ArrayList<>()).add(new double[] {xy[2 * i], xy[2 * i + 1]});
    }
    for (var e : groups.entrySet()) {
      double[] xs = e.getValue().stream().mapToDouble(p -> p[0]).toArray();
      double[] ys = e.getValue().stream().mapToDouble(p -> p[1]).toArray();
      XYSeries s = chart.addSeries(prefix + " " + e.getKey(), xs, ys);
      s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
      s.setMarker(marker);
      s.setMarkerColor(PALETTE[Math.floorMod(e.getKey(), PALETTE.length)]);
    }
  }

  private static void line(XYChart chart, String name, double[] x, double[] y) {
    chart.addSeries(name, x, y).setMarker(SeriesMarkers.NONE);
  }

  private static double[] column(Tensor t, int d) {
    int n = t.dim(0);
    int dims = t.dim(1);
    double[] all = t.toArray();
    double[] c = new double[n];
    for (int i = 0; i < n; i++) {
      c[i] = all[i * dims + d];
    }
    return c;
  }
}
