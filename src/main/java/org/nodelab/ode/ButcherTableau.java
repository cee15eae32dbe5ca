package org.nodelab.ode;

import static org.nodelab.ode.Coefficients.check;
import static org.nodelab.ode.Coefficients.sum;

import java.util.Arrays;
import org.nodelab.ode.control.ErrorEstimate;

/**
 * The coefficients of an explicit Runge–Kutta method with {@code s} stages and order {@code p},
 * validated when built (row sums {@code Σⱼ aᵢⱼ = cᵢ}, {@code Σ bᵢ = 1}, {@code Σ eᵢ = 0}).
 *
 * <pre>
 *   c₀ = 0 |
 *   c₁     | a₁₀
 *   c₂     | a₂₀  a₂₁
 *   ...    | ...
 *   cₛ₋₁   | aₛ₋₁,₀  ...  aₛ₋₁,ₛ₋₂
 *  --------+------------------------------
 *          | b₀   b₁   ...  bₛ₋₁        solution weights, order p
 *          | e₀   e₁   ...  eₛ₋₁        error weights e = b − b̂ (adaptive methods; b̂ has order q)
 * </pre>
 *
 * A step from {@code (t, y)} of size {@code h}: {@code kᵢ = f(t + cᵢh, y + h Σ_{j<i} aᵢⱼkⱼ)},
 * {@code y₁ = y + h Σ bᵢkᵢ}, error estimate {@code h Σ eᵢkᵢ} (Hairer, Nørsett &amp; Wanner, Solving
 * ODEs I, II.1 and II.4). FSAL ("first same as last": the last stage is {@code f(t + h, y₁)} and
 * serves as the next step's first) is derived from the coefficients, not declared. Optionally: a
 * second error vector {@code e3} (Hairer's DOP853 combines a 5th- and a 3rd-order estimate), and an
 * {@link Interpolant} for dense output, {@code y(t + θh) = y + h Σ bᵢ(θ) kᵢ}, whose terms may include
 * {@code f(t + h, y₁)} and extra stages computed only for steps that contain an output time. Without
 * an interpolant, output between steps is cubic Hermite interpolation of {@code y₀, y₁, f₀, f₁}.
 * Coefficients are read one at a time ({@code a(i, j)}, {@code b(i)}, ...), never exposed as arrays.
 */
public final class ButcherTableau implements Method {
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
  private final double[] denseC;
  private final double[][] denseA;
  private volatile double stabilityBoundary = Double.NaN;

  private ButcherTableau(String name, int order, int errorOrder, double[] c, double[][] a, double[] b,
      double[] e, double[] e3, Interpolant interpolant, double[] denseC, double[][] denseA) {
    check(name != null && !name.isBlank(), "a method needs a name");
    int s = b.length;
    check(s > 0, "%s: a method needs at least one stage", name);
    check(c.length == s && a.length == s, "%s: c, a and b need one entry per stage (%d), got %d, %d and %d",
        name, s, c.length, a.length, s);
    check(c[0] == 0, "%s: an explicit method starts with c0 = 0, got %s", name, c[0]);
    for (int i = 0; i < s; i++) {
      check(a[i].length == i, "%s: row a[%d] needs %d entries (explicit method), got %d", name, i, i, a[i].length);
      checkRowSum(name, "a", i, a[i], c[i]);
    }
    check(Math.abs(sum(b) - 1) < TOL, "%s: weights b must sum to 1, they sum to %s", name, sum(b));
    checkErrorWeights(name, "e", e, s);
    checkErrorWeights(name, "e3", e3, s);
    check(order >= 1, "%s: order must be at least 1, got %d", name, order);
    check(e == null || (errorOrder >= 1 && errorOrder < order),
        "%s: the embedded order must lie in [1, %d), got %d", name, order, errorOrder);
    this.name = name;
    this.order = order;
    this.errorOrder = e == null ? 0 : errorOrder;
    this.c = c.clone();
    this.b = b.clone();
    this.e = e == null ? null : e.clone();
    this.e3 = e3 == null ? null : e3.clone();
    this.a = deepCopy(a);
    this.interpolant = interpolant;
    this.denseC = denseC == null ? new double[0] : denseC.clone();
    this.denseA = denseA == null ? new double[0][] : deepCopy(denseA);
    check(this.denseC.length == this.denseA.length, "%s: extra dense stages need one c per row of a", name);
    for (int i = 0; i < this.denseC.length; i++) {
      check(this.denseA[i].length == s + 1 + i, "%s: extra dense stage %d needs %d coefficients, got %d",
          name, i, s + 1 + i, this.denseA[i].length);
      checkRowSum(name, "dense a", i, this.denseA[i], this.denseC[i]);
    }
    check(this.denseC.length == 0 || interpolant != null, "%s: extra dense stages need an interpolant", name);
    if (interpolant != null) {
      checkInterpolant();
    }
  }

