package org.nodelab.ode.control;

import java.math.BigDecimal;
import java.util.Locale;

/** Short decimal forms of doubles for descriptions: {@code 1e-06}, {@code 0.25}. */
final class Numbers {
  private Numbers() {}

  /** The shortest form that reads back as {@code x}: plain in [1e-4, 1e16), else {@code 1.5e-07}. */
  static String shortest(double x) {
    if (x == 0 || !Double.isFinite(x)) {
      return x == 0 ? "0" : Double.toString(x);
    }
    BigDecimal d = new BigDecimal(Double.toString(x)).stripTrailingZeros();
    double a = Math.abs(x);
    if (a >= 1e-4 && a < 1e16) {
      return d.toPlainString();
    }
    int exponent = d.precision() - d.scale() - 1;
    String mantissa = d.movePointLeft(exponent).stripTrailingZeros().toPlainString();
    return String.format(Locale.ROOT, "%se%s%02d", mantissa, exponent < 0 ? "-" : "+", Math.abs(exponent));
  }
}
