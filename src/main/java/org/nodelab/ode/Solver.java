package org.nodelab.ode;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * An immutable solver configuration: a {@link ButcherTableau} plus step-size control. Every
 * setter returns a new value, so {@code rk45.rtol(1e-6).atol(1e-8)} leaves {@code rk45} as it was.
 *
 * <p>Defaults (documented so that evaluation counts compare with torchdiffeq's): adaptive methods
 * use {@code rtol = 1e-7}, {@code atol = 1e-9}, the RMS error norm {@code √(mean((errᵢ / (atolᵢ +
 * rtolᵢ·max(|y₀ᵢ|, |y₁ᵢ|)))²))}, accept a step when the norm is below 1, and scale the step by {@code
 * clamp(0.9·norm^{−1/(q+1)}, 0.2, 10)} (no growth right after a rejection), exactly scipy's RK45
 * controller; the initial step is Hairer's two-evaluation estimate (Solving ODEs I, II.4).
 * Fixed-step methods take one step per output interval unless {@link #step(double)} sets a step.
 * At most 100 000 steps (accepted plus rejected) per solve.
 */
public final class Solver {
  /** How errors of the components are combined. */
  public enum Norm {
    /** Root mean square (default; scipy, diffrax, Hipparchus). */
    RMS,
    /** Largest component. */
    MAX
  }

  // Never modified after a setter returns its copy: instances are immutable to their users.
  private ButcherTableau tableau;
  private double[] rtol = {1e-7};
  private double[] atol = {1e-9};
  private double step = Double.NaN;
  private int maxSteps = 100_000;
  private double minStep;
  private double maxStep = Double.POSITIVE_INFINITY;
  private double safety = 0.9;
  private double factorMin = 0.2;
  private double factorMax = 10;
  private double piBeta;
  private Norm norm = Norm.RMS;
  private double initialStep = Double.NaN;
  private boolean trace;
  private int[] blocks;
  private int countedBlocks;

  private Solver(ButcherTableau tableau) {
    this.tableau = tableau;
  }

  /** A solver for {@code tableau} with the documented defaults. */
  public static Solver of(ButcherTableau tableau) {
    return new Solver(Objects.requireNonNull(tableau, "tableau"));
  }

  private Solver copy() {
    Solver c = new Solver(tableau);
    c.rtol = rtol;
    c.atol = atol;
    c.step = step;
    c.maxSteps = maxSteps;
    c.minStep = minStep;
    c.maxStep = maxStep;
    c.safety = safety;
    c.factorMin = factorMin;
    c.factorMax = factorMax;
    c.piBeta = piBeta;
    c.norm = norm;
    c.initialStep = initialStep;
    c.trace = trace;
    c.blocks = blocks;
    c.countedBlocks = countedBlocks;
    return c;
  }

  /** Relative tolerance (scalar). */
  public Solver rtol(double rtol) {
    return rtol(new double[] {rtol});
  }

  /** Relative tolerance per component. */
  public Solver rtol(double... rtol) {
    Solver c = copy();
    c.rtol = checkTolerances("rtol", rtol);
    return c;
  }

  /** Absolute tolerance (scalar). */
  public Solver atol(double atol) {
    return atol(new double[] {atol});
  }

  /** Absolute tolerance per component. */
  public Solver atol(double... atol) {
    Solver c = copy();
    c.atol = checkTolerances("atol", atol);
    return c;
  }

  /** Fixed step size {@code h > 0} (for fixed-step methods; for adaptive ones: the initial step). */
  public Solver step(double h) {
    checkPositive("step", h);
    if (tableau.isAdaptive()) {
      return initialStep(h);
    }
    Solver c = copy();
    c.step = h;
    return c;
  }

  /** The first step to try instead of Hairer's estimate. */
  public Solver initialStep(double h) {
    checkPositive("initialStep", h);
    Solver c = copy();
    c.initialStep = h;
    return c;
  }

  /** At most {@code n} steps (accepted plus rejected) per solve; more fails with a diagnosis. */
  public Solver maxSteps(int n) {
    if (n <= 0) {
      throw new IllegalArgumentException("maxSteps must be positive, got " + n);
    }
    Solver c = copy();
    c.maxSteps = n;
    return c;
  }

  /** Fail instead of taking steps smaller than {@code h} (default 0: only underflow fails). */
  public Solver minStep(double h) {
    if (!(h >= 0) || Double.isInfinite(h)) {
      throw new IllegalArgumentException("minStep must be finite and >= 0, got " + h);
    }
    Solver c = copy();
    c.minStep = h;
    return c;
  }

  /** Never take steps larger than {@code h}. */
  public Solver maxStep(double h) {
    checkPositive("maxStep", h);
    Solver c = copy();
    c.maxStep = h;
    return c;
  }

  /** The safety factor (default 0.9) multiplying the optimal step-size ratio. */
  public Solver safety(double s) {
    if (!(s > 0 && s <= 1)) {
      throw new IllegalArgumentException("safety must lie in (0, 1], got " + s);
    }
    Solver c = copy();
    c.safety = s;
    return c;
  }

  /** Limits on the step-size ratio per step (defaults 0.2 and 10). */
  public Solver factors(double min, double max) {
    if (!(min > 0 && min < 1 && max > 1) || Double.isInfinite(max)) {
      throw new IllegalArgumentException("need 0 < min < 1 < max < ∞, got min " + min + ", max " + max);
    }
    Solver c = copy();
    c.factorMin = min;
    c.factorMax = max;
    return c;
  }

  /**
   * PI step-size control (Gustafsson; Hairer &amp; Wanner's DOPRI5): ratio {@code = safety ·
   * err^{−α} · errPrev^{β}} with {@code α = 1/(q+1) − 0.75β}; Hairer's choice is {@code β = 0.04}.
   */
  public Solver pi(double beta) {
    if (!(beta > 0 && beta < 0.2)) {
      throw new IllegalArgumentException("PI beta must lie in (0, 0.2), got " + beta);
    }
    Solver c = copy();
    c.piBeta = beta;
    return c;
  }

  /** PI control with Hairer's {@code β = 0.04}. */
  public Solver pi() {
    return pi(0.04);
  }

  /** The error norm (default {@link Norm#RMS}). */
  public Solver norm(Norm n) {
    Solver c = copy();
    c.norm = Objects.requireNonNull(n, "norm");
    return c;
  }

  /** Whether solutions keep a per-step trace (t, h, error ratio, accepted). */
  public Solver trace(boolean on) {
    Solver c = copy();
    c.trace = on;
    return c;
  }

  /** This solver with another tableau (same control settings). */
  public Solver withTableau(ButcherTableau t) {
    Solver c = copy();
    c.tableau = Objects.requireNonNull(t, "tableau");
    return c;
  }

  /**
   * A mixed norm over blocks of components: the error is the largest of the blocks' RMS norms, and
   * only the first {@code counted} blocks enter it (torchdiffeq's norm for the adjoint's augmented
   * state; leaving the parameter-gradient block out is the seminorm of Kidger, Chen &amp; Lyons 2021,
   * "Hey, that's not an ODE", arXiv:2009.09457).
   *
   * @param blockSizes sizes of consecutive blocks, covering the whole state
   * @param counted how many leading blocks enter the error estimate
   */
  public Solver blockNorm(int[] blockSizes, int counted) {
    if (blockSizes.length == 0 || counted < 1 || counted > blockSizes.length) {
      throw new IllegalArgumentException("blockNorm needs blocks and 1 <= counted <= " + blockSizes.length
          + ", got " + blockSizes.length + " blocks and counted " + counted);
    }
    for (int size : blockSizes) {
      if (size <= 0) {
        throw new IllegalArgumentException("block sizes must be positive, got " + Arrays.toString(blockSizes));
      }
    }
    Solver c = copy();
    c.blocks = blockSizes.clone();
    c.countedBlocks = counted;
    return c;
  }

  /** DOPRI5 with Shampine's error estimator (torchdiffeq's and diffrax's choice). */
  public Solver shampineErrorEstimator() {
    if (!tableau.name().startsWith("dopri5")) {
      throw new IllegalStateException("Shampine's error estimator belongs to dopri5, not " + tableau.name());
    }
    return withTableau(Tableaus.DOPRI5_SHAMPINE);
  }

  /** The method. */
  public ButcherTableau tableau() {
    return tableau;
  }

  /** Method name. */
  public String name() {
    return tableau.name();
  }

  /** Whether the step size is error-controlled. */
  public boolean isAdaptive() {
    return tableau.isAdaptive();
  }

  /** Relative tolerance of component {@code i}. */
  public double rtol(int i) {
    return rtol.length == 1 ? rtol[0] : rtol[i];
  }

  /** Absolute tolerance of component {@code i}. */
  public double atol(int i) {
    return atol.length == 1 ? atol[0] : atol[i];
  }

  int toleranceLength() {
    return Math.max(rtol.length, atol.length);
  }

  /** The fixed step, or NaN. */
  public double fixedStep() {
    return step;
  }

  /** Step limit per solve. */
  public int maxSteps() {
    return maxSteps;
  }

  double minStep() {
    return minStep;
  }

  double maxStep() {
    return maxStep;
  }

  double safety() {
    return safety;
  }

  double factorMin() {
    return factorMin;
  }

  double factorMax() {
    return factorMax;
  }

  double piBeta() {
    return piBeta;
  }

  Norm norm() {
    return norm;
  }

  double initialStep() {
    return initialStep;
  }

  boolean tracing() {
    return trace;
  }

  /** Block sizes of the mixed norm, or null for the plain norm. */
  int[] blocks() {
    return blocks;
  }

  /** Leading blocks entering the mixed norm. */
  int countedBlocks() {
    return countedBlocks;
  }

  @Override
  public String toString() {
    if (!isAdaptive()) {
      return name() + (Double.isNaN(step) ? "()" : String.format(Locale.ROOT, "(step=%g)", step));
    }
    return String.format(Locale.ROOT, "%s(rtol=%s, atol=%s%s)", name(), tol(rtol), tol(atol),
        piBeta > 0 ? ", pi" : "");
  }

  private static String tol(double[] t) {
    return t.length == 1 ? String.format(Locale.ROOT, "%.3g", t[0]) : Arrays.toString(t);
  }

  private static double[] checkTolerances(String name, double[] t) {
    if (t.length == 0) {
      throw new IllegalArgumentException(name + " needs at least one value");
    }
    for (int i = 0; i < t.length; i++) {
      if (!(t[i] >= 0) || Double.isInfinite(t[i])) {
        throw new IllegalArgumentException(
            name + " must be finite and >= 0, got " + t[i] + (t.length > 1 ? " at component " + i : ""));
      }
    }
    return t.clone();
  }

  private static void checkPositive(String name, double h) {
    if (!(h > 0) || Double.isInfinite(h)) {
      throw new IllegalArgumentException(name + " must be a finite positive number, got " + h);
    }
  }
}
