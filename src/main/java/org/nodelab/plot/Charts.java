package org.nodelab.plot;

import java.awt.Color;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.nodelab.nn.Module;
import org.nodelab.ode.Solver;
import org.nodelab.ode.TraceStep;
import org.nodelab.ode.VectorField;
import org.nodelab.tensor.Tensor;
import tech.tablesaw.api.Table;

/**
 * Chart helpers; each returns an {@link XYChart} in the {@link Theme} (size from {@link
 * Theme#defaults}), ready to show, tweak or export with {@link Export}. Planar pictures (phase
 * portrait, flow, decision regions) are drawn by {@link PlaneCharts}.
 */
public final class Charts {
  /** Window of the moving average drawn over the raw training loss. */
  public static final int SMOOTHING = 25;

  private Charts() {}

  /**
   * Training loss per step (log scale when it spans a decade): raw loss faint, its moving average bold
   * (geometric on a log axis), validation loss in its own colour.
   *
   * @param history a training history table (columns {@code step} and {@code loss}, optionally {@code
   *    val_loss})
   * @return a log- or linear-scale chart of loss against step
   */
  public static XYChart lossCurve(Table history) {
    return lossCurve(history, "step", "loss");
  }

  /**
   * {@link #lossCurve(Table)} with the caller's axis labels.
   *
   * @param history a training history table
   * @param xLabel the x axis' label
   * @param yLabel the y axis' label
   * @return a log- or linear-scale chart of loss against the x column
   */
  public static XYChart lossCurve(Table history, String xLabel, String yLabel) {
    XYChart chart = Theme.chart("Loss", xLabel, yLabel);
    double[] steps = history.numberColumn("step").asDoubleArray();
    double[] loss = history.numberColumn("loss").asDoubleArray();
    double[] positive = Theme.finite(loss);
    boolean log = positive.length == loss.length && positive.length > 0
        && NiceTicks.spansDecades(Arrays.stream(positive).min().getAsDouble(), Arrays.stream(positive).max().getAsDouble(), 1);
    chart.getStyler().setYAxisLogarithmic(log);
    Color training = Theme.color(0);
    int window = Math.min(SMOOTHING, Math.max(1, loss.length / 10));
    if (window > 1) {
      Theme.line(chart, "training (raw)", steps, loss, Theme.translucent(training, 70)).setLineWidth(1f);
      double[] smooth = log ? geometricMovingAverage(loss, window) : movingAverage(loss, window);
      Theme.line(chart, "training (mean of " + window + ")", steps, smooth, training);
    } else {
      Theme.line(chart, "training", steps, loss, training);
    }
    if (history.columnNames().contains("val_loss")) {
      List<Double> vx = new ArrayList<>();
      List<Double> vy = new ArrayList<>();
      double[] val = history.numberColumn("val_loss").asDoubleArray();
      for (int i = 0; i < val.length; i++) {
        if (Double.isFinite(val[i]) && val[i] > 0) {
          vx.add(steps[i]);
          vy.add(val[i]);
        }
      }
      if (!vx.isEmpty()) {
        XYSeries v = Theme.line(chart, "validation", toArray(vx), toArray(vy), Theme.color(1));
        v.setMarker(SeriesMarkers.CIRCLE);
        v.setMarkerColor(Theme.color(1));
      }
    }
    return Theme.finish(chart);
  }

  /**
   * The trailing mean of the last {@code window} values at each index (fewer at the start).
   *
   * @param values the series
   * @param window the number of values averaged, at least 1
   * @return one average per value
   */
  public static double[] movingAverage(double[] values, int window) {
    double[] mean = new double[values.length];
    double sum = 0;
    for (int i = 0; i < values.length; i++) {
      sum += values[i];
      if (i >= window) {
        sum -= values[i - window];
      }
      mean[i] = sum / Math.min(i + 1, window);
    }
    return mean;
  }

  /**
   * The trailing geometric mean (mean of logarithms), the middle of the raw curve on a log axis.
   *
   * @param values the series, positive
   * @param window the number of values averaged, at least 1
   * @return one average per value
   */
  public static double[] geometricMovingAverage(double[] values, int window) {
    double[] mean = movingAverage(Arrays.stream(values).map(Math::log).toArray(), window);
    return Arrays.stream(mean).map(Math::exp).toArray();
  }

  /**
   * Each state component over time in its own colour: the model as a line ("model x"), the data as
   * small translucent markers of the same colour ("data x"), thinned to {@link Theme#MAX_MARKERS}.
   *
   * @param predicted shape {@code [times, dims]}
   * @param observedTimes times of the observations (may differ from {@code times})
   * @param observed shape {@code [observedTimes, dims]}, or null
   * @param names component names ({@code h0, h1, ...} where missing)
   * @param times the model's times
   * @return a chart of the components against time
   */
  public static XYChart trajectories(double[] times, Tensor predicted, double[] observedTimes, Tensor observed,
      String... names) {
    return trajectories("t", "state", times, predicted, observedTimes, observed, names);
  }

