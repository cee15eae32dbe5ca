package org.nodelab.ode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nodelab.data.StiffProblems;
import org.nodelab.data.StiffProblems.Problem;
import org.nodelab.tensor.Tensor;
import org.nodelab.testing.ReferenceProblems;

/**
 * The implicit solvers: their LU against the matrix it factors, end states of the stiff test
 * problems against scipy's Radau at rtol 1e-13, Jacobians by automatic differentiation against the
 * analytic ones, gradients (direct and adjoint) against central differences, and the stiffness
 * diagnosis of the explicit solvers.
 */
class StiffSolversTest {

  @Test
  void luSolvesAndTransposedSolvesReproduceTheRightHandSide() {
    Random random = new Random(7);
    int n = 7;
    double[] a = new double[n * n];
    for (int i = 0; i < a.length; i++) {
      a[i] = random.nextGaussian();
    }
    a[0] = 0; // the first pivot must come from another row
    double[] b = random.doubles(n).toArray();
    Lu lu = new Lu(n);
    assertTrue(lu.factor(a));
    double[] x = b.clone();
    lu.solve(x);
    double[] xt = b.clone();
    lu.solveTransposed(xt);
    for (int i = 0; i < n; i++) {
      double row = 0;
      double column = 0;
      for (int j = 0; j < n; j++) {
        row += a[i * n + j] * x[j];
        column += a[j * n + i] * xt[j];
      }
      assertEquals(b[i], row, 1e-12, "A·x, row " + i);
      assertEquals(b[i], column, 1e-12, "Aᵀ·x, row " + i);
    }
    assertFalse(new Lu(2).factor(new double[] {1, 2, 2, 4}), "a singular matrix is reported");
  }

  static Stream<Arguments> referenceCases() {
    return Stream.of(
        Arguments.of("rodas5", StiffProblems.robertson(), true, 1e-7),
        Arguments.of("rodas5", StiffProblems.vanDerPol(), true, 5e-6),
        Arguments.of("rodas5", StiffProblems.hires(), true, 1e-7),
        Arguments.of("rodas5", StiffProblems.hires(), false, 1e-7),
        Arguments.of("kvaerno5", StiffProblems.robertson(), true, 1e-6),
        Arguments.of("kvaerno5", StiffProblems.vanDerPol(), true, 1e-6),
        Arguments.of("kvaerno5", StiffProblems.hires(), false, 1e-7),
        Arguments.of("radau5", StiffProblems.robertson(), true, 1e-7),
        Arguments.of("radau5", StiffProblems.vanDerPol(), true, 5e-6),
        Arguments.of("radau5", StiffProblems.hires(), true, 1e-7),
        Arguments.of("radau5", StiffProblems.hires(), false, 1e-7));
  }

  /**
   * At rtol 1e-8 the largest relative error of a component at the end stays within a small multiple
   * of the tolerance (measured: 1e-9 to 1e-6, the Van der Pol end state being the most sensitive).
   */
  @ParameterizedTest(name = "{0} on {1}, analytic Jacobian {2}")
  @MethodSource("referenceCases")
  void endStatesMatchScipyRadauAtTightTolerance(String method, Problem p, boolean analytic, double tolerance) {
    Solver solver = (switch (method) {
      case "rodas5" -> Solvers.rodas5();
      case "radau5" -> Solvers.radau5();
      default -> Solvers.kvaerno5();
    }).rtol(1e-8)
        .atol(1e-8 * p.atolPerRtol());
    Solution s = Ode.solve(analytic ? p.system() : p.withoutJacobian(), p.y0(), new double[] {0, p.tEnd()}, solver);
    double[] ref = ReferenceProblems.stiffEndState(p.name());
    for (int i = 0; i < ref.length; i++) {
      assertEquals(ref[i], s.last()[i], tolerance * Math.abs(ref[i]), p.name() + " component " + i);
    }
    assertTrue(s.stats().jacobians() > 0 && s.stats().factorizations() >= s.stats().jacobians() / 2,
        "Jacobians and factorisations are counted: " + s.stats());
  }

  @Test
  void rodas5NeedsFarFewerStepsThanAnExplicitSolverWouldBeAllowed() {
    Problem p = StiffProblems.vanDerPol();
    Solution s = Ode.solve(p.system(), p.y0(), new double[] {0, p.tEnd()}, Solvers.rodas5().rtol(1e-6).atol(1e-6));
    assertTrue(s.stats().steps() < 2000, "steps " + s.stats().steps());
  }