  /**
   * A fixed-step method (no error estimate); output between steps by cubic Hermite interpolation.
   *
   * @param name the method's name
   * @param order the order p
   * @param c the nodes, {@code c[0] = 0}
   * @param a the coefficients, row i holding {@code a[i][0..i-1]}
   * @param b the weights, summing to 1
   * @return the tableau, checked
   */
  public static ButcherTableau explicit(String name, int order, double[] c, double[][] a, double[] b) {
    return new ButcherTableau(name, order, 0, c, a, b, null, null, null, null, null);
  }

  /**
   * A fixed-step method with a dense-output interpolant over its stages.
   *
   * @param name the method's name
   * @param order the order p
   * @param c the nodes, {@code c[0] = 0}
   * @param a the coefficients, row i holding {@code a[i][0..i-1]}
   * @param b the weights, summing to 1
   * @param interpolant the dense output {@code bᵢ(θ)}
   * @return the tableau, checked
   */
  public static ButcherTableau explicit(String name, int order, double[] c, double[][] a, double[] b,
      Interpolant interpolant) {
    return new ButcherTableau(name, order, 0, c, a, b, null, null, interpolant, null, null);
  }

  /**
   * An embedded pair given by its published lower-order weights {@code bHat}; {@code errorOrder} is
   * the order q of {@code b̂} (it sets the step-size exponent {@code 1/(q + 1)}).
   *
   * @param name the method's name
   * @param order the order p of {@code b}
   * @param errorOrder the order q of {@code bHat}
   * @param c the nodes, {@code c[0] = 0}
   * @param a the coefficients, row i holding {@code a[i][0..i-1]}
   * @param b the weights, summing to 1
   * @param bHat the embedded weights, summing to 1
   * @param interpolant the dense output, or {@code null} for cubic Hermite
   * @return the tableau, checked
   */
  public static ButcherTableau embedded(String name, int order, int errorOrder, double[] c, double[][] a,
      double[] b, double[] bHat, Interpolant interpolant) {
    check(bHat.length == b.length, "%s: b̂ needs %d entries, got %d", name, b.length, bHat.length);
    double[] e = new double[b.length];
    for (int i = 0; i < b.length; i++) {
      e[i] = b[i] - bHat[i];
    }
    return new ButcherTableau(name, order, errorOrder, c, a, b, e, null, interpolant, null, null);
  }

  /**
   * An embedded method given by its error weights {@code e} (and optionally a second set {@code e3}).
   *
   * @param name the method's name
   * @param order the order p of {@code b}
   * @param errorOrder the order q of the error estimate
   * @param c the nodes, {@code c[0] = 0}
   * @param a the coefficients, row i holding {@code a[i][0..i-1]}
   * @param b the weights, summing to 1
   * @param e the error weights, summing to 0
   * @param e3 the second error weights, or {@code null}
   * @param interpolant the dense output, or {@code null} for cubic Hermite
   * @return the tableau, checked
   */
  public static ButcherTableau withErrorWeights(String name, int order, int errorOrder, double[] c,
      double[][] a, double[] b, double[] e, double[] e3, Interpolant interpolant) {
    return new ButcherTableau(name, order, errorOrder, c, a, b, e, e3, interpolant, null, null);
  }

  /**
   * The same method with other error weights {@code e = b − bHat} (another embedded pair).
   *
   * @param newName the new method's name
   * @param bHat the other embedded weights
   * @return a new tableau
   */
  public ButcherTableau withBHat(String newName, double[] bHat) {
    ButcherTableau t = embedded(newName, order, errorOrder, c, a, b, bHat, null);
    return new ButcherTableau(newName, order, errorOrder, c, a, b, t.e, null, interpolant, denseC, denseA);
  }

