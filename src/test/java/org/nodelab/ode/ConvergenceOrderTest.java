package org.nodelab.ode;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.function.DoubleFunction;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nodelab.testing.Convergence;

/**
 * Observed convergence order, the least-squares slope of log error against log step, at fixed steps
 * on problems with closed-form solutions; at the step ends (the method's order) and at an output
 * time half a step before the end (the dense output's order). Step counts keep every error well
 * above round-off and in the asymptotic range.
 */
class ConvergenceOrderTest {

  /** A problem with its exact solution. */
  record Problem(String name, OdeSystem f, double[] y0, double tEnd, DoubleFunction<double[]> exact) {
    @Override
    public String toString() {
      return name;
    }
  }

  /** {@code y' = y·cos t} on [0, 2], {@code y = e^{sin t}}. */
  static final Problem GROWTH = growth(2);

  /** The same on [0, 20], where a fifth-order method's error stays far above round-off. */
  static final Problem LONG_GROWTH = growth(20);

  /** {@code y₁' = 3y₂, y₂' = −3y₁} on [0, 2], a rotation: {@code y = (sin 3t, cos 3t)}. */
  static final Problem ROTATION = rotation(2);

  /** The rotation over about ten periods, [0, 20]. */
  static final Problem LONG_ROTATION = rotation(20);

  private static Problem growth(double tEnd) {
    return new Problem("y' = y cos t on [0, " + (int) tEnd + "]", (t, y, dy) -> dy[0] = y[0] * Math.cos(t),
        new double[] {1}, tEnd, t -> new double[] {Math.exp(Math.sin(t))});
  }

  private static Problem rotation(double tEnd) {
    return new Problem("rotation on [0, " + (int) tEnd + "]", (t, y, dy) -> {
      dy[0] = 3 * y[1];
      dy[1] = -3 * y[0];
    }, new double[] {0, 1}, tEnd, t -> new double[] {Math.sin(3 * t), Math.cos(3 * t)});
  }

  /**
   * Solver, problem, order at step ends, order at the moving mid-step output, and the coarsest
   * number of steps (then 2, 4 and 8 times as many), chosen so that errors stay between about 1e-4
   * and 1e-12. At a mid-step output the error is the global error (order p) plus the interpolant's
   * local error: O(h⁴) for cubic Hermite (euler to bosh3, so the order stays p), O(h⁵) for
   * Shampine's and Tsitouras's fourth-order interpolants, O(h⁸) for Hairer's seventh-order DOP853
   * dense output. Tsit5's leading error coefficients are small, so it needs small steps to show
   * its asymptotic order. Rodas5's dense output is of order 4 (O(h⁵) locally); kvaerno5 interpolates
   * by cubic Hermite, so its mid-step order is 4; radau5's collocation polynomial is cubic, so its
   * mid-step order is 4 too (on the rotation its h⁴ term is small enough that steps of this size
   * show 4.7, so only the growth problem is listed); their Newton iterations are run to a tolerance far below the errors
   * measured. The growth problem is non-autonomous, which checks Rodas5's
   * {@code ∂f/∂t} terms.
   */
  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of(Solvers.euler(), GROWTH, 1, 1, 200),
        Arguments.of(Solvers.euler(), ROTATION, 1, 1, 200),
        Arguments.of(Solvers.midpoint(), GROWTH, 2, 2, 100),
        Arguments.of(Solvers.midpoint(), ROTATION, 2, 2, 100),
        Arguments.of(Solvers.heun(), GROWTH, 2, 2, 100),
        Arguments.of(Solvers.heun(), ROTATION, 2, 2, 100),
        Arguments.of(Solvers.rk4(), GROWTH, 4, 4, 40),
        Arguments.of(Solvers.rk4(), ROTATION, 4, 4, 40),
        Arguments.of(Solvers.bosh3(), GROWTH, 3, 3, 40),
        Arguments.of(Solvers.bosh3(), ROTATION, 3, 3, 40),
        Arguments.of(Solvers.dopri5(), LONG_GROWTH, 5, 5, 80),
        Arguments.of(Solvers.dopri5(), LONG_ROTATION, 5, 5, 80),
        Arguments.of(Solvers.dopri5().shampineErrorEstimator(), LONG_ROTATION, 5, 5, 80),
        Arguments.of(Solvers.tsit5(), LONG_ROTATION, 5, 5, 320),
        Arguments.of(Solvers.dopri8(), LONG_ROTATION, 8, 8, 20),
        Arguments.of(Solvers.rodas5(), LONG_ROTATION, 5, 5, 160),
        Arguments.of(Solvers.rodas5(), LONG_GROWTH, 5, 5, 160),
        Arguments.of(Solvers.kvaerno5().rtol(1e-13).atol(1e-13), LONG_GROWTH, 5, 4, 160),
        Arguments.of(Solvers.radau5().rtol(1e-13).atol(1e-13), LONG_GROWTH, 5, 4, 160));
  }

  @ParameterizedTest(name = "{0} on {1}")
  @MethodSource("cases")
  void convergesAtTheoreticalOrder(Solver solver, Problem p, int order, int denseOrder, int coarsest) {
    int runs = 4;
    double[] hs = new double[runs];
    double[] endErrors = new double[runs];
    double[] denseErrors = new double[runs];
    for (int r = 0; r < runs; r++) {
      int steps = coarsest << r;
      double h = p.tEnd() / steps;
      double tMid = p.tEnd() - h / 2;
      Solution sol = Ode.solve(p.f(), p.y0(), new double[] {0, tMid, p.tEnd()}, solver.step(h));
      hs[r] = h;
      endErrors[r] = Convergence.maxAbsError(sol.state(2), p.exact().apply(p.tEnd()));
      denseErrors[r] = Convergence.maxAbsError(sol.state(1), p.exact().apply(tMid));
    }
    assertEquals(order, Convergence.observedOrder(hs, endErrors), 0.25, solver.name() + " at step ends");
    assertEquals(denseOrder, Convergence.observedOrder(hs, denseErrors), 0.25, solver.name() + " dense output");
  }
}
