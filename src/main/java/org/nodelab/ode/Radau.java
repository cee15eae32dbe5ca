package org.nodelab.ode;

import static org.nodelab.ode.Coefficients.check;

/**
 * The three-stage Radau IIA collocation method of order 5 (Hairer &amp; Wanner, Solving ODEs II,
 * IV.5 and IV.8; their RADAU5 code): nodes {@code c = ((4 − √6)/10, (4 + √6)/10, 1)}, stiffly
 * accurate and L-stable. The stage system {@code Z = h(A ⊗ I)F(y + Z)} is solved by simplified
 * Newton iterations after the change of variables {@code W = (T⁻¹ ⊗ I)Z} that turns {@code A⁻¹}
 * into {@code diag(γ, [[α, −β], [β, α]])}: one real and one complex linear system of size
 * {@code n} per iteration. The embedded estimate of order 3 adds the explicit stage {@code f(y₀)}
 * with weight {@code γ₀ = 1/γ}; the dense output is the collocation polynomial.
 *
 * <p>Validated when built: {@code A} satisfies the collocation conditions {@code Σⱼ aᵢⱼcⱼ^{k−1} =
 * cᵢ^k/k} ({@code k ≤ 3}), {@code T⁻¹T = I}, and {@code T⁻¹A⁻¹T} has the block form; the error
 * weights and the interpolation coefficients are derived from {@code A} and {@code c}.
 */
public final class Radau implements Method {
  private static final double TOL = 1e-12;

  /** Radau IIA of order 5 with Hairer's transformation matrix {@code T} (RADAU5). */
  public static final Radau RADAU5 = radau5();

  private final String name;
  private final double[] c;
  private final double[][] a;
  private final double[][] t;
  private final double[][] ti;
  private final double gamma;
  private final double alpha;
  private final double beta;
  private final double[] e;
  private final double[][] dense;

  private Radau(String name, double[] c, double[][] a, double[][] t, double[][] ti) {
    this.name = name;
    this.c = c;
    this.a = a;
    this.t = t;
    this.ti = ti;
    checkCollocation();
    double[][] aInverse = SmallMatrices.inverse(a);
    checkInverse(t, ti);
    double[][] lambda = SmallMatrices.product(SmallMatrices.product(ti, aInverse), t);
    this.gamma = lambda[0][0];
    this.alpha = lambda[1][1];
    this.beta = lambda[2][1];
    checkBlockForm(lambda);
    this.e = errorWeights(aInverse);
    this.dense = denseCoefficients();
  }

  private static Radau radau5() {
    double s6 = Math.sqrt(6);
    double[] c = {(4 - s6) / 10, (4 + s6) / 10, 1};
    double[][] a = {
        {(88 - 7 * s6) / 360, (296 - 169 * s6) / 1800, (-2 + 3 * s6) / 225},
        {(296 + 169 * s6) / 1800, (88 + 7 * s6) / 360, (-2 - 3 * s6) / 225},
        {(16 - s6) / 36, (16 + s6) / 36, 1.0 / 9}};
    double[][] t = {
        {9.1232394870892942792e-02, -0.14125529502095420843, -3.0029194105147424492e-02},
        {0.24171793270710701896, 0.20412935229379993199, 0.38294211275726193779},
        {0.96604818261509293619, 1, 0}};
    double[][] ti = {
        {4.3255798900631553510, 0.33919925181580986954, 0.54177053993587487119},
        {-4.1787185915519047273, -0.32768282076106238708, 0.47662355450055045196},
        {-0.50287263494578687595, 2.5719269498556054292, -0.59603920482822492497}};
    return new Radau("radau5", c, a, t, ti);
  }

  private void checkCollocation() {
    check(c.length == 3 && a.length == 3, "%s: three stages expected", name);
    check(c[2] == 1, "%s: a Radau IIA method ends at c = 1, not %s", name, c[2]);
    for (int i = 0; i < 3; i++) {
      for (int k = 1; k <= 3; k++) {
        double sum = 0;
        for (int j = 0; j < 3; j++) {
          sum += a[i][j] * Math.pow(c[j], k - 1);
        }
        double expected = Math.pow(c[i], k) / k;
        check(Math.abs(sum - expected) < TOL, "%s: row %d of A misses the collocation condition k = %d: %s, not %s",
            name, i, k, sum, expected);
      }
    }
  }

