package org.nodelab.plot;

import java.awt.Color;
import java.util.Arrays;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.nodelab.tensor.Tensor;

/**
 * Uncertainty bands from sampled paths: pointwise quantiles of the samples drawn as a translucent filled
 * polygon, over time ({@link #quantiles}) or as a tube around a path in the plane ({@link #tube}).
 */
public final class Bands {
  /** Opacity (0–255) of a band's fill. */
  public static final int FILL_ALPHA = 70;

  private Bands() {}

  /**
   * One component of sampled paths as {@code [sample][point]}.
   *
   * @param draws samples of paths, {@code [samples, points, ..., components]} (e.g. {@code [20, 400, 1, 2]})
   * @param component the component to take, from 0
   * @return {@code out[k][i]}: component {@code component} of sample {@code k} at point {@code i}
   */
  public static double[][] component(Tensor draws, int component) {
    int d = draws.dim(-1);
    if (draws.rank() < 3 || component < 0 || component >= d) {
      throw new IllegalArgumentException("expected draws [samples, points, ..., components] and a component in [0, "
          + d + "), got shape " + Arrays.toString(draws.shape()) + " and component " + component);
    }
    double[] a = draws.toArray();
    int samples = draws.dim(0);
    int points = a.length / (samples * d);
    double[][] out = new double[samples][points];
    for (int k = 0; k < samples; k++) {
      for (int i = 0; i < points; i++) {
        out[k][i] = a[(k * points + i) * d + component];
      }
    }
    return out;
  }

  /**
   * The {@code p}-quantile at each point over the samples, interpolating linearly between order
   * statistics (Hyndman and Fan's type 7, the default of R and NumPy): at {@code h = (n − 1) p},
   * {@code x₍⌊h⌋₎ + (h − ⌊h⌋)(x₍⌊h⌋₊₁₎ − x₍⌊h⌋₎)}.
   *
   * @param samples {@code [sample][point]}, at least one sample, all of one length
   * @param p the probability, in [0, 1]
   * @return one quantile per point
   */
  public static double[] quantile(double[][] samples, double p) {
    if (samples.length == 0 || !(p >= 0 && p <= 1)) {
      throw new IllegalArgumentException("expected at least one sample and p in [0, 1], got " + samples.length
          + " samples and p = " + p);
    }
    int n = samples.length;
    double[] out = new double[samples[0].length];
    double[] column = new double[n];
    double h = (n - 1) * p;
    int lo = (int) Math.floor(h);
    int hi = Math.min(lo + 1, n - 1);
    for (int i = 0; i < out.length; i++) {
      for (int k = 0; k < n; k++) {
        if (samples[k].length != out.length) {
          throw new IllegalArgumentException("sample " + k + " has " + samples[k].length + " points, sample 0 has "
              + out.length);
        }
        column[k] = samples[k][i];
      }
      Arrays.sort(column);
      out[i] = column[lo] + (h - lo) * (column[hi] - column[lo]);
    }
    return out;
  }

  /**
   * Adds the band between the {@code lower} and {@code upper} quantiles of {@code samples} at each x
   * (e.g. 0.05 and 0.95 for a 90% band), filled translucent in {@code color}.
   *
   * @param chart the chart to add to
   * @param name the band's legend name
   * @param x the x of each point
   * @param samples {@code [sample][point]}, one value per x in each sample
   * @param lower the lower probability, e.g. 0.05
   * @param upper the upper probability, e.g. 0.95
   * @param color the colour
   * @return the band's series
   */
  public static XYSeries quantiles(XYChart chart, String name, double[] x, double[][] samples, double lower,
      double upper, Color color) {
    checkOrder(lower, upper);
    double[] lo = quantile(samples, lower);
    if (lo.length != x.length) {
      throw new IllegalArgumentException("expected one value per x (" + x.length + ") in each sample, got " + lo.length);
    }
    return polygon(chart, name, x, quantile(samples, upper), x, lo, color);
  }

