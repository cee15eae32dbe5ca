package org.nodelab.ode;

import static org.nodelab.ode.Coefficients.check;
import static org.nodelab.ode.Coefficients.sum;

/**
 * The coefficients of an ESDIRK method (singly diagonally implicit Runge–Kutta with an explicit
 * first stage, Kværnø 2004): {@code Yᵢ = y + h Σ_{j<i} aᵢⱼ f(Yⱼ) + hγ f(t + cᵢh, Yᵢ)}, {@code Y₀ = y},
 * solved stage by stage by Newton's method on {@code zᵢ = h f(Yᵢ)} with the matrix {@code I − hγJ},
 * starting from the predictor {@code zᵢ ≈ Σ_{j<i} αᵢⱼzⱼ}. Stiffly accurate: {@code y₁} is the last
 * stage, the embedded solution the one before, and output between steps is cubic Hermite
 * interpolation. Validated when built: row sums give the nodes, the diagonal is {@code γ}, and the
 * solution and embedded weights meet the order conditions up to order 4 (solution) and 3
 * (embedded).
 */
public final class Esdirk implements Method {
  private static final double TOL = 1e-12;

  /**
   * Kværnø's 5(4) method: 7 stages, {@code γ = 0.26}, A- and L-stable, stiffly accurate (A. Kværnø,
   * Singly diagonally implicit Runge–Kutta methods with an explicit first stage, BIT 44, 2004; the
   * predictors of OrdinaryDiffEq and diffrax).
   */
  public static final Esdirk KVAERNO5 = kvaerno5();

  private final String name;
  private final int order;
  private final int errorOrder;
  private final double gamma;
  private final double[][] a;
  private final double[] c;
  private final double[] b;
  private final double[] e;
  private final double[][] predictor;

  private Esdirk(String name, int order, int errorOrder, double gamma, double[][] a, double[] c, double[] b,
      double[] bHat, double[][] predictor) {
    this.name = name;
    this.order = order;
    this.errorOrder = errorOrder;
    this.gamma = gamma;
    this.a = a;
    this.c = c;
    this.b = b;
    this.e = new double[b.length];
    for (int i = 0; i < b.length; i++) {
      e[i] = b[i] - bHat[i];
    }
    this.predictor = predictor;
    validate(bHat);
  }

  private static Esdirk kvaerno5() {
    double g = 0.26;
    double[] row6 = {0.13855640231268224, 0, -0.04245337201752043, 0.02446657898003141, 0.61943039072480676, g};
    double[] row7 = {0.13659751177640291, 0, -0.05496908796538376, -0.04118626728321046, 0.62993304899016403,
        0.06962479448202728, g};
    double[][] a = {
        {0},
        {g, g},
        {0.13, 0.84033320996790809, g},
        {0.22371961478320505, 0.47675532319799699, -0.06470895363112615, g},
        {0.16648564323248321, 0.10450018841591720, 0.03631482272098715, -0.13090704451073998, g},
        row6,
        row7};
    double[] c = {0, 0.52, 1.230333209967908, 0.8957659843500759, 0.43639360985864756, 1, 1};
    double[] bHat = {row6[0], row6[1], row6[2], row6[3], row6[4], row6[5], 0};
    double[][] predictor = {
        {},
        {1},
        {-1.366025403784441, 2.3660254037844357},
        {-0.19650552613122207, 0.8113579546496623, 0.38514757148155954},
        {0.10375304369958693, 0.937994698066431, -0.04174774176601781, 0},
        {-0.17281112873898072, 0.6235784481025847, 0.5492326806363959, 0, 0},
        {row6[0], row6[1], row6[2], row6[3], row6[4], g}};
    return new Esdirk("kvaerno5", 5, 4, g, a, c, row7.clone(), bHat, predictor);
  }

