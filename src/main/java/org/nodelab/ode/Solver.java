package org.nodelab.ode;

import java.util.Objects;
import org.nodelab.ode.control.AdaptiveController;
import org.nodelab.ode.control.ConstantStep;
import org.nodelab.ode.control.ErrorNorm;
import org.nodelab.ode.control.IController;
import org.nodelab.ode.control.PiController;
import org.nodelab.ode.control.PredictiveController;
import org.nodelab.ode.control.StepLimits;
import org.nodelab.ode.control.StepSizeController;
import org.nodelab.ode.control.Tolerances;

/**
 * An immutable solver: a {@link Method}, a {@link StepSizeController} and {@link SolveOptions}
 * (diffrax's solver, controller and options of {@code diffeqsolve}). Every setter returns a new
 * value, so {@code rk45.rtol(1e-6).atol(1e-8)} leaves {@code rk45} as it was; the setters are thin
 * forwards to {@link #withController} and {@link #withOptions}.
 *
 * <p>Defaults: methods with an error estimate (bosh3, dopri5, tsit5, dopri8, rodas5, kvaerno5, radau5) control the error with
 * {@code rtol = 1e-7}, {@code atol = 1e-9} (torchdiffeq's, so that evaluation counts compare) and
 * scipy's RK45 controller ({@link IController}). Fixed-step methods (euler, midpoint, heun, rk4)
 * take one step per output interval unless {@link #step(double)} sets a step. {@code step(h)} also
 * runs an adaptive method at fixed steps (its error estimate unused); {@code rtol}/{@code atol}
 * switch it back to error control with the error settings it had. At most 100 000 steps per solve.
 */
public final class Solver {
  private final Method method;
  private final StepSizeController controller;
  private final AdaptiveController errorControl;
  private final SolveOptions options;

  private Solver(Method method, StepSizeController controller, AdaptiveController errorControl,
      SolveOptions options) {
    this.method = Objects.requireNonNull(method, "method");
    this.controller = Objects.requireNonNull(controller, "controller");
    this.errorControl = errorControl;
    this.options = Objects.requireNonNull(options, "options");
  }

  /**
   * A solver for {@code method} with the documented defaults.
   *
   * @param method the method
   * @return the solver: rtol 1e-7, atol 1e-9 for adaptive methods, one step per output interval for fixed-step
   *    ones
   */
  public static Solver of(Method method) {
    return new Solver(method, IController.defaults(), IController.defaults(), SolveOptions.defaults());
  }

  /**
   * This solver with another step-size controller; a {@link ConstantStep} keeps the error settings,
   * so that {@code rtol}/{@code atol} return to them.
   *
   * @param newController the controller
   * @return a new solver
   */
  public Solver withController(StepSizeController newController) {
    AdaptiveController error = newController instanceof AdaptiveController a ? a : errorControl;
    return new Solver(method, newController, error, options);
  }

  /**
   * This solver with other solve options.
   *
   * @param newOptions the options
   * @return a new solver
   */
  public Solver withOptions(SolveOptions newOptions) {
    return new Solver(method, controller, errorControl, newOptions);
  }

  /**
   * This solver with another method (same controller and options).
   *
   * @param newMethod the method
   * @return a new solver
   */
  public Solver withMethod(Method newMethod) {
    return new Solver(newMethod, controller, errorControl, options);
  }

  /**
   * This solver with another tableau (same controller and options).
   *
   * @param newTableau the tableau
   * @return a new solver
   */
  public Solver withTableau(ButcherTableau newTableau) {
    return withMethod(newTableau);
  }

  /**
   * Error control with relative tolerance {@code rtol ≥ 0}.
   *
   * @param rtol the relative tolerance
   * @return a new solver
   */
  public Solver rtol(double rtol) {
    requireEstimate("rtol", rtol);
    return withController(errorControl.withTolerances(errorControl.tolerances().rtol(rtol)));
  }

  /**
   * Error control with one relative tolerance per component.
   *
   * @param rtol one relative tolerance per component
   * @return a new solver
   */
  public Solver rtol(double... rtol) {
    requireEstimate("rtol", rtol.length == 0 ? Double.NaN : rtol[0]);
    return withController(errorControl.withTolerances(errorControl.tolerances().rtol(rtol)));
  }

  /**
   * Error control with absolute tolerance {@code atol ≥ 0}.
   *
   * @param atol the absolute tolerance
   * @return a new solver
   */
  public Solver atol(double atol) {
    requireEstimate("atol", atol);
    return withController(errorControl.withTolerances(errorControl.tolerances().atol(atol)));
  }