  private void checkInverse(double[][] t, double[][] ti) {
    double[][] identity = SmallMatrices.product(ti, t);
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        double expected = i == j ? 1 : 0;
        check(Math.abs(identity[i][j] - expected) < 1e-12, "%s: T⁻¹T differs from I at (%d, %d): %s", name, i, j,
            identity[i][j]);
      }
    }
  }

  private void checkBlockForm(double[][] lambda) {
    double[][] expected = {{gamma, 0, 0}, {0, alpha, -beta}, {0, beta, alpha}};
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        check(Math.abs(lambda[i][j] - expected[i][j]) < 1e-10,
            "%s: T⁻¹A⁻¹T is not diag(γ, [[α, −β], [β, α]]) at (%d, %d): %s", name, i, j, lambda[i][j]);
      }
    }
    check(gamma > 0 && alpha > 0 && beta != 0, "%s: A⁻¹ needs a positive real and a complex pair of eigenvalues", name);
  }

  /**
   * The weights {@code E} of the error estimate {@code (γ/h − J)⁻¹(f₀ + Σ Eᵢzᵢ/h)}: with the embedded
   * weights {@code b̂₀ = 1/γ} on {@code f(y₀)} and {@code b̂} of order 3 on the stages, {@code E = γ(b̂ − b)ᵀA⁻¹}.
   */
  private double[] errorWeights(double[][] aInverse) {
    double g0 = 1 / gamma;
    double[][] vandermonde = new double[3][3];
    for (int k = 0; k < 3; k++) {
      for (int j = 0; j < 3; j++) {
        vandermonde[k][j] = Math.pow(c[j], k);
      }
    }
    double[] rhs = {1 - g0, 0.5, 1.0 / 3};
    double[] bHat = SmallMatrices.multiply(SmallMatrices.inverse(vandermonde), rhs);
    double[] weights = new double[3];
    for (int j = 0; j < 3; j++) {
      for (int i = 0; i < 3; i++) {
        weights[j] += gamma * (bHat[i] - a[2][i]) * aInverse[i][j];
      }
    }
    return weights;
  }

  /** {@code P} with {@code Σₖ Pᵢₖ cⱼ^{k+1} = δᵢⱼ}: the collocation polynomial is {@code y₀ + Σₖ (Σᵢ Pᵢₖzᵢ) x^{k+1}}. */
  private double[][] denseCoefficients() {
    double[][] vt = new double[3][3];
    for (int k = 0; k < 3; k++) {
      for (int j = 0; j < 3; j++) {
        vt[k][j] = Math.pow(c[j], k + 1);
      }
    }
    return SmallMatrices.inverse(vt);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public int order() {
    return 5;
  }

  @Override
  public int errorOrder() {
    return 3;
  }

  @Override
  public boolean isAdaptive() {
    return true;
  }

  double c(int i) {
    return c[i];
  }

  /** {@code T} of {@code Z = TW}. */
  double t(int i, int j) {
    return t[i][j];
  }

  /** {@code T⁻¹} of {@code W = T⁻¹Z}. */
  double ti(int i, int j) {
    return ti[i][j];
  }

  /** The real eigenvalue {@code γ} of {@code A⁻¹}. */
  double gamma() {
    return gamma;
  }

  /** The real part {@code α} of the complex eigenvalues {@code α ± iβ} of {@code A⁻¹}. */
  double alpha() {
    return alpha;
  }

  /** The imaginary part {@code β}. */
  double beta() {
    return beta;
  }

  /** The error weight {@code Eᵢ}. */
  double e(int i) {
    return e[i];
  }

  /** The interpolation coefficient {@code Pᵢₖ} of stage {@code i} and power {@code x^{k+1}}. */
  double dense(int i, int k) {
    return dense[i][k];
  }

  /** E.g. {@code "radau5"}. */
  @Override
  public String toString() {
    return name;
  }
}
