package org.nodelab.ode;

import java.util.Objects;
import org.nodelab.ode.control.ErrorNorm;
import org.nodelab.ode.control.StepControl;

/**
 * An immutable solver: a {@link ButcherTableau} plus a {@link StepControl}. Every setter returns a
 * new value, so {@code rk45.rtol(1e-6).atol(1e-8)} leaves {@code rk45} as it was.
 *
 * <p>Defaults: methods with an error estimate (bosh3, dopri5, tsit5, dopri8) control the error with
 * {@code rtol = 1e-7}, {@code atol = 1e-9} (torchdiffeq's, so that evaluation counts compare) and
 * scipy's RK45 controller, see {@link StepControl}. Fixed-step methods (euler, midpoint, heun, rk4)
 * take one step per output interval unless {@link #step(double)} sets a step. {@code step(h)} also
 * runs an adaptive method at fixed steps (its error estimate unused); {@code rtol}/{@code atol}
 * switch it back to error control. At most 100 000 steps per solve.
 */
public final class Solver {
  private final ButcherTableau tableau;
  private final StepControl control;
  private final boolean trace;

  private Solver(ButcherTableau tableau, StepControl control, boolean trace) {
    this.tableau = Objects.requireNonNull(tableau, "tableau");
    this.control = Objects.requireNonNull(control, "control");
    this.trace = trace;
  }

  /** A solver for {@code tableau} with the documented defaults. */
  public static Solver of(ButcherTableau tableau) {
    return new Solver(tableau, StepControl.defaults(), false);
  }

  /** This solver with another step-size control. */
  public Solver withControl(StepControl newControl) {
    return new Solver(tableau, newControl, trace);
  }

  /** This solver with another tableau (same control settings). */
  public Solver withTableau(ButcherTableau newTableau) {
    return new Solver(newTableau, control, trace);
  }

  /** Error control with relative tolerance {@code rtol ≥ 0}. */
  public Solver rtol(double rtol) {
    return withControl(control.rtol(requireEstimate("rtol", rtol)));
  }

  /** Error control with one relative tolerance per component. */
  public Solver rtol(double... rtol) {
    requireEstimate("rtol", rtol.length == 0 ? Double.NaN : rtol[0]);
    return withControl(control.rtol(rtol));
  }

  /** Error control with absolute tolerance {@code atol ≥ 0}. */
  public Solver atol(double atol) {
    return withControl(control.atol(requireEstimate("atol", atol)));
  }

  /** Error control with one absolute tolerance per component. */
  public Solver atol(double... atol) {
    requireEstimate("atol", atol.length == 0 ? Double.NaN : atol[0]);
    return withControl(control.atol(atol));
  }

  /** Fixed steps of size {@code h > 0} for any method; the last step is shortened to land on the end. */
  public Solver step(double h) {
    return withControl(control.fixedStep(h));
  }

  /** The first step to try instead of Hairer's estimate (adaptive methods). */
  public Solver initialStep(double h) {
    return withControl(control.initialStep(h));
  }

  /** At most {@code n} steps (accepted plus rejected) per solve; more fails with a diagnosis. */
  public Solver maxSteps(int n) {
    return withControl(control.maxSteps(n));
  }

  /** Fail instead of letting the error control take steps smaller than {@code h} (default 0). */
  public Solver minStep(double h) {
    return withControl(control.minStep(h));
  }

  /** Never take steps larger than {@code h}. */
  public Solver maxStep(double h) {
    return withControl(control.maxStep(h));
  }

  /** The safety factor in {@code (0, 1]} (default 0.9). */
  public Solver safety(double s) {
    return withControl(control.safety(s));
  }

  /** Limits {@code 0 < min < 1 < max} on the step-size ratio per step (defaults 0.2 and 10). */
  public Solver factors(double min, double max) {
    return withControl(control.factors(min, max));
  }

  /** PI control {@code safety · ratio^{−β₁} · ratioPrev^{β₂}}, see {@link StepControl#pi(double, double)}. */
  public Solver pi(double beta1, double beta2) {
    return withControl(control.pi(beta1, beta2));
  }

  /** Hairer's PI control {@code β₁ = 1/(q+1) − 0.75·beta}, {@code β₂ = beta}. */
  public Solver pi(double beta) {
    return withControl(control.pi(beta));
  }

  /** Hairer's PI control of DOPRI5 ({@code beta = 0.04}). */
  public Solver pi() {
    return withControl(control.pi());
  }

  /** The error norm (default {@link ErrorNorm#RMS}). */
  public Solver norm(ErrorNorm norm) {
    return withControl(control.norm(norm));
  }

  /** The max norm: every component must meet its tolerance. */
  public Solver normMax() {
    return norm(ErrorNorm.MAX);
  }

  /** A mixed block norm, see {@link StepControl#blockNorm(int[], int)}. */
  public Solver blockNorm(int[] blockSizes, int counted) {
    return withControl(control.blockNorm(blockSizes, counted));
  }

  /** Whether solutions keep a per-step trace (t, h, error ratio, accepted). */
  public Solver trace(boolean on) {
    return new Solver(tableau, control, on);
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

  /** The step-size control. */
  public StepControl control() {
    return control;
  }

  /** Method name. */
  public String name() {
    return tableau.name();
  }

  /** Whether the step size is error-controlled (an adaptive method without a fixed step). */
  public boolean isAdaptive() {
    return tableau.isAdaptive() && !control.isFixedStep();
  }

  /** Whether solutions keep a per-step trace. */
  public boolean isTracing() {
    return trace;
  }

  /** Relative tolerance of component {@code i}. */
  public double relativeTolerance(int i) {
    return control.relativeTolerance(i);
  }

  /** Absolute tolerance of component {@code i}. */
  public double absoluteTolerance(int i) {
    return control.absoluteTolerance(i);
  }

  /** The fixed step, or NaN. */
  public double fixedStep() {
    return control.fixedStep();
  }

  /** Step limit per solve. */
  public int maxSteps() {
    return control.maxSteps();
  }

  int toleranceLength() {
    return control.toleranceLength();
  }

  /** E.g. {@code "dopri5(rtol=1e-06, atol=1e-08)"}, {@code "rk4(step=0.01)"}. */
  @Override
  public String toString() {
    if (!isAdaptive() && !control.isFixedStep()) {
      return name() + "(one step per output interval)";
    }
    return name() + "(" + control + ")";
  }

  private double requireEstimate(String what, double value) {
    if (!tableau.isAdaptive()) {
      throw new IllegalStateException(name() + " has no error estimate, so " + what + " = " + value
          + " cannot control it: give a fixed step with step(h), or use an adaptive method (bosh3, dopri5, "
          + "tsit5, dopri8)");
    }
    return value;
  }
}
