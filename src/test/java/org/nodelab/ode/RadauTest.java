package org.nodelab.ode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nodelab.data.StiffProblems;
import org.nodelab.data.StiffProblems.Problem;
import org.nodelab.nn.Mlp;
import org.nodelab.tensor.Activation;
import org.nodelab.tensor.Tensor;
import org.nodelab.testing.ReferenceProblems;

/** The Radau IIA method: its constants against Hairer's published ones, its linear algebra, and its work against scipy's Radau. */
class RadauTest {

  /**
   * The eigenvalues of {@code A⁻¹} in closed form ({@code γ = 3 + 3^{2/3} − 3^{1/3}}, {@code α ± iβ}
   * with {@code α = 3 + (3^{1/3} − 3^{2/3})/2}, {@code β = (3^{5/6} + 3^{7/6})/2}) and the error
   * weights RADAU5 publishes ({@code DD1 = −(13 + 7√6)/3}, {@code DD2 = (−13 + 7√6)/3}, {@code DD3 =
   * −1/3}), here derived from {@code A} and {@code c}, to 1e-12.
   */
  @Test
  void derivedConstantsEqualHairersPublishedOnes() {
    Radau r = Radau.RADAU5;
    double c3 = Math.cbrt(3);
    assertEquals(3 + c3 * c3 - c3, r.gamma(), 1e-12);
    assertEquals(3 + 0.5 * (c3 - c3 * c3), r.alpha(), 1e-12);
    assertEquals(0.5 * (Math.pow(3, 5.0 / 6) + Math.pow(3, 7.0 / 6)), Math.abs(r.beta()), 1e-12);
    double s6 = Math.sqrt(6);
    assertEquals(-(13 + 7 * s6) / 3, r.e(0), 1e-11);
    assertEquals((-13 + 7 * s6) / 3, r.e(1), 1e-11);
    assertEquals(-1.0 / 3, r.e(2), 1e-11);
  }

  /** The interpolation coefficients reproduce each stage at its node and vanish at {@code x = 0}. */
  @Test
  void collocationPolynomialPassesThroughTheStages() {
    Radau r = Radau.RADAU5;
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        double x = r.c(j);
        double value = r.dense(i, 0) * x + r.dense(i, 1) * x * x + r.dense(i, 2) * x * x * x;
        assertEquals(i == j ? 1 : 0, value, 1e-12, "L" + i + "(c" + j + ")");
      }
    }
  }

  /** {@code ((σ + iτ)I − J)x = b} against the same system in real form, {@code [[σI − J, −τI], [τI, σI − J]]}, by the real LU. */
  @Test
  void complexSolvesMatchTheRealFormOfTheSystem() {
    int n = 6;
    Random random = new Random(3);
    double[] jac = new double[n * n];
    for (int k = 0; k < jac.length; k++) {
      jac[k] = random.nextGaussian() * 10;
    }
    double sigma = 2.7;
    double tau = -3.1;
    double[] br = new double[n];
    double[] bi = new double[n];
    double[] real = new double[2 * n];
    for (int i = 0; i < n; i++) {
      br[i] = random.nextGaussian();
      bi[i] = random.nextGaussian();
      real[i] = br[i];
      real[n + i] = bi[i];
    }
    double[] big = new double[4 * n * n];
    int m = 2 * n;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double a = (i == j ? sigma : 0) - jac[i * n + j];
        big[i * m + j] = a;
        big[(n + i) * m + n + j] = a;
      }
      big[i * m + n + i] = -tau;
      big[(n + i) * m + i] = tau;
    }
    Lu lu = new Lu(m);
    assertTrue(lu.factor(big));
    lu.solve(real);
    ComplexLu complex = new ComplexLu(n);
    assertTrue(complex.factorShifted(sigma, tau, jac));
    complex.solve(br, bi);
    for (int i = 0; i < n; i++) {
      assertEquals(real[i], br[i], 1e-12, "real part " + i);
      assertEquals(real[n + i], bi[i], 1e-12, "imaginary part " + i);
    }
  }

  /**
   * At rtol 1e-6 (the bench's atol) radau5 is the same method as scipy's Radau with RADAU5's
   * Jacobian rule (a fresh Jacobian after slow Newton iterations, where scipy waits for three), so it
   * needs at most 25% more evaluations than scipy and reaches at most 5 times scipy's end error
   * (measured: 0.61 to 0.84 of the evaluations, 0.06 to 2.9 of the error).
   */
  @Test
  void workAtRtol1e6IsThatOfScipysRadau() throws Exception {
    JsonObject scan;
    try (var in = getClass().getResourceAsStream("/reference/stiff_scipy_radau_scan.json")) {
      scan = JsonParser.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8)).getAsJsonObject();
    }
    for (Problem p : List.of(StiffProblems.robertson(), StiffProblems.vanDerPol(), StiffProblems.hires())) {
      JsonArray at = scan.getAsJsonArray(p.name()).get(8).getAsJsonArray();
      assertEquals(1e-6, at.get(0).getAsDouble(), 1e-15);
      Solution s = Ode.solve(p.system(), p.y0(), new double[] {0, p.tEnd()},
          Solvers.radau5().rtol(1e-6).atol(1e-6 * p.atolPerRtol()));
      double[] ref = ReferenceProblems.stiffEndState(p.name());
      double error = 0;
      for (int i = 0; i < ref.length; i++) {
        error = Math.max(error, Math.abs(s.last()[i] - ref[i]) / Math.abs(ref[i]));
      }
      double evaluations = at.get(1).getAsDouble();
      double ratio = s.stats().evaluations() / evaluations;
      assertTrue(ratio < 1.25, p.name() + ": " + s.stats().evaluations() + " evaluations, scipy "
          + evaluations);
      double scipyError = at.get(2).getAsDouble();
      assertTrue(error < 5 * scipyError, p.name() + ": error " + error + ", scipy "
          + scipyError);
    }
  }

  /** Direct backpropagation would silently lose the parameters' gradients: it is refused with the alternatives named. */
  @Test
  void tapedSolvesAreRefusedWithTheAlternatives() {
    Mlp net = new Mlp(Activation.TANH, 5, 2, 8, 2);
    Tensor x = Tensor.randn(1, 4, 2);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Ode.solve((t, y) -> net.apply(y), x, new double[] {0, 1}, Solvers.radau5(), GradientMethod.DIRECT));
    assertTrue(e.getMessage().contains("radau5") && e.getMessage().contains("adjoint")
        && e.getMessage().contains("rodas5"), e.getMessage());
  }

  /** Without gradients, tensor solves give the array solve's numbers (Jacobian by automatic differentiation). */
  @Test
  void untapedTensorSolvesMatchArraySolves() {
    Problem p = StiffProblems.robertson();
    double[] times = {0, 1, 40};
    Solver solver = Solvers.radau5().rtol(1e-6).atol(1e-10);
    Solution arrays = Ode.solve(p.system(), p.y0(), times, solver);
    Tensor k = Tensor.of(0.04, 3e7, 1e4);
    TensorSolution tensors = Tensor.noGrad(() -> Ode.solve((t, y) -> StiffSolversTest.robertson(y, k),
        Tensor.of(p.y0()), times, solver));
    for (int i = 0; i < 3; i++) {
      assertEquals(arrays.last()[i], tensors.last().toArray()[i], 1e-9 * Math.abs(arrays.last()[i]) + 1e-15,
          "component " + i);
    }
  }
}
