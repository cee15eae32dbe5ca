package org.nodelab.plot;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.nodelab.nn.Module;
import org.nodelab.ode.Ode;
import org.nodelab.ode.Solver;
import org.nodelab.ode.VectorField;
import org.nodelab.tensor.Tensor;

/** Pictures in a 2-D state plane: the learned vector field with trajectories, the flow of a point cloud, decision regions. */
public final class PlaneCharts {
  private PlaneCharts() {}

  /**
   * The phase plane of a 2-D field: arrows of {@code f(t, h)} on a {@code grid × grid} lattice over
   * {@code box = {xmin, xmax, ymin, ymax}} ("learned field"), and the trajectories (each {@code [times, 2]})
   * named by {@code names}: as lines, or as translucent markers when the name starts with "data".
   *
   * @param f the field
   * @param t the time at which the field is drawn
   * @param box {@code {xmin, xmax, ymin, ymax}}
   * @param grid arrows per side
   * @param names one legend name per trajectory
   * @param trajectories paths {@code [times, 2]} drawn on top
   * @return a chart of the arrows and trajectories
   */
  public static XYChart phasePortrait(VectorField f, double t, double[] box, int grid, List<String> names,
      Tensor... trajectories) {
    XYChart chart = Theme.chart("Phase portrait", "h0", "h1");
    double[] points = lattice(box, grid);
    double dx = (box[1] - box[0]) / (grid - 1);
    double dy = (box[3] - box[2]) / (grid - 1);
    double[] v = Tensor.noGrad(() -> f.apply(t, Tensor.of(points, grid * grid, 2))).toArray();
    double longest = 1e-300;
    for (int k = 0; k < grid * grid; k++) {
      longest = Math.max(longest, Math.hypot(v[2 * k], v[2 * k + 1]));
    }
    double scale = 0.9 * Math.min(dx, dy) / longest;
    for (int k = 0; k < grid * grid; k++) {
      double x0 = points[2 * k];
      double y0 = points[2 * k + 1];
      double[][] xy = arrow(x0, y0, scale * v[2 * k], scale * v[2 * k + 1]);
      XYSeries arrow = chart.addSeries(k == 0 ? "learned field" : "arrow " + k, xy[0], xy[1]);
      arrow.setMarker(SeriesMarkers.NONE);
      arrow.setLineColor(Theme.MUTED);
      arrow.setLineWidth(1f);
      arrow.setShowInLegend(k == 0);
    }
    for (int i = 0; i < trajectories.length; i++) {
      Tensor tr = trajectories[i].reshape(-1, 2);
      String name = i < names.size() ? names.get(i) : "trajectory " + (i + 1);
      if (name.startsWith("data")) {
        Theme.points(chart, name, Charts.column(tr, 0), Charts.column(tr, 1), Theme.color(i));
      } else {
        Theme.line(chart, name, Charts.column(tr, 0), Charts.column(tr, 1), Theme.color(i));
      }
    }
    return Theme.finish(chart);
  }

  /** The x and y of an arrow from {@code (x0, y0)} along {@code (dx, dy)}: shaft, then a head of two barbs at ±25°. */
  private static double[][] arrow(double x0, double y0, double dx, double dy) {
    double x1 = x0 + dx;
    double y1 = y0 + dy;
    double barb = 0.3;
    double c = Math.cos(Math.toRadians(25));
    double s = Math.sin(Math.toRadians(25));
    double lx = x1 - barb * (c * dx - s * dy);
    double ly = y1 - barb * (s * dx + c * dy);
    double rx = x1 - barb * (c * dx + s * dy);
    double ry = y1 - barb * (-s * dx + c * dy);
    return new double[][] {{x0, x1, lx, x1, rx}, {y0, y1, ly, y1, ry}};
  }

