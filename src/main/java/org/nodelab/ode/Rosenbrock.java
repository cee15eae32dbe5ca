package org.nodelab.ode;

import static org.nodelab.ode.Coefficients.check;
import static org.nodelab.ode.Coefficients.sum;

/**
 * The coefficients of a Rosenbrock method in the transformed form of Hairer &amp; Wanner (Solving ODEs
 * II, IV.7, (7.25)): with {@code W = I/(hγ) − J}, {@code J = ∂f/∂y} and {@code fₜ = ∂f/∂t} at the
 * step start,
 *
 * <pre>
 *   W·uᵢ = f(t + cᵢh, y + Σ_{j&lt;i} aᵢⱼuⱼ) + Σ_{j&lt;i} (Cᵢⱼ/h)·uⱼ + h·dᵢ·fₜ
 *   y₁ = y + Σ mᵢuᵢ,   error estimate Σ eᵢuᵢ,
 *   y(t + θh) = (1 − θ)·y + θ·(y₁ + (1 − θ)·(D₀ + θ·(D₁ + θ·D₂))),   D_r = Σ hᵣᵢuᵢ
 * </pre>
 *
 * Validated when built: the transformed coefficients are turned back into {@code (α, Γ, b)} ({@code
 * Γ⁻¹ = I/γ − C}, {@code α = a·Γ}, {@code b = m·Γ}), whose row sums must give the nodes {@code cᵢ} and
 * {@code dᵢ}, and whose solution and embedded weights must meet the order conditions up to order 3
 * (Table 7.1 there).
 */
public final class Rosenbrock implements Method {
  private static final double TOL = 1e-9;

  /**
   * Rodas5: Di Marzo's 8-stage, L-stable, stiffly accurate method of order 5 with an embedded
   * order-4 estimate and a dense output of order 4 (G. Di Marzo, RODAS5(4) – Méthodes de
   * Rosenbrock d'ordre 5(4) adaptées aux problèmes différentiels-algébriques, Geneva 1993; the
   * coefficients as tabulated in OrdinaryDiffEq's {@code Rodas5Tableau}).
   */
  public static final Rosenbrock RODAS5 = rodas5();

  private final String name;
  private final int order;
  private final int errorOrder;
  private final double gamma;
  private final double[][] a;
  private final double[][] cMatrix;
  private final double[] c;
  private final double[] d;
  private final double[] m;
  private final double[] e;
  private final double[][] dense;

  private Rosenbrock(String name, int order, int errorOrder, double gamma, double[][] a, double[][] cMatrix,
      double[] c, double[] d, double[] m, double[] e, double[][] dense) {
    this.name = name;
    this.order = order;
    this.errorOrder = errorOrder;
    this.gamma = gamma;
    this.a = a;
    this.cMatrix = cMatrix;
    this.c = c;
    this.d = d;
    this.m = m;
    this.e = e;
    this.dense = dense;
    validate();
  }

  private static Rosenbrock rodas5() {
    double[][] a = {
        {},
        {2.0},
        {3.040894194418781, 1.041747909077569},
        {2.576417536461461, 1.622083060776640, -0.9089668560264532},
        {2.760842080225597, 1.446624659844071, -0.3036980084553738, 0.2877498600325443},
        {-14.09640773051259, 6.925207756232704, -41.47510893210728, 2.343771018586405, 24.13215229196062},
        {-14.09640773051259, 6.925207756232704, -41.47510893210728, 2.343771018586405, 24.13215229196062, 1},
        {-14.09640773051259, 6.925207756232704, -41.47510893210728, 2.343771018586405, 24.13215229196062, 1, 1}};
    double[][] cm = {
        {},
        {-10.31323885133993},
        {-21.04823117650003, -7.234992135176716},
        {32.22751541853323, -4.943732386540191, 19.44922031041879},
        {-20.69865579590063, -8.816374604402768, 1.260436877740897, -0.7495647613787146},
        {-46.22004352711257, -17.49534862857472, -289.6389582892057, 93.60855400400906, 318.3822534212147},
        {34.20013733472935, -14.15535402717690, 57.82335640988400, 25.83362985412365, 1.408950972071624,
            -6.551835421242162},
        {42.57076742291101, -13.80770672017997, 93.98938432427124, 18.77919633714503, -31.58359187223370,
            -6.685968952921985, -5.810979938412932}};
    double[] c = {0, 0.38, 0.3878509998321533, 0.4839718937873840, 0.4570477008819580, 1, 1, 1};
    double[] d = {0.19, -0.1823079225333714636, -0.319231832186874912, 0.3449828624725343,
        -0.377417564392089818, 0, 0, 0};
    double[] m = {-14.09640773051259, 6.925207756232704, -41.47510893210728, 2.343771018586405,
        24.13215229196062, 1, 1, 1};
    double[] e = {0, 0, 0, 0, 0, 0, 0, 1};
    double[][] dense = {
        {27.354592673333357, -6.925207756232857, 26.40037733258859, 0.5635230501052979, -4.699151156849391,
            -1.6008677469422725, -1.5306074446748028, -1.3929872940716344},
        {44.19024239501722, 1.3677947663381929e-13, 202.93261852171622, -35.5669339789154, -181.91095152160645,
            3.4116351403665033, 2.5793540257308067, 2.2435122582734066},
        {-44.0988150021747, -5.755396159656812e-13, -181.26175034586677, 56.99302194811676, 183.21182741427398,
            -7.480257918273637, -5.792426076169686, -5.32503859794143}};
    return new Rosenbrock("rodas5", 5, 4, 0.19, a, cm, c, d, m, e, dense);
  }