  /**
   * Adds a tube around the path ({@code centreX}, {@code centreY}) holding the {@code lower} to
   * {@code upper} quantiles of the samples' distance from it across the path: at each point, along the
   * normal of the path (its central-difference tangent turned by 90°). The spread along the path (samples
   * ahead of or behind it) does not widen the tube.
   *
   * @param chart the chart to add to
   * @param name the band's legend name
   * @param centreX the path's x at each point
   * @param centreY the path's y at each point
   * @param samplesX the samples' x, {@code [sample][point]}
   * @param samplesY the samples' y, {@code [sample][point]}
   * @param lower the lower probability, e.g. 0.05
   * @param upper the upper probability, e.g. 0.95
   * @param color the colour
   * @return the band's series
   */
  public static XYSeries tube(XYChart chart, String name, double[] centreX, double[] centreY, double[][] samplesX,
      double[][] samplesY, double lower, double upper, Color color) {
    checkOrder(lower, upper);
    int m = centreX.length;
    if (centreY.length != m || m < 2 || samplesX.length != samplesY.length) {
      throw new IllegalArgumentException("expected a path of at least 2 points with x and y of one length and as many "
          + "x as y samples, got " + m + " x, " + centreY.length + " y, " + samplesX.length + " and "
          + samplesY.length + " samples");
    }
    double[][] normal = normals(centreX, centreY);
    double[][] across = new double[samplesX.length][m];
    for (int k = 0; k < samplesX.length; k++) {
      if (samplesX[k].length != m || samplesY[k].length != m) {
        throw new IllegalArgumentException("sample " + k + " has " + samplesX[k].length + " x and "
            + samplesY[k].length + " y, the path " + m + " points");
      }
      for (int i = 0; i < m; i++) {
        across[k][i] = (samplesX[k][i] - centreX[i]) * normal[i][0] + (samplesY[k][i] - centreY[i]) * normal[i][1];
      }
    }
    double[] lo = quantile(across, lower);
    double[] hi = quantile(across, upper);
    double[][] edges = new double[4][m];
    for (int i = 0; i < m; i++) {
      edges[0][i] = centreX[i] + hi[i] * normal[i][0];
      edges[1][i] = centreY[i] + hi[i] * normal[i][1];
      edges[2][i] = centreX[i] + lo[i] * normal[i][0];
      edges[3][i] = centreY[i] + lo[i] * normal[i][1];
    }
    return polygon(chart, name, edges[0], edges[1], edges[2], edges[3], color);
  }

  /** Unit normals (tangent turned anticlockwise) of a path; a point where the path stands still keeps the previous one. */
  static double[][] normals(double[] x, double[] y) {
    int m = x.length;
    double[][] out = new double[m][];
    for (int i = 0; i < m; i++) {
      double tx = x[Math.min(i + 1, m - 1)] - x[Math.max(i - 1, 0)];
      double ty = y[Math.min(i + 1, m - 1)] - y[Math.max(i - 1, 0)];
      double length = Math.hypot(tx, ty);
      out[i] = length > 0 ? new double[] {-ty / length, tx / length} : i > 0 ? out[i - 1] : new double[] {0, 1};
    }
    return out;
  }

  /** A closed filled polygon: along the upper edge, then back along the lower one. */
  private static XYSeries polygon(XYChart chart, String name, double[] upperX, double[] upperY, double[] lowerX,
      double[] lowerY, Color color) {
    int m = upperX.length;
    double[] px = new double[2 * m];
    double[] py = new double[2 * m];
    for (int i = 0; i < m; i++) {
      px[i] = upperX[i];
      py[i] = upperY[i];
      px[2 * m - 1 - i] = lowerX[i];
      py[2 * m - 1 - i] = lowerY[i];
    }
    XYSeries s = chart.addSeries(name, px, py);
    s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
    s.setMarker(SeriesMarkers.NONE);
    s.setFillColor(Theme.translucent(color, FILL_ALPHA));
    s.setLineColor(Theme.translucent(color, 0));
    s.setLineWidth(0.5f);
    return s;
  }

  private static void checkOrder(double lower, double upper) {
    if (!(lower >= 0 && lower < upper && upper <= 1)) {
      throw new IllegalArgumentException("expected 0 <= lower < upper <= 1, got lower " + lower + " and upper " + upper);
    }
  }
}
