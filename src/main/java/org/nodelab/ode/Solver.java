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

  private final ButcherTableau tableau;
  private final double[] rtol;
  private final double[] atol;
  private final double step;
  private final int maxSteps;
  private final double minStep;
  private final double maxStep;
  private final double safety;
  private final double factorMin;
  private final double factorMax;
  private final double piBeta;
  private final Norm norm;
  private final double initialStep;
  private final boolean trace;

  private Solver(ButcherTableau tableau, double[] rtol, double[] atol, double step, int maxSteps,
      double minStep, double maxStep, double safety, double factorMin, double factorMax, double piBeta,
      Norm norm, double initialStep, boolean trace) {
    this.tableau = tableau;
    this.rtol = rtol;
    this.atol = atol;
    this.step = step;
    this.maxSteps = maxSteps;
    this.minStep = minStep;
    this.maxStep = maxStep;
    this.safety = safety;
    this.factorMin = factorMin;
    this.factorMax = factorMax;
    this.piBeta = piBeta;
    this.norm = norm;
    this.initialStep = initialStep;
    this.trace = trace;
  }

  /** A solver for {@code tableau} with the documented defaults. */
  public static Solver of(ButcherTableau tableau) {
    return new Solver(Objects.requireNonNull(tableau, "tableau"), new double[] {1e-7}, new double[] {1e-9},
        Double.NaN, 100_000, 0, Double.POSITIVE_INFINITY, 0.9, 0.2, 10, 0, Norm.RMS, Double.NaN, false);
  }

  private Solver with(double[] rtol, double[] atol, double step, int maxSteps, double minStep, double maxStep,
      double safety, double factorMin, double factorMax, double piBeta, Norm norm, double initialStep, boolean trace) {
    return new Solver(tableau, rtol, atol, step, maxSteps, minStep, maxStep, safety, factorMin, factorMax, piBeta,
        norm, initialStep, trace);
  }

  /** Relative tolerance (scalar). */
  public Solver rtol(double rtol) {
    return rtol(new double[] {rtol});
  }

  /** Relative tolerance per component. */
  public Solver rtol(double... rtol) {
    return with(checkTolerances("rtol", rtol), atol, step, maxSteps, minStep, maxStep, safety, factorMin,
        factorMax, piBeta, norm, initialStep, trace);
  }

  /** Absolute tolerance (scalar). */
  public Solver atol(double atol) {
    return atol(new double[] {atol});
  }

  /** Absolute tolerance per component. */
  public Solver atol(double... atol) {
    return with(rtol, checkTolerances("atol", atol), step, maxSteps, minStep, maxStep, safety, factorMin,
        factorMax, piBeta, norm, initialStep, trace);
  }

  /** Fixed step size {@code h > 0} (for fixed-step methods; for adaptive ones: the initial step). */
  public Solver step(double h) {
    checkPositive("step", h);
    if (tableau.isAdaptive()) {
      return initialStep(h);
    }
    return with(rtol, atol, h, maxSteps, minStep, maxStep, safety, factorMin, factorMax, piBeta, norm,
        initialStep, trace);
  }

  /** The first step to try instead of Hairer's estimate. */
  public Solver initialStep(double h) {
    checkPositive("initialStep", h);
    return with(rtol, atol, step, maxSteps, minStep, maxStep, safety, factorMin, factorMax, piBeta, norm, h, trace);
  }

  /** At most {@code n} steps (accepted plus rejected) per solve; more fails with a diagnosis. */
  public Solver maxSteps(int n) {
    if (n <= 0) {
      throw new IllegalArgumentException("maxSteps must be positive, got " + n);
    }
    return with(rtol, atol, step, n, minStep, maxStep, safety, factorMin, factorMax, piBeta, norm, initialStep, trace);
  }

  /** Fail instead of taking steps smaller than {@code h} (default 0: only underflow fails). */
  public Solver minStep(double h) {
    if (!(h >= 0) || Double.isInfinite(h)) {
      throw new IllegalArgumentException("minStep must be finite and >= 0, got " + h);
    }
    return with(rtol, atol, step, maxSteps, h, maxStep, safety, factorMin, factorMax, piBeta, norm, initialStep, trace);
  }

  /** Never take steps larger than {@code h}. */
  public Solver maxStep(double h) {
    checkPositive("maxStep", h);
    return with(rtol, atol, step, maxSteps, minStep, h, safety, factorMin, factorMax, piBeta, norm, initialStep, trace);
  }

  /** The safety factor (default 0.9) multiplying the optimal step-size ratio. */
  public Solver safety(double s) {
    if (!(s > 0 && s <= 1)) {
      throw new IllegalArgumentException("safety must lie in (0, 1], got " + s);
    }
    return with(rtol, atol, step, maxSteps, minStep, maxStep, s, factorMin, factorMax, piBeta, norm, initialStep, trace);
  }

  /** Limits on the step-size ratio per step (defaults 0.2 and 10). */
  public Solver factors(double min, double max) {
    if (!(min > 0 && min < 1 && max > 1) || Double.isInfinite(max)) {
      throw new IllegalArgumentException("need 0 < min < 1 < max < ∞, got min " + min + ", max " + max);
    }
    return with(rtol, atol, step, maxSteps, minStep, maxStep, safety, min, max, piBeta, norm, initialStep, trace);
  }

  /**
   * PI step-size control (Gustafsson; Hairer &amp; Wanner's DOPRI5): ratio {@code = safety ·
   * err^{−α} · errPrev^{β}} with {@code α = 1/(q+1) − 0.75β}; Hairer's choice is {@code β = 0.04}.
   */
  public Solver pi(double beta) {
    if (!(beta > 0 && beta < 0.2)) {
      throw new IllegalArgumentException("PI beta must lie in (0, 0.2), got " + beta);
    }
    return with(rtol, atol, step, maxSteps, minStep, maxStep, safety, factorMin, factorMax, beta, norm, initialStep, trace);
  }

  /** PI control with Hairer's {@code β = 0.04}. */
  public Solver pi() {
    return pi(0.04);
  }

  /** The error norm (default {@link Norm#RMS}). */
  public Solver norm(Norm n) {
    return with(rtol, atol, step, maxSteps, minStep, maxStep, safety, factorMin, factorMax, piBeta,
        Objects.requireNonNull(n, "norm"), initialStep, trace);
  }

  /** Whether solutions keep a per-step trace (t, h, error ratio, accepted). */
  public Solver trace(boolean on) {
    return with(rtol, atol, step, maxSteps, minStep, maxStep, safety, factorMin, factorMax, piBeta, norm, initialStep, on);
  }

  /** This solver with another tableau (same control settings). */
  public Solver withTableau(ButcherTableau t) {
    return new Solver(Objects.requireNonNull(t, "tableau"), rtol, atol, step, maxSteps, minStep, maxStep, safety,
        factorMin, factorMax, piBeta, norm, initialStep, trace);
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
