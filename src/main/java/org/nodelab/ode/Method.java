package org.nodelab.ode;

/**
 * A numerical method, the part of a {@link Solver} that says how one step is computed (diffrax's
 * {@code AbstractSolver}): an explicit Runge–Kutta {@link ButcherTableau}, stepped by the one
 * explicit engine, or an implicit method for stiff problems, a {@link Rosenbrock} or an {@link Esdirk}
 * method or the {@link Radau} IIA method, each with its own {@code Stepper}; a new family joins this sealed list with its stepper and
 * one case in {@code Stepper.of}.
 */
public sealed interface Method permits ButcherTableau, Rosenbrock, Esdirk, Radau {
  /**
   * The method's name, e.g. {@code "dopri5"}.
   *
   * @return the short name, as the factory in {@link Solvers} is called
   */
  String name();

  /**
   * Order {@code p} of the solution.
   *
   * @return p
   */
  int order();

  /**
   * Order {@code q} of the embedded error estimate (0 without one).
   *
   * @return q, or 0
   */
  int errorOrder();

  /**
   * Whether the method estimates its error, so that an adaptive controller can use it.
   *
   * @return true for an embedded pair
   */
  boolean isAdaptive();
}
