package org.nodelab.data;

import org.nodelab.ode.OdeSystem;

/**
 * Three classic stiff test problems with their analytic Jacobians (Hairer &amp; Wanner, Solving ODEs
 * II, IV.10, and the Bari test set): Robertson's chemical kinetics, Van der Pol's oscillator with
 * {@code μ = 1000}, and HIRES, the plant physiology model of Schäfer (1975).
 */
public final class StiffProblems {
  private StiffProblems() {}

  /**
   * A stiff initial-value problem.
   *
   * @param name short name, e.g. {@code "robertson"}
   * @param system the right-hand side, with its Jacobian
   * @param y0 the initial state (a copy on every call)
   * @param tEnd the end of the usual interval (from 0)
   * @param atolPerRtol the absolute tolerance used with a relative tolerance {@code rtol}: {@code
   *     atolPerRtol · rtol} (the states' scales differ by problem)
   */
  public record Problem(String name, OdeSystem system, double[] y0, double tEnd, double atolPerRtol) {
    /**
     * The initial state (a copy).
     *
     * @return a copy of {@code y(0)}
     */
    @Override
    public double[] y0() {
      return y0.clone();
    }

    /**
     * The problem without its Jacobian: solvers then approximate it by finite differences.
     *
     * @return the same problem without its Jacobian
     */
    public OdeSystem withoutJacobian() {
      return system::evaluate;
    }
  }

  /**
   * Robertson's kinetics {@code y₁' = −0.04y₁ + 10⁴y₂y₃}, {@code y₂' = 0.04y₁ − 10⁴y₂y₃ − 3·10⁷y₂²},
   * {@code y₃' = 3·10⁷y₂²}, {@code y(0) = (1, 0, 0)}, to {@code t = 10⁵}.
   *
   * @return the problem on {@code [0, 10⁵]} with its analytic Jacobian and tolerances
   */
  public static Problem robertson() {
    return new Problem("robertson", OdeSystem.withJacobian(StiffProblems::robertson, (t, y, j) -> {
      j[0] = -0.04;
      j[1] = 1e4 * y[2];
      j[2] = 1e4 * y[1];
      j[3] = 0.04;
      j[4] = -1e4 * y[2] - 6e7 * y[1];
      j[5] = -1e4 * y[1];
      j[7] = 6e7 * y[1];
    }), new double[] {1, 0, 0}, 1e5, 1e-6);
  }

  /** Robertson's right-hand side with rate constants {@code k₁ = 0.04}, {@code k₂ = 3·10⁷}, {@code k₃ = 10⁴}. */
  private static void robertson(double t, double[] y, double[] dy) {
    dy[0] = -0.04 * y[0] + 1e4 * y[1] * y[2];
    dy[1] = 0.04 * y[0] - 1e4 * y[1] * y[2] - 3e7 * y[1] * y[1];
    dy[2] = 3e7 * y[1] * y[1];
  }

  /**
   * Van der Pol {@code y₁' = y₂}, {@code y₂' = μ(1 − y₁²)y₂ − y₁}, {@code μ = 1000}, {@code y(0) = (2, 0)}, to
   * 3000.
   *
   * @return the problem on {@code [0, 3000]} with its analytic Jacobian and tolerances
   */
  public static Problem vanDerPol() {
    double mu = 1000;
    return new Problem("van_der_pol_1000", OdeSystem.withJacobian((t, y, dy) -> {
      dy[0] = y[1];
      dy[1] = mu * (1 - y[0] * y[0]) * y[1] - y[0];
    }, (t, y, j) -> {
      j[1] = 1;
      j[2] = -2 * mu * y[0] * y[1] - 1;
      j[3] = mu * (1 - y[0] * y[0]);
    }), new double[] {2, 0}, 3000, 1);
  }

  /**
   * HIRES, eight reactions of light-induced plant growth, to {@code t = 321.8122}.
   *
   * @return the problem on {@code [0, 321.8122]} with its analytic Jacobian and tolerances
   */
  public static Problem hires() {
    return new Problem("hires", OdeSystem.withJacobian(StiffProblems::hires, StiffProblems::hiresJacobian),
        new double[] {1, 0, 0, 0, 0, 0, 0, 0.0057}, 321.8122, 1e-4);
  }

  private static void hires(double t, double[] y, double[] dy) {
    dy[0] = -1.71 * y[0] + 0.43 * y[1] + 8.32 * y[2] + 0.0007;
    dy[1] = 1.71 * y[0] - 8.75 * y[1];
    dy[2] = -10.03 * y[2] + 0.43 * y[3] + 0.035 * y[4];
    dy[3] = 8.32 * y[1] + 1.71 * y[2] - 1.12 * y[3];
    dy[4] = -1.745 * y[4] + 0.43 * y[5] + 0.43 * y[6];
    dy[5] = -280 * y[5] * y[7] + 0.69 * y[3] + 1.71 * y[4] - 0.43 * y[5] + 0.69 * y[6];
    dy[6] = 280 * y[5] * y[7] - 1.81 * y[6];
    dy[7] = -280 * y[5] * y[7] + 1.81 * y[6];
  }

  private static void hiresJacobian(double t, double[] y, double[] j) {
    int n = 8;
    j[0] = -1.71;
    j[1] = 0.43;
    j[2] = 8.32;
    j[n] = 1.71;
    j[n + 1] = -8.75;
    j[2 * n + 2] = -10.03;
    j[2 * n + 3] = 0.43;
    j[2 * n + 4] = 0.035;
    j[3 * n + 1] = 8.32;
    j[3 * n + 2] = 1.71;
    j[3 * n + 3] = -1.12;
    j[4 * n + 4] = -1.745;
    j[4 * n + 5] = 0.43;
    j[4 * n + 6] = 0.43;
    j[5 * n + 3] = 0.69;
    j[5 * n + 4] = 1.71;
    j[5 * n + 5] = -280 * y[7] - 0.43;
    j[5 * n + 6] = 0.69;
    j[5 * n + 7] = -280 * y[5];
    j[6 * n + 5] = 280 * y[7];
    j[6 * n + 6] = -1.81;
    j[6 * n + 7] = 280 * y[5];
    j[7 * n + 5] = -280 * y[7];
    j[7 * n + 6] = 1.81;
    j[7 * n + 7] = -280 * y[5];
  }
}
