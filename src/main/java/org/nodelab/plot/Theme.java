package org.nodelab.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.Arrays;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The one look of every chart in {@code plot}: fonts, palette (Okabe–Ito, safe for colour-blind
 * readers), line widths, marker size and transparency, grid, and the default size and PNG scale.
 */
public final class Theme {
  /** Okabe–Ito colours: blue, vermillion, bluish green, orange, reddish purple, sky blue, yellow, black. */
  public static final Color[] PALETTE = {
    new Color(0, 114, 178), new Color(213, 94, 0), new Color(0, 158, 115), new Color(230, 159, 0),
    new Color(204, 121, 167), new Color(86, 180, 233), new Color(240, 228, 66), new Color(0, 0, 0)
  };
  /** Colour of secondary lines (vector-field arrows, flow paths). */
  public static final Color MUTED = new Color(170, 170, 170);
  /** Opacity (0–255) of data markers, so that model lines stay visible beneath them. */
  public static final int DATA_ALPHA = 110;
  /** At most this many markers per data series; longer series are thinned evenly. */
  public static final int MAX_MARKERS = 200;
  /** Data series with at most this many points are drawn larger and nearly opaque (a few observations, not a cloud). */
  public static final int SPARSE = 60;
  /** Width of model lines in pixels. */
  public static final float LINE_WIDTH = 2f;

  /** Labels of logarithmic axes (XChart labels only their decades): {@code 1E-8}. */
  private static final String LOG_PATTERN = "0E0";

  private static volatile int width = 720;
  private static volatile int height = 450;
  private static volatile double scale = 1;

  private Theme() {}

  /**
   * Sets the size in pixels of the charts built from now on and the scale of their PNG (2 for
   * high-DPI screens and print).
   *
   * @param width the width in pixels
   * @param height the height in pixels
   * @param scale device pixels per chart pixel, positive
   */
  public static void defaults(int width, int height, double scale) {
    if (width < 100 || height < 100 || !(scale > 0 && scale <= 8)) {
      throw new IllegalArgumentException("expected width, height >= 100 and 0 < scale <= 8, got " + width + "x"
          + height + " at scale " + scale);
    }
    Theme.width = width;
    Theme.height = height;
    Theme.scale = scale;
  }

  /**
   * Default chart width in pixels.
   *
   * @return the width in pixels
   */
  public static int width() {
    return width;
  }

  /**
   * Default chart height in pixels.
   *
   * @return the height in pixels
   */
  public static int height() {
    return height;
  }

  /**
   * Default PNG scale (device pixels per chart pixel).
   *
   * @return device pixels per chart pixel
   */
  public static double scale() {
    return scale;
  }

  /**
   * The palette colour of series {@code i} (cycling).
   *
   * @param i the series' index, from 0
   * @return the colour of the palette at {@code i} modulo its length
   */
  public static Color color(int i) {
    return PALETTE[Math.floorMod(i, PALETTE.length)];
  }

  /**
   * {@code c} with opacity {@code alpha} (0–255).
   *
   * @param c the colour
   * @param alpha the opacity, 0 (transparent) to 255 (opaque)
   * @return the translucent colour
   */
  public static Color translucent(Color c, int alpha) {
    return new Color(c.getRed(), c.getGreen(), c.getBlue(), alpha);
  }

  /**
   * The relative luminance of {@code c} (WCAG 2): 0.2126 R + 0.7152 G + 0.0722 B of the linearised sRGB
   * channels, from 0 (black) to 1 (white).
   *
   * @param c the colour
   * @return its relative luminance
   */
  public static double luminance(Color c) {
    return 0.2126 * linear(c.getRed()) + 0.7152 * linear(c.getGreen()) + 0.0722 * linear(c.getBlue());
  }

  private static double linear(int channel) {
    double v = channel / 255.0;
    return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
  }

  /**
   * Black or white, whichever has the higher contrast ratio (L₁ + 0.05) / (L₂ + 0.05) on {@code background}
   * (WCAG 2): black from a luminance of about 0.18.
   *
   * @param background the colour the text is drawn on
   * @return {@link Color#BLACK} or {@link Color#WHITE}
   */
  public static Color textOn(Color background) {
    double l = luminance(background);
    return (l + 0.05) / 0.05 >= 1.05 / (l + 0.05) ? Color.BLACK : Color.WHITE;
  }

  /**
   * An empty chart in the theme, with the title and axis labels given.
   *
   * @param title the chart's title
   * @param xLabel the x axis' label
   * @param yLabel the y axis' label
   * @return the chart, with the theme's size and style
   */
  public static XYChart chart(String title, String xLabel, String yLabel) {
    XYChart chart = new XYChartBuilder().width(width).height(height).title(title).xAxisTitle(xLabel)
        .yAxisTitle(yLabel).build();
    XYStyler s = chart.getStyler();
    s.setSeriesColors(PALETTE);
    s.setSeriesLines(new BasicStroke[] {SeriesLines.SOLID});
    frame(s);
    s.setPlotBorderColor(new Color(120, 120, 120));
    s.setPlotGridLinesColor(new Color(236, 236, 236));
    s.setPlotGridLinesStroke(new BasicStroke(1f));
    s.setLegendBorderColor(Color.WHITE);
    s.setMarkerSize(4);
    s.setXAxisTickMarkSpacingHint(90);
    s.setYAxisTickMarkSpacingHint(60);
    s.setxAxisTickLabelsFormattingFunction(NiceTicks::label);
    s.setyAxisTickLabelsFormattingFunction(NiceTicks::label);
    return chart;
  }