  @Test
  void explicitSolverOnAStiffProblemSaysSoAndNamesTheImplicitSolvers() {
    Problem p = StiffProblems.vanDerPol();
    OdeException e = assertThrows(OdeException.class, () -> Ode.solve(p.system(), p.y0(),
        new double[] {0, p.tEnd()}, Solvers.dopri5().rtol(1e-6).atol(1e-6).maxSteps(5000)));
    assertEquals(OdeException.Kind.MAX_STEPS_EXCEEDED, e.kind());
    assertTrue(e.getMessage().contains("looks stiff") && e.getMessage().contains("Solvers.rodas5()")
        && e.getMessage().contains("Solvers.kvaerno5()"), e.getMessage());
    // A non-stiff problem that merely needs many steps is not called stiff.
    OdeSystem lotkaVolterra = (t, y, dy) -> {
      dy[0] = 1.5 * y[0] - y[0] * y[1];
      dy[1] = -3 * y[1] + y[0] * y[1];
    };
    OdeException plain = assertThrows(OdeException.class, () -> Ode.solve(lotkaVolterra, new double[] {1, 1},
        new double[] {0, 1e4}, Solvers.dopri5().rtol(1e-8).atol(1e-8).maxSteps(5000)));
    assertFalse(plain.getMessage().contains("stiff:"), plain.getMessage());
  }

  @Test
  void newtonFailureAtAFixedStepStopsWithItsReason() {
    Problem p = StiffProblems.vanDerPol();
    OdeException e = assertThrows(OdeException.class,
        () -> Ode.solve(p.system(), p.y0(), new double[] {0, 3000}, Solvers.kvaerno5().step(300)));
    assertEquals(OdeException.Kind.NON_FINITE, e.kind());
    assertTrue(e.getMessage().contains("Newton's iterations on the implicit stages did not converge"), e.getMessage());
    assertEquals(0, e.t(), "it stops at the step that failed");
  }

  /** Robertson's kinetics with rate constants {@code k = (k₁, k₂, k₃)} as a tensor field. */
  static Tensor robertson(Tensor y, Tensor k) {
    Tensor y1 = y.slice(0, 0, 1);
    Tensor y2 = y.slice(0, 1, 2);
    Tensor y3 = y.slice(0, 2, 3);
    Tensor r1 = k.slice(0, 0, 1).mul(y1);
    Tensor r2 = k.slice(0, 1, 2).mul(y2.square());
    Tensor r3 = k.slice(0, 2, 3).mul(y2).mul(y3);
    return Tensor.concat(0, r3.sub(r1), r1.sub(r3).sub(r2), r2);
  }

  private static final double[] RATES = {0.04, 3e7, 1e4};

  @Test
  void tensorSolvesTakeTheirJacobianByAutomaticDifferentiation() {
    Tensor k = Tensor.of(RATES);
    Problem p = StiffProblems.robertson();
    double[] times = {0, 40};
    for (Solver solver : List.of(Solvers.rodas5().rtol(1e-6).atol(1e-10), Solvers.kvaerno5().rtol(1e-6).atol(1e-10))) {
      Solution arrays = Ode.solve(p.system(), p.y0(), times, solver);
      Tensor y0 = Tensor.of(p.y0()).requiresGrad();
      TensorSolution taped = Ode.solve((t, y) -> robertson(y, k), y0, times, solver);
      TensorSolution untaped = Tensor.noGrad(() -> Ode.solve((t, y) -> robertson(y, k), Tensor.of(p.y0()), times,
          solver));
      for (int i = 0; i < 3; i++) {
        assertEquals(arrays.last()[i], taped.last().toArray()[i], 1e-9 * Math.abs(arrays.last()[i]) + 1e-15,
            solver.name() + " taped, component " + i);
        assertEquals(arrays.last()[i], untaped.last().toArray()[i], 1e-9 * Math.abs(arrays.last()[i]) + 1e-15,
            solver.name() + " untaped, component " + i);
      }
    }
  }

  static Stream<Arguments> gradientCases() {
    return Stream.of(
        Arguments.of(Solvers.rodas5().rtol(1e-8).atol(1e-12), GradientMethod.DIRECT),
        Arguments.of(Solvers.kvaerno5().rtol(1e-8).atol(1e-12), GradientMethod.DIRECT),
        Arguments.of(Solvers.rodas5().rtol(1e-8).atol(1e-12), Adjoint.defaults()),
        Arguments.of(Solvers.kvaerno5().rtol(1e-8).atol(1e-12), Adjoint.defaults()),
        Arguments.of(Solvers.radau5().rtol(1e-8).atol(1e-12), Adjoint.defaults()));
  }