  /** Checks nodes, the {@code dᵢ} and the order conditions up to 3 of the solution and the embedded method. */
  private void validate() {
    int s = m.length;
    check(a.length == s && cMatrix.length == s && c.length == s && d.length == s && e.length == s,
        "%s: a, C, c, d, m and e need one entry per stage (%d)", name, s);
    for (int i = 0; i < s; i++) {
      check(a[i].length == i && cMatrix[i].length == i, "%s: rows a[%d] and C[%d] need %d entries", name, i, i, i);
    }
    double[][] gammaMatrix = gammaMatrix(s);
    double[][] alpha = new double[s][s];
    for (int i = 0; i < s; i++) {
      for (int k = 0; k < s; k++) {
        double sum = 0;
        for (int j = 0; j < i; j++) {
          sum += a[i][j] * gammaMatrix[j][k];
        }
        alpha[i][k] = sum;
      }
    }
    for (int i = 0; i < s; i++) {
      check(Math.abs(sum(alpha[i]) - c[i]) < TOL, "%s: row %d of α sums to %s, not the node c = %s", name, i,
          sum(alpha[i]), c[i]);
      check(Math.abs(sum(gammaMatrix[i]) - d[i]) < TOL, "%s: row %d of Γ sums to %s, not d = %s", name, i,
          sum(gammaMatrix[i]), d[i]);
    }
    double[] mHat = new double[s];
    for (int i = 0; i < s; i++) {
      mHat[i] = m[i] - e[i];
    }
    checkOrderConditions("solution", times(m, gammaMatrix), alpha, gammaMatrix);
    checkOrderConditions("embedded method", times(mHat, gammaMatrix), alpha, gammaMatrix);
  }

  /** {@code Γ = (I/γ − C)⁻¹}, lower triangular with {@code γ} on the diagonal. */
  private double[][] gammaMatrix(int s) {
    double[][] inverse = new double[s][s];
    for (int i = 0; i < s; i++) {
      inverse[i][i] = 1 / gamma;
      for (int j = 0; j < i; j++) {
        inverse[i][j] = -cMatrix[i][j];
      }
    }
    double[][] g = new double[s][s];
    for (int col = 0; col < s; col++) {
      for (int i = 0; i < s; i++) {
        double sum = i == col ? 1 : 0;
        for (int j = 0; j < i; j++) {
          sum -= inverse[i][j] * g[j][col];
        }
        g[i][col] = sum / inverse[i][i];
      }
    }
    return g;
  }

  /** Hairer &amp; Wanner IV.7, Table 7.1, orders 1 to 3, with {@code βᵢⱼ = αᵢⱼ + γᵢⱼ} below the diagonal. */
  private void checkOrderConditions(String which, double[] b, double[][] alpha, double[][] gammaMatrix) {
    int s = b.length;
    double[] alphaSum = new double[s];
    double[] betaSum = new double[s];
    double[][] beta = new double[s][s];
    for (int i = 0; i < s; i++) {
      for (int j = 0; j < i; j++) {
        beta[i][j] = alpha[i][j] + gammaMatrix[i][j];
        betaSum[i] += beta[i][j];
        alphaSum[i] += alpha[i][j];
      }
    }
    double o1 = sum(b);
    double o2 = 0;
    double o3a = 0;
    double o3b = 0;
    for (int i = 0; i < s; i++) {
      o2 += b[i] * betaSum[i];
      o3a += b[i] * alphaSum[i] * alphaSum[i];
      for (int j = 0; j < i; j++) {
        o3b += b[i] * beta[i][j] * betaSum[j];
      }
    }
    double g = gamma;
    checkCondition(which, "Σ bᵢ = 1", o1, 1);
    checkCondition(which, "Σ bᵢβ'ᵢ = 1/2 − γ", o2, 0.5 - g);
    checkCondition(which, "Σ bᵢαᵢ² = 1/3", o3a, 1.0 / 3);
    checkCondition(which, "Σ bᵢβᵢⱼβ'ⱼ = 1/6 − γ + γ²", o3b, 1.0 / 6 - g + g * g);
  }

  private void checkCondition(String which, String condition, double value, double expected) {
    check(Math.abs(value - expected) < TOL, "%s: the %s misses the order condition %s: %s instead of %s", name,
        which, condition, value, expected);
  }

  private static double[] times(double[] v, double[][] matrix) {
    double[] out = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      for (int k = 0; k < v.length; k++) {
        out[k] += v[i] * matrix[i][k];
      }
    }
    return out;
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

  /** Number of stages. */
  int stages() {
    return m.length;
  }

  /** {@code γ}, the diagonal of {@code Γ}. */
  double gamma() {
    return gamma;
  }

  double a(int i, int j) {
    return a[i][j];
  }

  double cMatrix(int i, int j) {
    return cMatrix[i][j];
  }

  double c(int i) {
    return c[i];
  }

  double d(int i) {
    return d[i];
  }

  double m(int i) {
    return m[i];
  }

  double e(int i) {
    return e[i];
  }

  /** Weight of {@code uᵢ} in the dense-output vector {@code D_r}. */
  double dense(int r, int i) {
    return dense[r][i];
  }

  /** Number of dense-output vectors. */
  int denseVectors() {
    return dense.length;
  }

  /** E.g. {@code "rodas5"}. */
  @Override
  public String toString() {
    return name;
  }
}
