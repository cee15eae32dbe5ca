package org.nodelab.plot;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * Tick labels with no more digits than the value needs: {@code 5}, {@code 0.25}, {@code 1000},
 * {@code 2e-6}, {@code 1.5e10}; and nice steps of 1, 2 or 5 × 10ⁿ (Heckbert, "Nice numbers for
 * graph labels", Graphics Gems, 1990).
 */
public final class NiceTicks {
  private NiceTicks() {}

  /**
   * The smallest step of 1, 2 or 5 × 10ⁿ that covers {@code span} in at most {@code intervals} intervals.
   *
   * @param span the range to cover, positive
   * @param intervals the most intervals wanted, at least 1
   * @return the step, 1, 2 or 5 times a power of ten
   */
  public static double step(double span, int intervals) {
    if (!(span > 0) || Double.isInfinite(span) || intervals < 1) {
      throw new IllegalArgumentException("expected a positive finite span and intervals >= 1, got span " + span
          + " and intervals " + intervals);
    }
    double raw = span / intervals;
    double decade = Math.pow(10, Math.floor(Math.log10(raw)));
    for (double m : new double[] {1, 2, 5, 10}) {
      if (m * decade >= raw * (1 - 1e-12)) {
        return m * decade;
      }
    }
    return 10 * decade;
  }

  /**
   * The multiples of {@link #step} inside {@code [min, max]}, at most {@code intervals + 1} of them.
   *
   * @param min the range's low end
   * @param max the range's high end
   * @param intervals the most intervals wanted, at least 1
   * @return the ticks, increasing
   */
  public static double[] ticks(double min, double max, int intervals) {
    double step = step(max - min, intervals);
    long first = (long) Math.ceil(min / step - 1e-9);
    long last = (long) Math.floor(max / step + 1e-9);
    double[] ticks = new double[(int) (last - first + 1)];
    for (int i = 0; i < ticks.length; i++) {
      ticks[i] = new BigDecimal((first + i) * step, MathContext.DECIMAL64).round(new MathContext(12)).doubleValue();
    }
    return ticks;
  }

  /**
   * The shortest label of {@code value}: plain below 10⁶ and from 10⁻⁴, else {@code 2e-6} style.
   *
   * @param value the value
   * @return the label, e.g. "0.25" or "2e-6"
   */
  public static String label(double value) {
    if (value == 0 || Double.isNaN(value) || Double.isInfinite(value)) {
      return value == 0 ? "0" : Double.toString(value);
    }
    double magnitude = Math.abs(value);
    return magnitude >= 1e-4 && magnitude < 1e6 ? rounded(value).toPlainString() : scientific(value);
  }

  /**
   * Labels of the values of one axis in one notation: each as {@link #label} when all of them are plain
   * there, else all in {@code 2e-6} style ({@code 1e-7, 1e-5, 1e-3} rather than {@code 1e-7, 1e-5, 0.001}).
   *
   * @param values the values, finite
   * @return one label per value, in the same order
   */
  public static String[] labels(double... values) {
    boolean plain = true;
    for (double v : values) {
      if (!Double.isFinite(v)) {
        throw new IllegalArgumentException("expected finite values to label, got " + v);
      }
      plain &= v == 0 || Math.abs(v) >= 1e-4 && Math.abs(v) < 1e6;
    }
    String[] out = new String[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = plain || values[i] == 0 ? label(values[i]) : scientific(values[i]);
    }
    return out;
  }

  private static BigDecimal rounded(double value) {
    return new BigDecimal(value).round(new MathContext(10)).stripTrailingZeros();
  }

  /** {@code value} as mantissa e exponent with no trailing zeros: {@code 2e-6}, {@code 1.5e10}, {@code 1e-3}. */
  private static String scientific(double value) {
    BigDecimal v = rounded(value);
    int exponent = v.precision() - v.scale() - 1;
    String mantissa = v.movePointLeft(exponent).stripTrailingZeros().toPlainString();
    return mantissa + "e" + exponent;
  }

  /**
   * Whether values from {@code min} to {@code max} (both positive) span more than {@code decades} powers of
   * ten.
   *
   * @param min the low end, positive
   * @param max the high end, positive
   * @param decades the number of powers of ten
   * @return true when {@code max / min} exceeds {@code 10^decades}
   */
  public static boolean spansDecades(double min, double max, double decades) {
    return min > 0 && max > 0 && Math.log10(max / min) > decades;
  }
}