  /**
   * {@code d(w·y(T))/dk} and {@code d/dy₀} on Robertson to {@code T = 40}, against central differences
   * of solves at rtol 1e-12 (relative steps 1e-5), to 1e-4 relative: the gradients are of the
   * continuous solution up to the solve's error.
   */
  @ParameterizedTest(name = "{0}, {1}")
  @MethodSource("gradientCases")
  void gradientsThroughImplicitSolversMatchCentralDifferences(Solver solver, GradientMethod method) {
    double[] w = {1, 1e4, 2};
    double[] times = {0, 40};
    Tensor k = Tensor.of(RATES).requiresGrad();
    Tensor y0 = Tensor.of(1.0, 0, 0).requiresGrad();
    TensorSolution s = Ode.solve((t, y) -> robertson(y, k), y0, times, solver, method);
    s.last().mul(Tensor.of(w)).sum().backward();
    double[] gk = k.grad().toArray();
    for (int j = 0; j < 3; j++) {
      double fd = centralDifference(w, times, j, true);
      assertEquals(fd, gk[j], 1e-4 * Math.abs(fd), "dL/dk" + (j + 1));
    }
    double fd = centralDifference(w, times, 0, false);
    assertEquals(fd, y0.grad().toArray()[0], 1e-4 * Math.abs(fd), "dL/dy0[0]");
  }

  /**
   * A neural field on a batch (8 × 2 states, a 16 × 16 Jacobian by automatic differentiation): the
   * parameter gradients of rodas5 and kvaerno5, direct and adjoint, and of radau5, adjoint, against dopri5's direct ones, all
   * at tolerance 1e-9 (measured agreement: 1e-8).
   */
  @Test
  void neuralFieldGradientsAgreeWithTheExplicitSolver() {
    org.nodelab.nn.Mlp net = new org.nodelab.nn.Mlp(org.nodelab.tensor.Activation.TANH, 11, 2, 16, 2);
    Tensor x = Tensor.randn(1, 8, 2);
    double[] times = {0, 1};
    double[] reference = parameterGradient(net, x, times, Solvers.dopri5().rtol(1e-9).atol(1e-9), GradientMethod.DIRECT);
    for (Solver solver : List.of(Solvers.rodas5(), Solvers.kvaerno5())) {
      for (GradientMethod method : List.of(GradientMethod.DIRECT, Adjoint.defaults())) {
        double[] g = parameterGradient(net, x, times, solver.rtol(1e-9).atol(1e-9), method);
        for (int i = 0; i < g.length; i++) {
          assertEquals(reference[i], g[i], 1e-6 * (1 + Math.abs(reference[i])), solver.name() + " " + method + " " + i);
        }
      }
    }
    double[] radau = parameterGradient(net, x, times, Solvers.radau5().rtol(1e-9).atol(1e-9), Adjoint.defaults());
    for (int i = 0; i < radau.length; i++) {
      assertEquals(reference[i], radau[i], 1e-6 * (1 + Math.abs(reference[i])), "radau5 adjoint " + i);
    }
  }

  private static double[] parameterGradient(org.nodelab.nn.Mlp net, Tensor x, double[] times, Solver solver,
      GradientMethod method) {
    net.zeroGrad();
    TensorSolution s = Ode.solve((t, y) -> net.apply(y), x, times, solver, method);
    s.last().square().sum().backward();
    return net.parameters().stream().flatMapToDouble(p -> java.util.Arrays.stream(p.grad().toArray())).toArray();
  }

  private static double centralDifference(double[] w, double[] times, int j, boolean rate) {
    double[] values = new double[2];
    for (int side = 0; side < 2; side++) {
      double[] k = RATES.clone();
      double[] y0 = {1, 0, 0};
      double[] target = rate ? k : y0;
      double step = 1e-5 * Math.max(Math.abs(target[j]), 1);
      target[j] += side == 0 ? step : -step;
      OdeSystem f = (t, y, dy) -> {
        dy[0] = -k[0] * y[0] + k[2] * y[1] * y[2];
        dy[1] = k[0] * y[0] - k[2] * y[1] * y[2] - k[1] * y[1] * y[1];
        dy[2] = k[1] * y[1] * y[1];
      };
      double[] end = Ode.solve(f, y0, times, Solvers.rodas5().rtol(1e-12).atol(1e-16)).last();
      values[side] = (w[0] * end[0] + w[1] * end[1] + w[2] * end[2]) / (2 * step);
    }
    return values[0] - values[1];
  }
}
