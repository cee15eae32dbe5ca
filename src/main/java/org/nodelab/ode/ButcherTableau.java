package org.nodelab.ode;

import java.util.Arrays;

/**
 * The coefficients of an explicit Runge–Kutta method with {@code s} stages and order {@code p},
 * validated when built.
 *
 * <pre>
 *   c0 |
 *   c1 | a10
 *   c2 | a20  a21
 *   .. | ...
 *  ----+---------------------------
 *      | b0   b1   ...  b(s-1)       solution weights, order p
 *      | e0   e1   ...  e(s-1)       error weights e = b − b̂ (adaptive methods; b̂ has order q)
 * </pre>
 *
 * A step from {@code (t, y)} of size {@code h}: {@code kᵢ = f(t + cᵢh, y + h Σ_{j<i} aᵢⱼkⱼ)},
 * {@code y₁ = y + h Σ bᵢkᵢ}, error estimate {@code h Σ eᵢkᵢ}. FSAL ("first same as last": the
 * last stage is {@code f(t + h, y₁)}) is derived from the coefficients, not declared. Optionally a
 * second error vector {@code e3} (Hairer's DOP853 combines a 5th- and a 3rd-order estimate) and an
 * {@link Interpolant} for dense output; without one, output between steps uses cubic Hermite
 * interpolation. Coefficients are read through {@code a(i, j)}, {@code b(i)}, {@code c(i)}, {@code
 * e(i)}, never exposed as arrays.
 */
public final class ButcherTableau {
  private static final double TOL = 1e-12;
  private final String name;
  private final int order;
  private final int errorOrder;
  private final double[] c;
  private final double[][] a;
  private final double[] b;
  private final double[] e;
  private final double[] e3;
  private final Interpolant interpolant;

  private ButcherTableau(String name, int order, int errorOrder, double[] c, double[][] a, double[] b,
      double[] e, double[] e3, Interpolant interpolant) {
    int s = b.length;
    check(s > 0, "%s: a method needs at least one stage", name);
    check(c.length == s && a.length == s, "%s: c, a and b need one entry per stage (%d), got %d, %d and %d",
        name, s, c.length, a.length, s);
    check(c[0] == 0, "%s: an explicit method starts with c0 = 0, got %s", name, c[0]);
    for (int i = 0; i < s; i++) {
      check(a[i].length == i, "%s: row a[%d] needs %d entries (explicit method), got %d", name, i, i, a[i].length);
      check(Math.abs(sum(a[i]) - c[i]) < TOL, "%s: row-sum condition Σⱼ a[%d][j] = c[%d] fails: %s ≠ %s",
          name, i, i, sum(a[i]), c[i]);
    }
    check(Math.abs(sum(b) - 1) < TOL, "%s: weights b must sum to 1, they sum to %s", name, sum(b));
    check(e == null || (e.length == s && Math.abs(sum(e)) < TOL),
        "%s: error weights e = b − b̂ need %d entries summing to 0", name, s);
    check(e3 == null || (e3.length == s && Math.abs(sum(e3)) < TOL),
        "%s: second error weights need %d entries summing to 0", name, s);
    check(order >= 1, "%s: order must be at least 1, got %d", name, order);
    this.name = name;
    this.order = order;
    this.errorOrder = errorOrder;
    this.c = c.clone();
    this.b = b.clone();
    this.e = e == null ? null : e.clone();
    this.e3 = e3 == null ? null : e3.clone();
    this.a = new double[s][];
    for (int i = 0; i < s; i++) {
      this.a[i] = a[i].clone();
    }
    this.interpolant = interpolant;
    if (interpolant != null) {
      double[] w = new double[s];
      interpolant.weights(1, w);
      for (int i = 0; i < s; i++) {
        check(Math.abs(w[i] - b[i]) < 1e-10, "%s: dense output must give b at θ = 1, stage %d gives %s ≠ %s",
            name, i, w[i], b[i]);
      }
    }
  }

  /** A fixed-step method (no error estimate). */
  public static ButcherTableau explicit(String name, int order, double[] c, double[][] a, double[] b) {
    return new ButcherTableau(name, order, 0, c, a, b, null, null, null);
  }

