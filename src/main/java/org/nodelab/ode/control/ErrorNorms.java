package org.nodelab.ode.control;

/** The error ratio of a step under a {@link StepControl}: plain, DOP853's combined, or block-wise. */
final class ErrorNorms {
  private ErrorNorms() {}

  /**
   * {@code |h|·‖e‖} over the first {@code n} components, {@code e = err/scale}; with {@code err3},
   * Hairer's DOP853 combination {@code |h|·‖e₅‖²/√(‖e₅‖² + 0.01‖e₃‖²)} (the RMS form divides the
   * squares by {@code n}, as scipy's DOP853).
   */
  static double single(StepControl c, double h, double[] err, double[] err3, double[] y0, double[] y1, int n) {
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
    if (err3 == null) {
      return Math.abs(h) * Math.sqrt(sum5 / n);
    }
    if (sum5 == 0 && sum3 == 0) {
      return 0;
    }
    return Math.abs(h) * sum5 / Math.sqrt((sum5 + 0.01 * sum3) * n);
  }

  /** {@code |h|·max_b RMS_b(err/scale)} over the first {@code counted} blocks. */
  static double mixed(StepControl c, double h, double[] err, double[] y0, double[] y1, int[] blocks, int counted) {
    double worst = 0;
    int at = 0;
    for (int b = 0; b < counted; b++) {
      double sum = 0;
      for (int j = at; j < at + blocks[b]; j++) {
        double e = err[j] / c.scale(j, y0[j], y1[j]);
        sum += e * e;
      }
      double rms = Math.sqrt(sum / blocks[b]);
      if (Double.isNaN(rms)) {
        return Double.NaN;
      }
      worst = Math.max(worst, rms);
      at += blocks[b];
    }
    return Math.abs(h) * worst;
  }
}
