package org.nodelab.ode;

import java.util.Locale;

/** Small helpers the methods' coefficient checks share (explicit tableaus, Rosenbrock, ESDIRK). */
final class Coefficients {
  private Coefficients() {}

  /** {@code Σ vᵢ}. */
  static double sum(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x;
    }
    return s;
  }

  /** Throws an {@link IllegalArgumentException} with the formatted message unless {@code ok}. */
  static void check(boolean ok, String format, Object... args) {
    if (!ok) {
      throw new IllegalArgumentException(String.format(Locale.ROOT, format, args));
    }
  }
}
