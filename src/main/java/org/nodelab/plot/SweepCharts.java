package org.nodelab.plot;

import java.awt.Color;
import java.awt.Font;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.DoubleFunction;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.HeatMapStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Charts of sweep tables (one row per configuration and repetition, with a {@code status} column):
 * a result against a parameter with bars over the repetitions, and a heat map over two parameters.
 * Rows whose status is not {@code ok}, or whose result is not finite, are left out. On a
 * logarithmic scale (a positive result spanning two decades) means are geometric.
 */
public final class SweepCharts {
  private static final Color[] HEAT = {new Color(68, 1, 84), new Color(59, 82, 139), new Color(33, 145, 140),
      new Color(94, 201, 98), new Color(253, 231, 37)};

  /** Offset between neighbouring series at one x, as a fraction of the x axis' range. */
  static final double DODGE = 0.02;

  private SweepCharts() {}

  /**
   * The mean of {@code result} at each value of {@code parameter}, with bars of ±1 standard deviation
   * over the rows that share it (the seeds); on a logarithmic axis the geometric mean with bars ×/÷
   * the geometric standard deviation.
   *
   * @param sweep a sweep table
   * @param parameter the x axis: a numeric parameter (logarithmic when it spans two decades) or a text one (categories)
   * @param result the y axis, a numeric result
   * @return the chart
   */
  public static XYChart errorBars(Table sweep, String parameter, String result) {
    return errorBars(sweep, parameter, result, null);
  }

  /**
   * {@link #errorBars(Table, String, String)} with one line per value of {@code series}, each drawn
   * {@value #DODGE} of the x range apart from the next (a factor on a logarithmic axis) so that bars at the
   * same x stay visible.
   *
   * @param sweep a sweep table
   * @param parameter the x axis
   * @param result the y axis
   * @param series a third parameter, one line per value, or null for one line
   * @return the chart
   */
  public static XYChart errorBars(Table sweep, String parameter, String result, String series) {
    Rows rows = Rows.of(sweep, parameter, series, result);
    boolean numeric = sweep.column(parameter) instanceof NumericColumn<?>;
    boolean logY = logScale(rows.y);
    boolean logX = numeric && logScale(rows.x);
    XYChart chart = Theme.chart(result + " against " + parameter, parameter,
        result + (logY ? " (geometric mean ×/÷ geometric sd)" : " (mean ± sd)"));
    chart.getStyler().setXAxisLogarithmic(logX);
    chart.getStyler().setYAxisLogarithmic(logY);
    List<String> xs = rows.xLabels(numeric);
    List<String> names = rows.seriesLabels();
    double step = dodgeStep(numeric ? xs.stream().mapToDouble(rows::xValue).toArray() : null, xs.size(), logX);
    int colour = 0;
    for (String s : names) {
      List<Double> px = new ArrayList<>();
      List<Double> py = new ArrayList<>();
      double shift = step * (colour - (names.size() - 1) / 2.0);
      Color color = Theme.color(colour++);
      for (int k = 0; k < xs.size(); k++) {
        double[] values = rows.values(s, xs.get(k));
        if (values.length == 0) {
          continue;
        }
        double x = logX ? rows.xValue(xs.get(k)) * Math.pow(10, shift) : (numeric ? rows.xValue(xs.get(k)) : k) + shift;
        double[] bar = logY ? geometric(values) : arithmetic(values);
        px.add(x);
        py.add(bar[0]);
        if (values.length > 1) {
          XYSeries e = chart.addSeries(s + " bar " + k, new double[] {x, x}, new double[] {bar[1], bar[2]});
          e.setMarker(SeriesMarkers.NONE);
          e.setLineColor(Theme.translucent(color, 170));
          e.setLineWidth(1.5f);
          e.setShowInLegend(false);
        }
      }
      XYSeries line = Theme.line(chart, series == null ? result : series + " = " + s,
          px.stream().mapToDouble(Double::doubleValue).toArray(), py.stream().mapToDouble(Double::doubleValue).toArray(), color);
      line.setMarker(SeriesMarkers.CIRCLE);
      line.setMarkerColor(color);
    }
    if (!numeric) {
      chart.getStyler().setxAxisTickLabelsFormattingFunction(x -> {
        int k = (int) Math.round(x);
        return Math.abs(x - k) < 1e-9 && k >= 0 && k < xs.size() ? xs.get(k) : "";
      });
      chart.getStyler().setXAxisMin(-0.5);
      chart.getStyler().setXAxisMax(xs.size() - 0.5);
      chart.getStyler().setLegendVisible(series != null);
      return chart;
    }
    Theme.finish(chart);
    chart.getStyler().setLegendVisible(series != null);
    return chart;
  }

