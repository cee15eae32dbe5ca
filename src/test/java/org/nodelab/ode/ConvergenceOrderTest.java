package org.nodelab.ode;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Observed convergence order, as the least-squares slope of log error against log step, on {@code
 * y' = y·cos t} (solution {@code e^{sin t}}) with fixed steps; at the step end (the method's order)
 * and at mid-step output times (dense output). Steps keep errors well above round-off.
 */
class ConvergenceOrderTest {
  private static final OdeSystem F = (t, y, dy) -> dy[0] = y[0] * Math.cos(t);
  private static final double T = 2.0;

  /**
   * Method, expected order at step ends, expected order at mid-step outputs (the interpolant: 4 for
   * Shampine's and Tsitouras's, cubic Hermite's local O(h⁴) otherwise), coarsest step count, and the
   * tolerance on the slope. Tsit5's error constants are small, so at practical steps its observed
   * order still approaches 5 from above; that row gets a wider band.
   */
  static Stream<Arguments> methods() {
    return Stream.of(
        Arguments.of(Tableaus.EULER, 1, 1, 64, 0.25),
        Arguments.of(Tableaus.MIDPOINT, 2, 2, 32, 0.25),
        Arguments.of(Tableaus.HEUN, 2, 2, 32, 0.25),
        Arguments.of(Tableaus.RK4, 4, 4, 16, 0.25),
        Arguments.of(Tableaus.BOSH3, 3, 3, 16, 0.25),
        Arguments.of(Tableaus.DOPRI5, 5, 4, 8, 0.3),
        Arguments.of(Tableaus.TSIT5, 5, 4, 8, 0.7),
        Arguments.of(Tableaus.DOPRI8, 8, 4, 2, 0.3));
  }

  /** The same coefficients as a fixed-step method, so the step size is ours to choose. */
  private static Solver fixed(ButcherTableau tab, int steps) {
    int s = tab.stages();
    double[] c = new double[s];
    double[] b = new double[s];
    double[][] a = new double[s][];
    for (int i = 0; i < s; i++) {
      c[i] = tab.c(i);
      b[i] = tab.b(i);
      a[i] = new double[i];
      for (int j = 0; j < i; j++) {
        a[i][j] = tab.a(i, j);
      }
    }
    ButcherTableau plain = ButcherTableau.explicit(tab.name(), tab.order(), c, a, b, tab.interpolant());
    return Solver.of(plain).step(T / steps);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("methods")
  void convergesAtTheoreticalOrder(ButcherTableau tab, int order, int denseOrder, int coarsest, double tol) {
    double[] hs = new double[4];
    double[] endErrors = new double[4];
    double[] midErrors = new double[4];
    for (int r = 0; r < 4; r++) {
      int steps = coarsest << r;
      double h = T / steps;
      hs[r] = h;
      // Output at the end and half a step before it: the latter comes from dense output.
      double tMid = T - h / 2;
      Solution sol = Ode.solve(F, new double[] {1}, new double[] {0, tMid, T}, fixedSolver(tab, steps));
      endErrors[r] = Math.abs(sol.state(2)[0] - Math.exp(Math.sin(T)));
      midErrors[r] = Math.abs(sol.state(1)[0] - Math.exp(Math.sin(tMid)));
    }
    assertEquals(order, slope(hs, endErrors), tol, tab.name() + " at step ends");
    assertEquals(denseOrder, slope(hs, midErrors), tol, tab.name() + " dense output");
  }

  private static Solver fixedSolver(ButcherTableau tab, int steps) {
    if (!tab.isAdaptive()) {
      return Solver.of(tab).step(T / steps);
    }
    return fixed(tab, steps);
  }

  /** Least-squares slope of log(error) against log(h). */
  static double slope(double[] h, double[] err) {
    int n = h.length;
    double mx = 0;
    double my = 0;
    for (int i = 0; i < n; i++) {
      mx += Math.log(h[i]) / n;
      my += Math.log(err[i]) / n;
    }
    double sxy = 0;
    double sxx = 0;
    for (int i = 0; i < n; i++) {
      double dx = Math.log(h[i]) - mx;
      sxy += dx * (Math.log(err[i]) - my);
      sxx += dx * dx;
    }
    return sxy / sxx;
  }
}
