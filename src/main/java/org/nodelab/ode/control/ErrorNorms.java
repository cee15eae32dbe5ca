package org.nodelab.ode.control;

/**
 * The error ratio of a step under {@link Tolerances}: over the whole state (RMS or max), or
 * block-wise; in both, the method's {@link ErrorEstimate#combine} turns a group's sums of squared
 * scaled errors into its ratio.
 */
final class ErrorNorms {
  private ErrorNorms() {}

  /** {@code |h|·combine(Σe², Σe3², n)} over the first {@code n} components, {@code e = err/scale}. */
  static double single(Tolerances c, double h, ErrorEstimate estimate, double[] y0, double[] y1, int n) {
    double[] err = estimate.primary();
    double[] err3 = estimate.secondary();
    boolean rms = c.norm() == ErrorNorm.RMS;
    double sum5 = 0;
    double sum3 = 0;
    double max5 = 0;
    double max3 = 0;
    for (int j = 0; j < n; j++) {
      double scale = c.scale(j, y0[j], y1[j]);
      double e5 = err[j] / scale;
      sum5 += e5 * e5;
      max5 = Math.max(max5, Math.abs(e5));
      if (err3 != null) {
        double e3 = err3[j] / scale;
        sum3 += e3 * e3;
        max3 = Math.max(max3, Math.abs(e3));
      }
    }
    if (!rms) {
      sum5 = max5 * max5;
      sum3 = max3 * max3;
      n = 1;
    }
    if (!Double.isFinite(sum5 + sum3)) {
      return Double.isNaN(sum5 + sum3) ? Double.NaN : Double.POSITIVE_INFINITY;
    }
    return Math.abs(h) * estimate.combine(sum5, sum3, n);
  }

  /** {@code |h|·max_b combine_b} over the first {@code counted} blocks, each an RMS group. */
  static double mixed(Tolerances c, double h, ErrorEstimate estimate, double[] y0, double[] y1, int[] blocks,
      int counted) {
    double[] err = estimate.primary();
    double[] err3 = estimate.secondary();
    double worst = 0;
    int at = 0;
    for (int b = 0; b < counted; b++) {
      double sum5 = 0;
      double sum3 = 0;
      for (int j = at; j < at + blocks[b]; j++) {
        double scale = c.scale(j, y0[j], y1[j]);
        double e = err[j] / scale;
        sum5 += e * e;
        if (err3 != null) {
          double e3 = err3[j] / scale;
          sum3 += e3 * e3;
        }
      }
      if (Double.isNaN(sum5 + sum3)) {
        return Double.NaN;
      }
      double ratio = Double.isInfinite(sum5 + sum3) ? Double.POSITIVE_INFINITY
          : estimate.combine(sum5, sum3, blocks[b]);
      worst = Math.max(worst, ratio);
      at += blocks[b];
    }
    return Math.abs(h) * worst;
  }
}
