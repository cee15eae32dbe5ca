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

  /**
   * Whether {@link #jacobian} is supplied; otherwise the implicit solvers ({@code rodas5}, {@code
   * kvaerno5}, {@code radau5}) approximate it by finite differences, one evaluation per component.
   *
   * @return true when the Jacobian is supplied
   */
  default boolean hasJacobian() {
    return false;
  }

  /**
   * The Jacobian {@code ∂f/∂y} at {@code (t, y)}, row-major: {@code dfdy[i·n + j] = ∂fᵢ/∂yⱼ}.
   *
   * @param t time
   * @param y state (read only)
   * @param dfdy output of {@code n·n} entries
   * @throws UnsupportedOperationException unless {@link #hasJacobian()} says it is supplied
   */
  default void jacobian(double t, double[] y, double[] dfdy) {
    throw new UnsupportedOperationException("this system supplies no Jacobian; see OdeSystem.withJacobian");
  }

  /** The Jacobian of a system, written row-major into {@code dfdy} ({@code dfdy[i·n + j] = ∂fᵢ/∂yⱼ}). */
  @FunctionalInterface
  interface Jacobian {
    /**
     * Writes {@code ∂f/∂y} at {@code (t, y)}.
     *
     * @param t time
     * @param y state (read only)
     * @param dfdy output of {@code n·n} entries, zero on entry
     */
    void evaluate(double t, double[] y, double[] dfdy);
  }

  /**
   * The system {@code f} with its Jacobian supplied, for the implicit solvers. Example (Van der Pol,
   * {@code μ = 1000}): {@code OdeSystem.withJacobian((t, y, dy) -> {...}, (t, y, j) -> { j[1] = 1;
   * j[2] = -2000*y[0]*y[1] - 1; j[3] = 1000*(1 - y[0]*y[0]); })}.
   *
   * @param f the right-hand side
   * @param jacobian its Jacobian
   * @return a system that evaluates {@code f} and supplies {@code jacobian}
   */
  static OdeSystem withJacobian(OdeSystem f, Jacobian jacobian) {
    java.util.Objects.requireNonNull(f, "f");
    java.util.Objects.requireNonNull(jacobian, "jacobian");
    return new OdeSystem() {
      @Override
      public void evaluate(double t, double[] y, double[] dydt) {
        f.evaluate(t, y, dydt);
      }

      @Override
      public boolean hasJacobian() {
        return true;
      }

      @Override
      public void jacobian(double t, double[] y, double[] dfdy) {
        java.util.Arrays.fill(dfdy, 0);
        jacobian.evaluate(t, y, dfdy);
      }
    };
  }
}