  /**
   * How a cloud of 2-D points flows under {@code f} from {@code t0} to {@code t1}: each point's path
   * in light grey, start (circles) and end (diamonds) positions coloured by class.
   *
   * @param points shape {@code [n, 2]}
   * @param labels class of each point (shape {@code [n]}), or null
   * @param f the field
   * @param t0 the start time
   * @param t1 the end time
   * @param solver the solver of the paths
   * @return a chart of the paths, starts and ends
   */
  public static XYChart flow(VectorField f, Tensor points, Tensor labels, double t0, double t1, Solver solver) {
    XYChart chart = Theme.chart("Flow from t = " + NiceTicks.label(t0) + " to " + NiceTicks.label(t1), "h0", "h1");
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
      XYSeries s = chart.addSeries(p == 0 ? "path" : "path " + p, xs, ys);
      s.setMarker(SeriesMarkers.NONE);
      s.setLineColor(new Color(215, 215, 215));
      s.setLineWidth(1f);
      s.setShowInLegend(p == 0);
    }
    double[] label = labels == null ? new double[n] : labels.toArray();
    scatterByLabel(chart, "start, class ", points.toArray(), label, SeriesMarkers.CIRCLE, 90);
    scatterByLabel(chart, "end, class ", path.slice(0, frames - 1, frames).reshape(n, 2).toArray(), label,
        SeriesMarkers.DIAMOND, 200);
    return Theme.finish(chart);
  }

  /**
   * The class a 2-D classifier predicts over the box (faint squares) with the labelled data on top.
   *
   * @param classifier a module from {@code [n, 2]} to logits
   * @param x the data points {@code [n, 2]}
   * @param labels their classes
   * @param box {@code {xmin, xmax, ymin, ymax}}
   * @param grid squares per side
   * @return a chart of the regions and the data
   */
  public static XYChart decisionRegions(Module classifier, Tensor x, Tensor labels, double[] box, int grid) {
    XYChart chart = Theme.chart("Decision regions", "x0", "x1");
    double[] points = lattice(box, grid);
    double[] predicted = Tensor.noGrad(() -> classifier.apply(Tensor.of(points, grid * grid, 2)).argmax(1)).toArray();
    scatterByLabel(chart, "region ", points, predicted, SeriesMarkers.SQUARE, 40);
    for (XYSeries s : chart.getSeriesMap().values()) {
      s.setShowInLegend(false);
    }
    scatterByLabel(chart, "class ", x.toArray(), labels.toArray(), SeriesMarkers.CIRCLE, 200);
    return Theme.finish(chart);
  }

  private static double[] lattice(double[] box, int grid) {
    if (box.length != 4 || grid < 2) {
      throw new IllegalArgumentException("expected box {xmin, xmax, ymin, ymax} and grid >= 2, got "
          + box.length + " numbers and grid " + grid);
    }
    double[] points = new double[grid * grid * 2];
    for (int i = 0; i < grid; i++) {
      for (int j = 0; j < grid; j++) {
        points[2 * (i * grid + j)] = box[0] + (box[1] - box[0]) * i / (grid - 1);
        points[2 * (i * grid + j) + 1] = box[2] + (box[3] - box[2]) * j / (grid - 1);
      }
    }
    return points;
  }

  private static void scatterByLabel(XYChart chart, String prefix, double[] xy, double[] label, Marker marker,
      int alpha) {
    TreeMap<Integer, List<double[]>> groups = new TreeMap<>();
    for (int i = 0; i < label.length; i++) {
      groups.computeIfAbsent((int) label[i], k -> new ArrayList<>()).add(new double[] {xy[2 * i], xy[2 * i + 1]});
    }
    for (var e : groups.entrySet()) {
      double[] xs = e.getValue().stream().mapToDouble(p -> p[0]).toArray();
      double[] ys = e.getValue().stream().mapToDouble(p -> p[1]).toArray();
      XYSeries s = chart.addSeries(prefix + e.getKey(), xs, ys);
      s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
      s.setMarker(marker);
      s.setMarkerColor(Theme.translucent(Theme.color(e.getKey()), alpha));
    }
  }
}