  /**
   * How far apart neighbouring series are drawn at the same x, so that their bars do not hide each other:
   * {@value #DODGE} of the x range (in decades on a logarithmic axis, where the shift multiplies).
   */
  private static double dodgeStep(double[] x, int categories, boolean log) {
    if (x == null) {
      return DODGE * categories;
    }
    double min = Arrays.stream(x).min().orElse(0);
    double max = Arrays.stream(x).max().orElse(0);
    double span = log ? Math.log10(max / min) : max - min;
    return DODGE * (span > 0 ? span : Math.max(Math.abs(max), 1));
  }

  /**
   * The mean of {@code result} for each pair of values of two parameters, coloured (on a
   * logarithmic scale when the means are positive and span two decades) and printed in each cell.
   *
   * @param sweep a sweep table
   * @param xParameter the columns of the map
   * @param yParameter the rows of the map
   * @param result a numeric result
   * @return the chart
   */
  public static HeatMapChart heatMap(Table sweep, String xParameter, String yParameter, String result) {
    Rows rows = Rows.of(sweep, xParameter, yParameter, result);
    List<String> xs = rows.xLabels(sweep.column(xParameter) instanceof NumericColumn<?>);
    List<String> ys = rows.seriesLabels();
    if (sweep.column(yParameter) instanceof NumericColumn<?>) {
      ys.sort(Comparator.comparingDouble(rows.seriesValue::get));
    }
    boolean log = logScale(rows.y);
    List<Number[]> cells = new ArrayList<>();
    for (int i = 0; i < xs.size(); i++) {
      for (int j = 0; j < ys.size(); j++) {
        double[] values = rows.values(ys.get(j), xs.get(i));
        if (values.length > 0) {
          double mean = log ? geometric(values)[0] : arithmetic(values)[0];
          cells.add(new Number[] {i, j, log ? Math.log10(mean) : mean});
        }
      }
    }
    if (cells.isEmpty()) {
      throw new IllegalArgumentException("no row with status ok and a finite " + result + " to draw");
    }
    double largest = cells.stream().mapToDouble(c -> Math.abs(c[2].doubleValue())).max().orElse(0);
    String pattern = log || largest >= 1 ? (largest >= 1000 && !log ? "0" : "0.00") : largest >= 0.01 ? "0.0000" : "0.00E0";
    DoubleFunction<String> format = v -> new DecimalFormat(pattern, DecimalFormatSymbols.getInstance(Locale.ROOT)).format(v);
    HeatMapChart chart = new ValueHeatMap(Theme.width(), Theme.height(), format);
    chart.setTitle((log ? "log10 of the geometric mean " + result : "mean " + result) + " over " + xParameter + " and " + yParameter);
    chart.setXAxisTitle(xParameter);
    chart.setYAxisTitle(yParameter);
    HeatMapStyler s = chart.getStyler();
    Theme.frame(s);
    s.setRangeColors(HEAT);
    s.setValueFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    s.setHeatMapValueDecimalPattern(pattern);
    s.setHeatMapDecimalValueFormatter(format::apply);
    // XChart's colour range defaults to [0, Double.MIN_VALUE]; the legend prints its ends unformatted, so round them.
    double scale = pattern.equals("0.00") ? 100 : pattern.equals("0.0000") ? 1e4 : pattern.equals("0") ? 1 : 0;
    double lo = cells.stream().mapToDouble(c -> c[2].doubleValue()).min().orElse(0);
    double hi = cells.stream().mapToDouble(c -> c[2].doubleValue()).max().orElse(1);
    s.setMin(scale > 0 ? Math.floor(lo * scale) / scale : lo);
    s.setMax(scale > 0 ? Math.ceil(hi * scale) / scale : hi);
    chart.addSeries(result, axisLabels(sweep.column(xParameter), xs), axisLabels(sweep.column(yParameter), ys), cells);
    return chart;
  }