  /**
   * The theme's frame for any chart with axes: white backgrounds, the title, axis and legend fonts,
   * the legend to the right.
   *
   * @param s the chart's styler
   */
  static void frame(AxesChartStyler s) {
    s.setChartBackgroundColor(Color.WHITE);
    s.setPlotBackgroundColor(Color.WHITE);
    s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
    s.setChartTitleBoxVisible(false);
    s.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
    s.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    s.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    s.setLegendPosition(Styler.LegendPosition.OutsideE);
  }

  /**
   * Adds a model line (no markers) in {@code color}.
   *
   * @param chart the chart to add to
   * @param name the series' legend name
   * @param x the x values
   * @param y the y values
   * @param color the colour
   * @return the series, to style further
   */
  public static XYSeries line(XYChart chart, String name, double[] x, double[] y, Color color) {
    XYSeries s = chart.addSeries(name, x, y);
    s.setMarker(SeriesMarkers.NONE);
    s.setLineColor(color);
    s.setLineWidth(LINE_WIDTH);
    return s;
  }

  /**
   * Adds data as small translucent markers in {@code color}, at most {@link #MAX_MARKERS} of them;
   * up to {@link #SPARSE} points get larger, nearly opaque markers.
   *
   * @param chart the chart to add to
   * @param name the series' legend name
   * @param x the x values
   * @param y the y values
   * @param color the colour
   * @return the series, to style further
   */
  public static XYSeries points(XYChart chart, String name, double[] x, double[] y, Color color) {
    int every = Math.max(1, (int) Math.ceil(x.length / (double) MAX_MARKERS));
    int n = (x.length + every - 1) / every;
    double[] tx = new double[n];
    double[] ty = new double[n];
    for (int i = 0; i < n; i++) {
      tx[i] = x[i * every];
      ty[i] = y[i * every];
    }
    XYSeries s = chart.addSeries(name, tx, ty);
    s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    s.setMarker(SeriesMarkers.CIRCLE);
    boolean sparse = n <= SPARSE;
    s.setMarkerColor(translucent(color, sparse ? 200 : DATA_ALPHA));
    if (sparse) {
      chart.getStyler().setMarkerSize(7);
    }
    return s;
  }

  /**
   * Makes XChart place ticks at nice 1-2-5 steps: it otherwise puts them on the data's own x values
   * when those are equally spaced (ticks like 8.358358358358359). A one-point series that draws
   * nothing, off that grid, prevents it. Logarithmic axes keep XChart's decade ticks, labelled {@code 1E-8}, without
   * grid lines (XChart would draw one per minor tick), and widen to whole decades when their data would show fewer
   * than two labels.
   *
   * @param chart the chart
   * @return the same chart
   */
  public static XYChart finish(XYChart chart) {
    XYSeries first = chart.getSeriesMap().values().stream().filter(s -> s.getXData().length >= 2).findFirst()
        .orElse(null);
    if (first != null) {
      double[] x = first.getXData();
      double[] y = first.getYData();
      double off = x[0] + (x[1] - x[0]) / Math.PI;
      XYSeries anchor = chart.addSeries(" ", new double[] {off}, new double[] {y[0]});
      anchor.setMarker(SeriesMarkers.NONE);
      anchor.setLineColor(translucent(Color.WHITE, 0));
      anchor.setShowInLegend(false);
    }
    XYStyler styler = chart.getStyler();
    if (styler.isXAxisLogarithmic() && styler.getXAxisMin() == null && styler.getXAxisMax() == null) {
      double[] range = wholeDecades(chart, true);
      if (range != null) {
        styler.setXAxisMin(range[0]);
        styler.setXAxisMax(range[1]);
      }
    }
    if (styler.isYAxisLogarithmic() && styler.getYAxisMin() == null && styler.getYAxisMax() == null) {
      double[] range = wholeDecades(chart, false);
      if (range != null) {
        styler.setYAxisMin(range[0]);
        styler.setYAxisMax(range[1]);
      }
    }
    if (styler.isXAxisLogarithmic()) {
      styler.setxAxisTickLabelsFormattingFunction(null);
      styler.setXAxisDecimalPattern(LOG_PATTERN);
      styler.setPlotGridVerticalLinesVisible(false);
    }
    if (styler.isYAxisLogarithmic()) {
      styler.setyAxisTickLabelsFormattingFunction(null);
      styler.setYAxisDecimalPattern(LOG_PATTERN);
      styler.setPlotGridHorizontalLinesVisible(false);
    }
    chart.getStyler().setLegendVisible(chart.getSeriesMap().values().stream().anyMatch(XYSeries::isShowInLegend));
    return chart;
  }

  /**
   * The enclosing powers of ten of the positive data on one axis when fewer than two of them lie
   * inside it (XChart labels a logarithmic axis only at powers of ten, so such an axis would show
   * one label or none); null when the data already span two labelled decades or hold no positive value.
   */
  static double[] wholeDecades(XYChart chart, boolean x) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = 0;
    for (XYSeries series : chart.getSeriesMap().values()) {
      for (double v : finite(x ? series.getXData() : series.getYData())) {
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
    }
    if (!(hi > 0)) {
      return null;
    }
    double first = Math.ceil(Math.log10(lo) - 1e-12);
    double last = Math.floor(Math.log10(hi) + 1e-12);
    if (last - first >= 1) {
      return null;
    }
    double below = Math.floor(Math.log10(lo) + 1e-12);
    double above = Math.max(Math.ceil(Math.log10(hi) - 1e-12), below + 1);
    return new double[] {Math.pow(10, below), Math.pow(10, above)};
  }

  static double[] finite(double[] values) {
    return Arrays.stream(values).filter(v -> Double.isFinite(v) && v > 0).toArray();
  }
}