  /**
   * The same method with a dense output that uses {@code m} extra stages: its terms are the {@code s}
   * stages, {@code kₛ = f(t + h, y₁)}, and {@code kₛ₊₁₊ᵢ = f(t + cᵢh, y + h Σⱼ aᵢⱼkⱼ)}, {@code j ≤ s + i}
   * (Hairer's DOP853 dense output has three). They are computed only for steps with an output time
   * inside, and counted as evaluations.
   *
   * @param interpolant weights {@code bᵢ(θ)} for the {@code s + 1 + m} terms
   * @param extraC {@code cᵢ} of the extra stages
   * @param extraA row {@code i} holds {@code s + 1 + i} coefficients
   * @return a new tableau
   */
  public ButcherTableau withDenseOutput(Interpolant interpolant, double[] extraC, double[][] extraA) {
    return new ButcherTableau(name, order, errorOrder, c, a, b, e, e3, interpolant, extraC, extraA);
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

  /**
   * Number of stages s.
   *
   * @return s
   */
  public int stages() {
    return b.length;
  }

  /**
   * {@code aᵢⱼ}, {@code j < i}.
   *
   * @param i the stage, from 1
   * @param j the earlier stage, from 0
   * @return {@code aᵢⱼ}
   */
  public double a(int i, int j) {
    return a[i][j];
  }

  /**
   * {@code bᵢ}.
   *
   * @param i the stage, from 0
   * @return {@code bᵢ}
   */
  public double b(int i) {
    return b[i];
  }

  /**
   * {@code cᵢ}.
   *
   * @param i the stage, from 0
   * @return {@code cᵢ}
   */
  public double c(int i) {
    return c[i];
  }

  /**
   * {@code eᵢ = bᵢ − b̂ᵢ}.
   *
   * @param i the stage, from 0
   * @return the error weight, 0 without an estimate
   */
  public double e(int i) {
    return e[i];
  }

  /**
   * The second error weight {@code e3ᵢ} (DOP853's third-order estimate).
   *
   * @param i the stage, from 0
   * @return the weight, 0 without a second estimate
   */
  public double e3(int i) {
    return e3[i];
  }

  /** Whether the method has an error estimate. */
  public boolean isAdaptive() {
    return e != null;
  }

  /**
   * Whether the method has a second error estimate combined as in Hairer's DOP853.
   *
   * @return true for DOP853
   */
  public boolean hasSecondErrorEstimate() {
    return e3 != null;
  }

  /**
   * The error ratio per unit step of a group of {@code n} components from the sums of their squared
   * scaled errors: {@code √(Σe²/n)}, or with a second estimate Hairer's DOP853 combination {@code
   * Σe²/√((Σe² + 0.01·Σe3²)·n)} (the RMS form divides by {@code n}, as scipy's DOP853).
   *
   * @param squares {@code Σ (errᵢ/scaleᵢ)²} of the estimate with weights {@code e}
   * @param thirdSquares the same with weights {@code e3} (0 without them)
   * @param n components in the group
   * @return the ratio per unit step
   */
  public double combineErrors(double squares, double thirdSquares, int n) {
    if (e3 == null) {
      return ErrorEstimate.single(squares, n);
    }
    if (squares == 0 && thirdSquares == 0) {
      return 0;
    }
    return squares / Math.sqrt((squares + 0.01 * thirdSquares) * n);
  }

  /**
   * The length of the method's stability interval on the negative real axis: the largest {@code x}
   * with {@code |R(−x')| ≤ 1} for all {@code x' ∈ [0, x]}, {@code R(z) = 1 + z·bᵀ(I − zA)⁻¹·1} the
   * stability function (Hairer &amp; Wanner, Solving ODEs II, IV.2); about 3.3 for dopri5. An explicit
   * method on a stiff problem is held to steps {@code h ≤ x/ρ}, {@code ρ} the spectral radius of
   * {@code ∂f/∂y}.
   */
  double realStabilityBoundary() {
    double x = stabilityBoundary;
    if (Double.isNaN(x)) {
      x = scanStabilityBoundary();
      stabilityBoundary = x;
    }
    return x;
  }

  private double scanStabilityBoundary() {
    double step = 1e-3;
    double x = 0;
    while (x < 100 && Math.abs(stabilityFunction(-(x + step))) <= 1) {
      x += step;
    }
    return x;
  }

  private double stabilityFunction(double z) {
    int s = b.length;
    double[] k = new double[s];
    double r = 1;
    for (int i = 0; i < s; i++) {
      double sum = 0;
      for (int j = 0; j < i; j++) {
        sum += a[i][j] * k[j];
      }
      k[i] = 1 + z * sum;
      r += z * b[i] * k[i];
    }
    return r;
  }

  /**
   * Whether the last stage is {@code f(t + h, y₁)}, so it serves as the next step's first.
   *
   * @return true for first-same-as-last methods
   */
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

  /**
   * The dense-output interpolant, or {@code null} (then cubic Hermite is used).
   *
   * @return the interpolant, or {@code null}
   */
  public Interpolant interpolant() {
    return interpolant;
  }

  /**
   * Number of extra stages the dense output needs (0 for most methods).
   *
   * @return the number of extra stages
   */
  public int denseStages() {
    return denseC.length;
  }

  /**
   * Number of terms the interpolant weighs: {@code s}, or {@code s + 1 + denseStages()}.
   *
   * @return the number of terms
   */
  public int denseTerms() {
    return denseC.length == 0 ? stages() : stages() + 1 + denseC.length;
  }

  /**
   * {@code cᵢ} of extra dense stage {@code i}.
   *
   * @param i the extra stage, from 0
   * @return its node
   */
  public double denseC(int i) {
    return denseC[i];
  }

  /**
   * {@code aᵢⱼ} of extra dense stage {@code i}, {@code j ≤ s + i}.
   *
   * @param i the extra stage, from 0
   * @param j the term, from 0
   * @return {@code aᵢⱼ} of that stage
   */
  public double denseA(int i, int j) {
    return denseA[i][j];
  }

  @Override
  public String toString() {
    return name + " (order " + order + ", " + stages() + " stages"
        + (isAdaptive() ? ", embedded order " + errorOrder : "") + ")";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ButcherTableau t && t.name.equals(name) && t.order == order
        && Arrays.equals(t.c, c) && Arrays.deepEquals(t.a, a) && Arrays.equals(t.b, b) && Arrays.equals(t.e, e)
        && Arrays.equals(t.e3, e3);
  }

  @Override
  public int hashCode() {
    return name.hashCode() * 31 + Arrays.hashCode(b);
  }

  /** At θ = 1 the interpolant must give {@code b} (and weight 0 on the extra terms), at θ = 0 nothing. */
  private void checkInterpolant() {
    int terms = denseTerms();
    double[] w = new double[terms];
    interpolant.weights(1, w);
    for (int i = 0; i < terms; i++) {
      double expected = i < stages() ? b[i] : 0;
      check(Math.abs(w[i] - expected) < 1e-10, "%s: dense output must give b at θ = 1, term %d gives %s ≠ %s",
          name, i, w[i], expected);
    }
    interpolant.weights(0, w);
    for (int i = 0; i < terms; i++) {
      check(w[i] == 0, "%s: dense output must give y₀ at θ = 0, term %d has weight %s", name, i, w[i]);
    }
  }

  private static void checkRowSum(String name, String what, int i, double[] row, double ci) {
    double sum = sum(row);
    check(Math.abs(sum - ci) < TOL, "%s: row-sum condition Σⱼ %s[%d][j] = c[%d] fails: %s ≠ %s",
        name, what, i, i, sum, ci);
  }

  private static void checkErrorWeights(String name, String what, double[] e, int s) {
    if (e != null) {
      check(e.length == s, "%s: error weights %s need %d entries (one per stage), got %d", name, what, s, e.length);
      check(Math.abs(sum(e)) < TOL, "%s: error weights %s = b − b̂ must sum to 0, they sum to %s", name, what, sum(e));
    }
  }

  private static double[][] deepCopy(double[][] rows) {
    double[][] copy = new double[rows.length][];
    for (int i = 0; i < rows.length; i++) {
      copy[i] = rows[i].clone();
    }
    return copy;
  }
}