  private void validate(double[] bHat) {
    int s = b.length;
    check(a.length == s && c.length == s && bHat.length == s && predictor.length == s,
        "%s: a, c, b, b̂ and the predictor need one entry per stage (%d)", name, s);
    check(a[0].length == 1 && a[0][0] == 0 && c[0] == 0, "%s: the first stage must be explicit (a₀₀ = c₀ = 0)", name);
    for (int i = 1; i < s; i++) {
      check(a[i].length == i + 1, "%s: row a[%d] needs %d entries", name, i, i + 1);
      check(a[i][i] == gamma, "%s: the diagonal a[%d][%d] = %s must be γ = %s", name, i, i, a[i][i], gamma);
      check(Math.abs(sum(a[i]) - c[i]) < TOL, "%s: row %d of a sums to %s, not c = %s", name, i, sum(a[i]), c[i]);
      check(predictor[i].length == i, "%s: predictor row %d needs %d entries", name, i, i);
    }
    for (int i = 0; i < s; i++) {
      check(b[i] == a[s - 1][i], "%s: a stiffly accurate method has b = the last row of a (entry %d)", name, i);
    }
    checkOrder("solution", b, 4);
    checkOrder("embedded method", bHat, 3);
  }

  /** The Runge–Kutta order conditions up to order {@code upTo} ≤ 4 (Hairer, Nørsett &amp; Wanner I, II.2). */
  private void checkOrder(String which, double[] w, int upTo) {
    int s = w.length;
    double[] ac = new double[s];
    double[] ac2 = new double[s];
    double[] aac = new double[s];
    for (int i = 0; i < s; i++) {
      for (int j = 0; j < a[i].length; j++) {
        ac[i] += a[i][j] * c[j];
        ac2[i] += a[i][j] * c[j] * c[j];
      }
    }
    for (int i = 0; i < s; i++) {
      for (int j = 0; j < a[i].length; j++) {
        aac[i] += a[i][j] * ac[j];
      }
    }
    double[][] conditions = {
        {dot(w, ones(s)), 1, 1},
        {dot(w, c), 0.5, 2},
        {dot(w, pow(c, 2)), 1.0 / 3, 3},
        {dot(w, ac), 1.0 / 6, 3},
        {dot(w, pow(c, 3)), 0.25, 4},
        {dot(w, times(c, ac)), 1.0 / 8, 4},
        {dot(w, ac2), 1.0 / 12, 4},
        {dot(w, aac), 1.0 / 24, 4}};
    for (double[] cond : conditions) {
      if (cond[2] <= upTo) {
        check(Math.abs(cond[0] - cond[1]) < 1e-10, "%s: the %s misses an order-%d condition: %s instead of %s",
            name, which, (int) cond[2], cond[0], cond[1]);
      }
    }
  }

  private static double[] ones(int s) {
    double[] v = new double[s];
    java.util.Arrays.fill(v, 1);
    return v;
  }

  private static double[] pow(double[] v, int p) {
    double[] out = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = Math.pow(v[i], p);
    }
    return out;
  }

  private static double[] times(double[] x, double[] y) {
    double[] out = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      out[i] = x[i] * y[i];
    }
    return out;
  }

  private static double dot(double[] x, double[] y) {
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      s += x[i] * y[i];
    }
    return s;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public int order() {
    return order;
  }

  @Override
  public int errorOrder() {
    return errorOrder;
  }

  @Override
  public boolean isAdaptive() {
    return true;
  }

  int stages() {
    return b.length;
  }

  double gamma() {
    return gamma;
  }

  /** {@code aᵢⱼ} for {@code j < i} (the explicit part of row {@code i}). */
  double a(int i, int j) {
    return a[i][j];
  }

  double c(int i) {
    return c[i];
  }

  double b(int i) {
    return b[i];
  }

  double e(int i) {
    return e[i];
  }

  double predictor(int i, int j) {
    return predictor[i][j];
  }

  /** E.g. {@code "kvaerno5"}. */
  @Override
  public String toString() {
    return name;
  }
}
