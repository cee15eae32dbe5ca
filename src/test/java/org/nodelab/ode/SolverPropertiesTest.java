package org.nodelab.ode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import net.jqwik.api.AfterFailureMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * The adaptive solvers on generated linear systems {@code y' = Ay} whose solution is known in closed
 * form: {@code A = Q B Qᵀ} with {@code Q} a random rotation and {@code B} block diagonal (real
 * eigenvalues and rotation blocks {@code [[a, −b], [b, a]]}), so {@code y(t) = Q exp(B(t − t0)) Qᵀ
 * y0}. On any increasing or decreasing time grid, every output is within 30 tolerances (rtol =
 * atol, relative to the solution's size where it exceeds 1) of the exact solution.
 */
class SolverPropertiesTest {
  /** Error of a solve divided by its tolerance (scaled by the solution's size): the largest seen. */
  private static double worstRatio;

  /** A linear system with its closed-form flow. */
  record LinearSystem(int n, double[][] q, double[] real, double[] imag) {
    static LinearSystem random(int n, SplittableRandom r) {
      double[] real = new double[n];
      double[] imag = new double[n];
      for (int i = 0; i < n; i++) {
        if (i + 1 < n && r.nextBoolean()) {
          real[i] = real[i + 1] = -1 + 1.3 * r.nextDouble();
          imag[i] = 0.5 + 2.5 * r.nextDouble();
          imag[i + 1] = -imag[i];
          i++;
        } else {
          real[i] = -1.5 + 1.8 * r.nextDouble();
        }
      }
      return new LinearSystem(n, rotation(n, r), real, imag);
    }

    /** {@code B}: 1×1 blocks {@code real[i]}, 2×2 blocks where {@code imag[i] > 0}. */
    double[][] block() {
      double[][] b = new double[n][n];
      for (int i = 0; i < n; i++) {
        b[i][i] = real[i];
        if (imag[i] > 0) {
          b[i][i + 1] = -imag[i];
          b[i + 1][i] = imag[i];
        }
      }
      return b;
    }

    double[][] matrix() {
      return times(times(q, block()), transpose(q));
    }

    /** {@code exp(B τ)}. */
    double[][] blockExp(double tau) {
      double[][] e = new double[n][n];
      for (int i = 0; i < n; i++) {
        double g = Math.exp(real[i] * tau);
        if (imag[i] > 0) {
          double c = Math.cos(imag[i] * tau);
          double s = Math.sin(imag[i] * tau);
          e[i][i] = g * c;
          e[i][i + 1] = -g * s;
          e[i + 1][i] = g * s;
          e[i + 1][i + 1] = g * c;
          i++;
        } else {
          e[i][i] = g;
        }
      }
      return e;
    }

    double[] exact(double[] y0, double tau) {
      return apply(times(times(q, blockExp(tau)), transpose(q)), y0);
    }
  }

  @Property(tries = 120, seed = "26", afterFailure = AfterFailureMode.RANDOM_SEED)
  void everyOutputIsWithinTheToleranceOrderOfTheMatrixExponential(@ForAll @IntRange(min = 1, max = 5) int n,
      @ForAll @IntRange(min = 4, max = 9) int digits, @ForAll @IntRange(min = 0, max = 3) int method,
      @ForAll boolean backwards, @ForAll @IntRange(min = 2, max = 6) int points, @ForAll long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    LinearSystem system = LinearSystem.random(n, r);
    double[][] a = system.matrix();
    double[] y0 = new double[n];
    for (int i = 0; i < n; i++) {
      y0[i] = -1 + 2 * r.nextDouble();
    }
    double[] grid = new double[points];
    grid[0] = -1 + 2 * r.nextDouble();
    for (int i = 1; i < points; i++) {
      grid[i] = grid[i - 1] + (backwards ? -1 : 1) * (0.02 + 0.6 * r.nextDouble());
    }
    double tol = Math.pow(10, -digits);
    Solver solver = switch (method) {
      case 0 -> Solvers.bosh3();
      case 1 -> Solvers.dopri5();
      case 2 -> Solvers.tsit5();
      default -> Solvers.dopri8();
    };
    Solution s = Ode.solve((t, y, dy) -> {
      for (int i = 0; i < n; i++) {
        double sum = 0;
        for (int j = 0; j < n; j++) {
          sum += a[i][j] * y[j];
        }
        dy[i] = sum;
      }
    }, y0, grid, solver.rtol(tol).atol(tol));
    assertEquals(points, s.size());
    for (int k = 0; k < points; k++) {
      double[] exact = system.exact(y0, grid[k] - grid[0]);
      double scale = 1;
      double error = 0;
      for (int i = 0; i < n; i++) {
        scale = Math.max(scale, Math.abs(exact[i]));
        error = Math.max(error, Math.abs(s.state(k)[i] - exact[i]));
      }
      double ratio = error / (tol * scale);
      synchronized (SolverPropertiesTest.class) {
        worstRatio = Math.max(worstRatio, ratio);
      }
      assertTrue(ratio <= 30, String.format(java.util.Locale.ROOT,
          "%s at tol %.0e, n = %d, t = %s: error %.3e is %.0f tolerances (state %s, exact %s)", solver, tol, n,
          Arrays.toString(grid), error, ratio, Arrays.toString(s.state(k)), Arrays.toString(exact)));
    }
  }

  @AfterContainer
  static void report() {
    System.out.printf(java.util.Locale.ROOT, "linear systems: the largest error was %.1f tolerances%n", worstRatio);
  }

  private static double[][] rotation(int n, SplittableRandom r) {
    double[][] q = new double[n][n];
    for (int j = 0; j < n; j++) {
      double[] v = new double[n];
      for (int i = 0; i < n; i++) {
        v[i] = r.nextGaussian();
      }
      for (int k = 0; k < j; k++) {
        double d = 0;
        for (int i = 0; i < n; i++) {
          d += v[i] * q[i][k];
        }
        for (int i = 0; i < n; i++) {
          v[i] -= d * q[i][k];
        }
      }
      double norm = Math.sqrt(Arrays.stream(v).map(x -> x * x).sum());
      for (int i = 0; i < n; i++) {
        q[i][j] = v[i] / norm;
      }
    }
    return q;
  }

  private static double[][] times(double[][] x, double[][] y) {
    int n = x.length;
    double[][] z = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        for (int k = 0; k < n; k++) {
          z[i][j] += x[i][k] * y[k][j];
        }
      }
    }
    return z;
  }

  private static double[][] transpose(double[][] x) {
    int n = x.length;
    double[][] t = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        t[i][j] = x[j][i];
      }
    }
    return t;
  }

  private static double[] apply(double[][] m, double[] v) {
    double[] out = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      for (int j = 0; j < v.length; j++) {
        out[i] += m[i][j] * v[j];
      }
    }
    return out;
  }
}