  /** A fixed-step method with a dense-output interpolant. */
  public static ButcherTableau explicit(String name, int order, double[] c, double[][] a, double[] b,
      Interpolant interpolant) {
    return new ButcherTableau(name, order, 0, c, a, b, null, null, interpolant);
  }

  /**
   * An embedded pair given by its published lower-order weights {@code bHat}; {@code errorOrder}
   * is the order of {@code b̂} (it sets the step-size exponent {@code 1/(errorOrder + 1)}).
   */
  public static ButcherTableau embedded(String name, int order, int errorOrder, double[] c, double[][] a,
      double[] b, double[] bHat, Interpolant interpolant) {
    double[] e = new double[b.length];
    check(bHat.length == b.length, "%s: b̂ needs %d entries, got %d", name, b.length, bHat.length);
    for (int i = 0; i < b.length; i++) {
      e[i] = b[i] - bHat[i];
    }
    return new ButcherTableau(name, order, errorOrder, c, a, b, e, null, interpolant);
  }

  /** An embedded method given directly by its error weights {@code e} (and optionally a second set). */
  public static ButcherTableau withErrorWeights(String name, int order, int errorOrder, double[] c,
      double[][] a, double[] b, double[] e, double[] e3, Interpolant interpolant) {
    return new ButcherTableau(name, order, errorOrder, c, a, b, e, e3, interpolant);
  }

  /** The same method with other error weights {@code e = b − bHat} (e.g. another embedded pair). */
  public ButcherTableau withBHat(String newName, double[] bHat) {
    return embedded(newName, order, errorOrder, c, a, b, bHat, interpolant);
  }

  /** Method name, e.g. {@code "dopri5"}. */
  public String name() {
    return name;
  }

  /** Order p of the solution. */
  public int order() {
    return order;
  }

  /** Order q of the embedded estimate (0 for fixed-step methods). */
  public int errorOrder() {
    return errorOrder;
  }

  /** Number of stages s. */
  public int stages() {
    return b.length;
  }

  /** {@code aᵢⱼ}, {@code j < i}. */
  public double a(int i, int j) {
    return a[i][j];
  }

  /** {@code bᵢ}. */
  public double b(int i) {
    return b[i];
  }

  /** {@code cᵢ}. */
  public double c(int i) {
    return c[i];
  }

  /** {@code eᵢ = bᵢ − b̂ᵢ}. */
  public double e(int i) {
    return e[i];
  }

  /** The second error weight {@code e3ᵢ} (DOP853's third-order estimate). */
  public double e3(int i) {
    return e3[i];
  }

  /** Whether the method has an error estimate. */
  public boolean isAdaptive() {
    return e != null;
  }

  /** Whether the method has a second error estimate combined as in Hairer's DOP853. */
  public boolean hasSecondErrorEstimate() {
    return e3 != null;
  }

  /** Whether the last stage is {@code f(t + h, y₁)}, so it serves as the next step's first. */
  public boolean isFsal() {
    int s = stages();
    if (s < 2 || c[s - 1] != 1 || b[s - 1] != 0) {
      return false;
    }
    for (int j = 0; j < s - 1; j++) {
      if (a[s - 1][j] != b[j]) {
        return false;
      }
    }
    return true;
  }

  /** The dense-output interpolant, or {@code null} (then cubic Hermite is used). */
  public Interpolant interpolant() {
    return interpolant;
  }

  @Override
  public String toString() {
    return name + " (order " + order + ", " + stages() + " stages" + (isAdaptive() ? ", embedded order "
        + errorOrder : "") + ")";
  }

  private static double sum(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x;
    }
    return s;
  }

  private static void check(boolean ok, String format, Object... args) {
    if (!ok) {
      throw new IllegalArgumentException(String.format(format, args));
    }
  }

  double[] weightsB(double h) {
    double[] w = new double[b.length];
    for (int i = 0; i < w.length; i++) {
      w[i] = h * b[i];
    }
    return w;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ButcherTableau t && t.name.equals(name) && Arrays.equals(t.b, b)
        && Arrays.equals(t.e, e);
  }

  @Override
  public int hashCode() {
    return name.hashCode() * 31 + Arrays.hashCode(b);
  }
}