  /**
   * Error control with one absolute tolerance per component.
   *
   * @param atol one absolute tolerance per component
   * @return a new solver
   */
  public Solver atol(double... atol) {
    requireEstimate("atol", atol.length == 0 ? Double.NaN : atol[0]);
    return withController(errorControl.withTolerances(errorControl.tolerances().atol(atol)));
  }

  /**
   * Fixed steps of size {@code h > 0} for any method; the last step is shortened to land on the end.
   *
   * @param h the step size
   * @return a new solver
   */
  public Solver step(double h) {
    return withController(new ConstantStep(h));
  }

  /**
   * The first step to try instead of Hairer's estimate (adaptive methods).
   *
   * @param h the first step, positive
   * @return a new solver
   */
  public Solver initialStep(double h) {
    return withLimits(errorControl.limits().withInitialStep(h));
  }

  /**
   * At most {@code n} steps (accepted plus rejected) per solve; more fails with a diagnosis.
   *
   * @param n the budget, at least 1
   * @return a new solver
   */
  public Solver maxSteps(int n) {
    return withOptions(options.withMaxSteps(n));
  }

  /**
   * Fail instead of letting the error control take steps smaller than {@code h} (default 0).
   *
   * @param h the smallest step, at least 0
   * @return a new solver
   */
  public Solver minStep(double h) {
    return withLimits(errorControl.limits().withMinStep(h));
  }

  /**
   * Never take steps larger than {@code h}.
   *
   * @param h the largest step, positive
   * @return a new solver
   */
  public Solver maxStep(double h) {
    return withLimits(errorControl.limits().withMaxStep(h));
  }

  /**
   * The safety factor in {@code (0, 1]} (default 0.9).
   *
   * @param s the safety factor
   * @return a new solver
   */
  public Solver safety(double s) {
    return withLimits(errorControl.limits().withSafety(s));
  }

  /**
   * Limits {@code 0 < min < 1 < max} on the step-size ratio per step (defaults 0.2 and 10).
   *
   * @param min the smallest ratio
   * @param max the largest ratio
   * @return a new solver
   */
  public Solver factors(double min, double max) {
    return withLimits(errorControl.limits().withFactors(min, max));
  }

  /**
   * PI control {@code safety · ratio^{−β₁} · ratioPrev^{β₂}}, see {@link PiController}.
   *
   * @param beta1 β₁, the exponent of the current ratio
   * @param beta2 β₂, the exponent of the previous ratio
   * @return a new solver
   */
  public Solver pi(double beta1, double beta2) {
    return withErrorControl(PiController.of(errorControl, beta1, beta2));
  }

  /**
   * Hairer's PI control {@code β₁ = 1/(q+1) − 0.75·beta}, {@code β₂ = beta}.
   *
   * @param beta β₂
   * @return a new solver
   */
  public Solver pi(double beta) {
    return withErrorControl(PiController.hairer(errorControl, beta));
  }

  /**
   * Hairer's PI control of DOPRI5 ({@code beta = 0.04}).
   *
   * @return a new solver
   */
  public Solver pi() {
    return pi(0.04);
  }

  /**
   * Gustafsson's predictive control, see {@link PredictiveController} (the default of {@code radau5}).
   *
   * @return a new solver
   */
  public Solver predictive() {
    return withErrorControl(PredictiveController.of(errorControl));
  }

  /**
   * The error norm (default {@link ErrorNorm#RMS}).
   *
   * @param norm the norm
   * @return a new solver
   */
  public Solver norm(ErrorNorm norm) {
    return withTolerances(errorControl.tolerances().norm(norm));
  }

  /**
   * The max norm: every component must meet its tolerance.
   *
   * @return a new solver
   */
  public Solver normMax() {
    return norm(ErrorNorm.MAX);
  }

  /**
   * A mixed block norm, see {@link Tolerances#blockNorm(int[], int)}.
   *
   * @param blockSizes the sizes of the state's consecutive blocks
   * @param counted how many of the first blocks enter the norm
   * @return a new solver
   */
  public Solver blockNorm(int[] blockSizes, int counted) {
    return withTolerances(errorControl.tolerances().blockNorm(blockSizes, counted));
  }

  /**
   * Whether solutions keep a per-step trace (t, h, error ratio, accepted).
   *
   * @param on whether to keep the trace
   * @return a new solver
   */
  public Solver trace(boolean on) {
    return withOptions(options.withTrace(on));
  }

