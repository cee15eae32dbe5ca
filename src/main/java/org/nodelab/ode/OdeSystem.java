package org.nodelab.ode;

/**
 * A right-hand side {@code dy/dt = f(t, y)} on plain arrays: writes {@code f(t, y)} into {@code
 * dydt}, allocating nothing. Example (Lotka–Volterra): {@code (t, y, dy) -> { dy[0] = 1.5*y[0] -
 * y[0]*y[1]; dy[1] = -3*y[1] + y[0]*y[1]; }}.
 */
@FunctionalInterface
public interface OdeSystem {

  /**
   * Evaluates the derivative.
   *
   * @param t time
   * @param y state (read only)
   * @param dydt output, same length as {@code y}
   */
  void evaluate(double t, double[] y, double[] dydt);
}
