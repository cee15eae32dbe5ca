package org.nodelab.testing;

/** Observed order of convergence (as in diffrax's and SciML's convergence tests). */
public final class Convergence {
  private Convergence() {}

  /** The least-squares slope of {@code log(error)} against {@code log(h)}. */
  public static double observedOrder(double[] h, double[] error) {
    int n = h.length;
    double mx = 0;
    double my = 0;
    for (int i = 0; i < n; i++) {
      mx += Math.log(h[i]) / n;
      my += Math.log(error[i]) / n;
    }
    double sxy = 0;
    double sxx = 0;
    for (int i = 0; i < n; i++) {
      double dx = Math.log(h[i]) - mx;
      sxy += dx * (Math.log(error[i]) - my);
      sxx += dx * dx;
    }
    return sxy / sxx;
  }

  /** Largest absolute difference of two vectors of the same length. */
  public static double maxAbsError(double[] a, double[] b) {
    double m = 0;
    for (int i = 0; i < a.length; i++) {
      m = Math.max(m, Math.abs(a[i] - b[i]));
    }
    return m;
  }
}