  /**
   * Ends the solve after the first accepted step where {@code rule} holds, see {@link TerminationRule}.
   *
   * @param rule the rule
   * @return a new solver
   */
  public Solver until(TerminationRule rule) {
    return withOptions(options.until(Objects.requireNonNull(rule, "rule")));
  }

  /**
   * DOPRI5 with Shampine's error estimator (torchdiffeq's and diffrax's choice).
   *
   * @return a new solver
   */
  public Solver shampineErrorEstimator() {
    if (!name().startsWith("dopri5")) {
      throw new IllegalStateException("Shampine's error estimator belongs to dopri5, not " + name());
    }
    return withMethod(Tableaus.DOPRI5_SHAMPINE);
  }

  /**
   * The method.
   *
   * @return the method: a tableau, Rosenbrock, ESDIRK or Radau coefficients
   */
  public Method method() {
    return method;
  }

  /**
   * The method's tableau, for explicit Runge–Kutta methods.
   *
   * @return the tableau of an explicit method
   */
  public ButcherTableau tableau() {
    if (method instanceof ButcherTableau tableau) {
      return tableau;
    }
    throw new IllegalStateException(name() + " is not an explicit Runge–Kutta method");
  }

  /**
   * The step-size controller in use.
   *
   * @return the controller: constant step or an adaptive law
   */
  public StepSizeController controller() {
    return controller;
  }

  /**
   * The error-control settings: the controller when adaptive, else the ones {@code rtol}/{@code atol} return
   * to.
   *
   * @return the adaptive controller with the tolerances and limits
   */
  public AdaptiveController errorControl() {
    return errorControl;
  }

  /**
   * The solve options.
   *
   * @return the step budget, trace and termination rule
   */
  public SolveOptions options() {
    return options;
  }

  /**
   * Method name.
   *
   * @return the name, such as {@code "dopri5"}
   */
  public String name() {
    return method.name();
  }

  /**
   * Whether the step size is error-controlled (an adaptive method without a fixed step).
   *
   * @return true for error-controlled steps
   */
  public boolean isAdaptive() {
    return method.isAdaptive() && controller instanceof AdaptiveController;
  }

  /**
   * Whether solutions keep a per-step trace.
   *
   * @return true when tracing
   */
  public boolean isTracing() {
    return options.trace();
  }

  /**
   * Relative tolerance of component {@code i}.
   *
   * @param i the component's index
   * @return rtol of that component
   */
  public double relativeTolerance(int i) {
    return errorControl.tolerances().relative(i);
  }

  /**
   * Absolute tolerance of component {@code i}.
   *
   * @param i the component's index
   * @return atol of that component
   */
  public double absoluteTolerance(int i) {
    return errorControl.tolerances().absolute(i);
  }

  /**
   * The fixed step, or NaN.
   *
   * @return the step, or NaN
   */
  public double fixedStep() {
    return controller instanceof ConstantStep c ? c.h() : Double.NaN;
  }

  /**
   * Step limit per solve.
   *
   * @return the most steps, accepted plus rejected
   */
  public int maxSteps() {
    return options.maxSteps();
  }

  int toleranceLength() {
    return errorControl.tolerances().length();
  }

  /** E.g. {@code "dopri5(rtol=1e-06, atol=1e-08)"}, {@code "rk4(step=0.01)"}. */
  @Override
  public String toString() {
    if (!isAdaptive() && !(controller instanceof ConstantStep)) {
      return name() + "(one step per output interval)";
    }
    return name() + "(" + controller + ")";
  }

  private Solver withLimits(StepLimits limits) {
    return withErrorControl(errorControl.withLimits(limits));
  }

  private Solver withTolerances(Tolerances tolerances) {
    return withErrorControl(errorControl.withTolerances(tolerances));
  }

  /** New error settings; the controller stays a constant step if it was one. */
  private Solver withErrorControl(AdaptiveController error) {
    return new Solver(method, controller instanceof ConstantStep ? controller : error, error, options);
  }

  private void requireEstimate(String what, double value) {
    if (!method.isAdaptive()) {
      throw new IllegalStateException(name() + " has no error estimate, so " + what + " = " + value
          + " cannot control it: give a fixed step with step(h), or use an adaptive method (bosh3, dopri5, "
          + "tsit5, dopri8; rodas5, kvaerno5, radau5 for stiff problems)");
    }
  }
}
