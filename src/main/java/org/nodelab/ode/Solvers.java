package org.nodelab.ode;

/**
 * Factories of the built-in solvers, each with the defaults documented in {@link Solver}: the
 * fixed-step methods take one step per output interval until {@code .step(h)} sets a step; the
 * adaptive ones control the error with {@code rtol = 1e-7}, {@code atol = 1e-9}. Example: {@code
 * Solvers.tsit5().rtol(1e-6).atol(1e-8)}.
 */
public final class Solvers {
  private Solvers() {}

  /**
   * Forward Euler (order 1, fixed step; each step is one ResNet block).
   *
   * @return the solver: one step per output interval, or {@code .step(h)}
   */
  public static Solver euler() {
    return Solver.of(Tableaus.EULER);
  }

  /**
   * Explicit midpoint (order 2, fixed step).
   *
   * @return the solver: one step per output interval, or {@code .step(h)}
   */
  public static Solver midpoint() {
    return Solver.of(Tableaus.MIDPOINT);
  }

  /**
   * Heun (order 2, fixed step).
   *
   * @return the solver: one step per output interval, or {@code .step(h)}
   */
  public static Solver heun() {
    return Solver.of(Tableaus.HEUN);
  }

  /**
   * Classical Runge–Kutta (order 4, fixed step).
   *
   * @return the solver: one step per output interval, or {@code .step(h)}
   */
  public static Solver rk4() {
    return Solver.of(Tableaus.RK4);
  }

  /**
   * Bogacki–Shampine 3(2), adaptive.
   *
   * @return the solver, rtol 1e-7 and atol 1e-9
   */
  public static Solver bosh3() {
    return Solver.of(Tableaus.BOSH3);
  }

  /**
   * Dormand–Prince 5(4), adaptive; the same as {@link #dopri5()}.
   *
   * @return the solver, rtol 1e-7 and atol 1e-9
   */
  public static Solver rk45() {
    return dopri5();
  }

  /**
   * Dormand–Prince 5(4), adaptive, with Dormand and Prince's error estimator: step for step scipy's
   * {@code RK45}; {@code .shampineErrorEstimator()} gives torchdiffeq's and diffrax's estimator.
   *
   * @return the solver, rtol 1e-7 and atol 1e-9
   */
  public static Solver dopri5() {
    return Solver.of(Tableaus.DOPRI5);
  }

  /**
   * Tsitouras 5(4), adaptive: often dopri5's accuracy for fewer evaluations.
   *
   * @return the solver, rtol 1e-7 and atol 1e-9
   */
  public static Solver tsit5() {
    return Solver.of(Tableaus.TSIT5);
  }

  /**
   * Dormand–Prince 8(5,3), adaptive, for tight tolerances: step for step scipy's {@code DOP853}.
   *
   * @return the solver, rtol 1e-7 and atol 1e-9
   */
  public static Solver dopri8() {
    return Solver.of(Tableaus.DOPRI8);
  }

  /**
   * Rodas5, Di Marzo's Rosenbrock method of order 5(4) for stiff problems: L-stable, one Jacobian and
   * one LU factorisation per step, eight evaluations and linear solves, a fourth-order dense output;
   * no Newton iterations. The Jacobian comes from {@link OdeSystem#jacobian} when supplied, from
   * automatic differentiation for tensor fields, else from finite differences.
   *
   * @return the solver, rtol 1e-7 and atol 1e-9
   */
  public static Solver rodas5() {
    return Solver.of(Rosenbrock.RODAS5);
  }

  /**
   * Kværnø's ESDIRK 5(4) for stiff problems: seven stages, six of them implicit and solved by Newton
   * iterations, with the Jacobian and its factorisation kept across steps while they serve.
   *
   * @return the solver, rtol 1e-7 and atol 1e-9
   */
  public static Solver kvaerno5() {
    return Solver.of(Esdirk.KVAERNO5);
  }

  /**
   * Radau IIA of order 5 for stiff problems, as Hairer and Wanner's RADAU5 and scipy's {@code Radau}:
   * three implicit stages solved together by simplified Newton (one real and one complex linear system
   * per iteration), L-stable, an embedded estimate of order 3 and the collocation polynomial as dense
   * output; Gustafsson's predictive step-size control ({@link Solver#predictive()}). It does not
   * record its iterations on a gradient tape: train through it with adjoint gradients.
   *
   * @return the solver, with Gustafsson's predictive step-size control
   */
  public static Solver radau5() {
    return Solver.of(Radau.RADAU5).predictive();
  }
}