  /**
   * {@link #trajectories(double[], Tensor, double[], Tensor, String...)} with the caller's axis labels.
   *
   * @param xLabel the x axis' label
   * @param yLabel the y axis' label
   * @param times the model's times
   * @param predicted shape {@code [times, dims]}
   * @param observedTimes times of the observations
   * @param observed shape {@code [observedTimes, dims]}, or null
   * @param names component names
   * @return a chart of the components against time
   */
  public static XYChart trajectories(String xLabel, String yLabel, double[] times, Tensor predicted,
      double[] observedTimes, Tensor observed, String... names) {
    XYChart chart = Theme.chart("Trajectories", xLabel, yLabel);
    int dims = predicted.dim(-1);
    Tensor p = predicted.reshape(times.length, dims);
    for (int d = 0; d < dims; d++) {
      String name = d < names.length ? names[d] : "h" + d;
      Theme.line(chart, "model " + name, times, column(p, d), Theme.color(d));
    }
    if (observed != null) {
      Tensor o = observed.reshape(observedTimes.length, dims);
      for (int d = 0; d < dims; d++) {
        String name = d < names.length ? names[d] : "h" + d;
        Theme.points(chart, "data " + name, observedTimes, column(o, d), Theme.color(d));
      }
    }
    return Theme.finish(chart);
  }

  /**
   * A fitted trajectory model drawn densely ({@link #DENSE} points of the solver's dense output)
   * over the data's own time axis and units, one colour per component, the observations as markers
   * of the same colour; held-out observations as open diamonds.
   *
   * @param model a trajectory model fitted to {@code fitted}
   * @param fitted the series it was fitted to (its first observation is the model's input)
   * @param heldOut further observations in the same units (none, or a held-out part)
   * @return a chart of the dense fit, observations and held-out points
   */
  public static XYChart fit(org.nodelab.model.TrajectoryModel model, org.nodelab.data.TimeSeries fitted,
      org.nodelab.data.TimeSeries... heldOut) {
    XYChart chart = Theme.chart("Fit", fitted.timeName(), "value");
    double end = fitted.end();
    for (org.nodelab.data.TimeSeries h : heldOut) {
      end = Math.max(end, h.end());
    }
    double[] dense = Tensor.linspace(fitted.start(), end, DENSE).toArray();
    Tensor curve = org.nodelab.train.Predictions.at(model, fitted, dense);
    org.nodelab.data.TimeSeries raw = fitted.unscaled();
    for (int d = 0; d < fitted.dim(); d++) {
      String name = fitted.names().get(d);
      Theme.line(chart, "model " + name, dense, column(curve.reshape(DENSE, -1), d), Theme.color(d));
      Theme.points(chart, "data " + name, raw.times(), raw.component(0, d), Theme.color(d));
      for (org.nodelab.data.TimeSeries h : heldOut) {
        XYSeries s = Theme.points(chart, "held-out " + name, h.times(), h.unscaled().component(0, d), Theme.color(d));
        s.setMarker(SeriesMarkers.DIAMOND);
      }
    }
    return Theme.finish(chart);
  }

  /** Points per fitted curve in {@link #fit}. */
  public static final int DENSE = 400;

  /**
   * Residuals (observed − predicted) of a fitted trajectory model at each observation, in the data's
   * units, one colour per component, with the zero line.
   *
   * @param model a trajectory model fitted to {@code fitted}
   * @param fitted the series it was fitted to
   * @param at the observations to compare with (e.g. {@code fitted} itself, or a held-out part)
   * @return a chart of residuals against time
   */
  public static XYChart residuals(org.nodelab.model.TrajectoryModel model, org.nodelab.data.TimeSeries fitted,
      org.nodelab.data.TimeSeries at) {
    XYChart chart = Theme.chart("Residuals", fitted.timeName(), "observed − model");
    Tensor r = org.nodelab.train.Predictions.residuals(model, fitted, at);
    double[] times = at.times();
    Theme.line(chart, "zero", new double[] {times[0], times[times.length - 1]}, new double[2], Theme.MUTED)
        .setShowInLegend(false);
    for (int d = 0; d < at.dim(); d++) {
      double[] values = column(r.slice(1, 0, 1).reshape(times.length, at.dim()), d);
      XYSeries s = Theme.line(chart, at.names().get(d), times, values, Theme.translucent(Theme.color(d), 140));
      s.setLineWidth(1f);
      s.setMarker(SeriesMarkers.CIRCLE);
      s.setMarkerColor(Theme.color(d));
    }
    return Theme.finish(chart);
  }