  /** Numeric labels in one notation ({@link NiceTicks#labels}: {@code 1e-7, 1e-5, 1e-3}), text as it is. */
  private static List<Object> axisLabels(Column<?> column, List<String> labels) {
    if (!(column instanceof NumericColumn<?> numbers)) {
      return new ArrayList<>(labels);
    }
    double[] values = new double[labels.size()];
    for (int k = 0; k < values.length; k++) {
      int row = -1;
      for (int i = 0; i < column.size() && row < 0; i++) {
        row = column.getString(i).equals(labels.get(k)) ? i : -1;
      }
      values[k] = numbers.getDouble(row);
    }
    return new ArrayList<>(List.of(NiceTicks.labels(values)));
  }

  private static boolean logScale(double[] values) {
    double min = Double.POSITIVE_INFINITY;
    double max = 0;
    for (double v : values) {
      if (!(v > 0)) {
        return false;
      }
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    return values.length > 0 && max >= 100 * min;
  }

  /** Mean, mean − sd, mean + sd (sample standard deviation). */
  static double[] arithmetic(double[] v) {
    double mean = 0;
    for (double x : v) {
      mean += x;
    }
    mean /= v.length;
    double ss = 0;
    for (double x : v) {
      ss += (x - mean) * (x - mean);
    }
    double sd = v.length > 1 ? Math.sqrt(ss / (v.length - 1)) : 0;
    return new double[] {mean, mean - sd, mean + sd};
  }

  /** Geometric mean, mean ÷ gsd, mean × gsd: the arithmetic ones of the logarithms, exponentiated. */
  static double[] geometric(double[] v) {
    double[] logs = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      logs[i] = Math.log(v[i]);
    }
    double[] a = arithmetic(logs);
    return new double[] {Math.exp(a[0]), Math.exp(a[1]), Math.exp(a[2])};
  }

  /** The ok rows of a sweep table as x label, series label and result. */
  private static final class Rows {
    private final List<String> xLabel = new ArrayList<>();
    private final List<String> seriesLabel = new ArrayList<>();
    private final Map<String, Double> xValue = new LinkedHashMap<>();
    private final Map<String, Double> seriesValue = new LinkedHashMap<>();
    private double[] x;
    private double[] y;

    static Rows of(Table t, String xName, String seriesName, String result) {
      for (String name : new String[] {xName, seriesName, result, "status"}) {
        if (name != null && !t.columnNames().contains(name)) {
          throw new IllegalArgumentException("the table has no column \"" + name + "\": expected one of " + t.columnNames());
        }
      }
      if (!(t.column(result) instanceof NumericColumn<?> ys)) {
        throw new IllegalArgumentException("result \"" + result + "\" is not numeric: expected a column of numbers");
      }
      Column<?> xc = t.column(xName);
      Column<?> sc = seriesName == null ? null : t.column(seriesName);
      Rows r = new Rows();
      List<Double> xv = new ArrayList<>();
      List<Double> yv = new ArrayList<>();
      for (int i = 0; i < t.rowCount(); i++) {
        double v = ys.getDouble(i);
        if (!"ok".equals(t.stringColumn("status").get(i)) || !Double.isFinite(v) || ys.isMissing(i)) {
          continue;
        }
        String label = xc.getString(i);
        r.xLabel.add(label);
        r.seriesLabel.add(sc == null ? result : sc.getString(i));
        if (sc instanceof NumericColumn<?> n) {
          r.seriesValue.put(sc.getString(i), n.getDouble(i));
        }
        if (xc instanceof NumericColumn<?> n) {
          r.xValue.put(label, n.getDouble(i));
          xv.add(n.getDouble(i));
        }
        yv.add(v);
      }
      r.x = xv.stream().mapToDouble(Double::doubleValue).toArray();
      r.y = yv.stream().mapToDouble(Double::doubleValue).toArray();
      return r;
    }

    List<String> xLabels(boolean numeric) {
      List<String> out = new ArrayList<>(new java.util.LinkedHashSet<>(xLabel));
      if (numeric) {
        out.sort(Comparator.comparingDouble(xValue::get));
      }
      return out;
    }

    List<String> seriesLabels() {
      return new ArrayList<>(new java.util.LinkedHashSet<>(seriesLabel));
    }

    double xValue(String label) {
      return xValue.get(label);
    }

    double[] values(String series, String x) {
      List<Double> out = new ArrayList<>();
      for (int i = 0; i < xLabel.size(); i++) {
        if (xLabel.get(i).equals(x) && seriesLabel.get(i).equals(series)) {
          out.add(y[i]);
        }
      }
      return out.stream().mapToDouble(Double::doubleValue).toArray();
    }
  }
}