  /**
   * See {@link PlaneCharts#phasePortrait}; trajectories named "model", "data" (two) or "trajectory k".
   *
   * @param f the field
   * @param t the time at which the field is drawn
   * @param box {@code {xmin, xmax, ymin, ymax}}
   * @param grid arrows per side
   * @param trajectories paths {@code [times, 2]} drawn on top
   * @return a chart of the arrows and trajectories
   */
  public static XYChart phasePortrait(VectorField f, double t, double[] box, int grid, Tensor... trajectories) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < trajectories.length; i++) {
      names.add(trajectories.length == 2 ? (i == 0 ? "model" : "data") : trajectories.length == 1 ? "trajectory"
          : "trajectory " + (i + 1));
    }
    return PlaneCharts.phasePortrait(f, t, box, grid, names, trajectories);
  }

  /**
   * See {@link PlaneCharts#phasePortrait}, with a legend name per trajectory.
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
    return PlaneCharts.phasePortrait(f, t, box, grid, names, trajectories);
  }

  /**
   * See {@link PlaneCharts#flow}.
   *
   * @param f the field
   * @param points the starting points {@code [n, 2]}
   * @param labels the class of each point, or null
   * @param t0 the start time
   * @param t1 the end time
   * @param solver the solver of the paths
   * @return a chart of the paths, starts and ends
   */
  public static XYChart flow(VectorField f, Tensor points, Tensor labels, double t0, double t1, Solver solver) {
    return PlaneCharts.flow(f, points, labels, t0, t1, solver);
  }

  /**
   * See {@link PlaneCharts#decisionRegions}.
   *
   * @param classifier a module from {@code [n, 2]} to logits
   * @param x the data points {@code [n, 2]}
   * @param labels their classes
   * @param box {@code {xmin, xmax, ymin, ymax}}
   * @param grid squares per side
   * @return a chart of the regions and the data
   */
  public static XYChart decisionRegions(Module classifier, Tensor x, Tensor labels, double[] box, int grid) {
    return PlaneCharts.decisionRegions(classifier, x, labels, box, grid);
  }

  /**
   * Error against function evaluations, one line with markers per method, from a table with columns
   * {@code method}, {@code evaluations}, {@code error} (as {@code ./nodelab bench solvers} measures);
   * each axis logarithmic when its values span more than a decade.
   *
   * @param table the measurements
   * @return the chart, log–log
   */
  public static XYChart workPrecision(Table table) {
    XYChart chart = Theme.chart("Work-precision", "function evaluations", "error");
    double[] evaluations = table.numberColumn("evaluations").asDoubleArray();
    double[] errors = table.numberColumn("error").asDoubleArray();
    chart.getStyler().setXAxisLogarithmic(spansDecade(evaluations));
    chart.getStyler().setYAxisLogarithmic(spansDecade(errors));
    int k = 0;
    for (String method : table.stringColumn("method").unique()) {
      Table rows = table.where(table.stringColumn("method").isEqualTo(method)).sortOn("evaluations");
      XYSeries s = Theme.line(chart, method, rows.numberColumn("evaluations").asDoubleArray(),
          rows.numberColumn("error").asDoubleArray(), Theme.color(k));
      s.setMarker(SeriesMarkers.CIRCLE);
      s.setMarkerColor(Theme.color(k++));
    }
    return Theme.finish(chart);
  }

  /**
   * Step sizes |h| over time from a traced solve (log scale): accepted steps joined, rejected ones as crosses.
   *
   * @param trace the steps of a traced solve
   * @return a chart of |h| against t, log scale
   */
  public static XYChart stepSizes(List<TraceStep> trace) {
    XYChart chart = Theme.chart("Step sizes", "t", "step size |h|");
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
      XYSeries s = Theme.line(chart, "accepted", toArray(at), toArray(h), Theme.color(0));
      s.setMarker(SeriesMarkers.CIRCLE);
      s.setMarkerColor(Theme.color(0));
    }
    if (!rt.isEmpty()) {
      XYSeries s = chart.addSeries("rejected", toArray(rt), toArray(rh));
      s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
      s.setMarker(SeriesMarkers.CROSS);
      s.setMarkerColor(Theme.color(1));
    }
    return Theme.finish(chart);
  }

  private static boolean spansDecade(double[] values) {
    double[] positive = Theme.finite(values);
    return positive.length == values.length && positive.length > 0
        && NiceTicks.spansDecades(Arrays.stream(positive).min().getAsDouble(), Arrays.stream(positive).max().getAsDouble(), 1);
  }

  private static double[] toArray(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).toArray();
  }

  static double[] column(Tensor t, int d) {
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
