package org.nodelab.ode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nodelab.testing.ReferenceProblems;
import org.nodelab.testing.ReferenceProblems.Problem;

/**
 * End states of Lotka–Volterra (t = 10) and Van der Pol (t = 20) against a 30-digit Taylor-series
 * solution, per solver at its tolerance; and the same solve run backwards returns to the start.
 */
class ReferenceProblemsTest {

  /** Solver and the largest error allowed at the end state (tolerances as data). */
  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of(Solvers.bosh3().rtol(1e-9).atol(1e-9), 2e-6),
        Arguments.of(Solvers.dopri5().rtol(1e-10).atol(1e-10), 2e-9),
        Arguments.of(Solvers.dopri5().shampineErrorEstimator().rtol(1e-10).atol(1e-10), 2e-9),
        Arguments.of(Solvers.dopri5().pi().rtol(1e-10).atol(1e-10), 2e-9),
        Arguments.of(Solvers.tsit5().rtol(1e-10).atol(1e-10), 2e-9),
        Arguments.of(Solvers.dopri8().rtol(1e-12).atol(1e-12), 2e-11),
        Arguments.of(Solvers.rk4().step(1e-3), 1e-10));
  }

  static Stream<Arguments> problemsAndSolvers() {
    return ReferenceProblems.problems().stream()
        .flatMap(p -> cases().map(c -> Arguments.of(p.name(), p, c.get()[0], c.get()[1])));
  }

  @ParameterizedTest(name = "{0} {2}")
  @MethodSource("problemsAndSolvers")
  void endStateMatchesTheTaylorSeriesReference(String name, Problem p, Solver solver, double tol) {
    Solution s = Ode.solve(p.f(), p.y0(), new double[] {p.t0(), p.tf()}, solver);
    double err = ReferenceProblems.maxAbsError(s.last(), p.yEnd());
    assertTrue(err <= tol, solver + " on " + name + ": error " + err + " > " + tol);
  }

  /** Lotka–Volterra only: it conserves a first integral, while Van der Pol's limit cycle repels backwards. */
  static Stream<Arguments> conservativeProblemAndSolvers() {
    Problem p = ReferenceProblems.problem("lotka_volterra");
    return cases().map(c -> Arguments.of(p.name(), p, c.get()[0], c.get()[1]));
  }

  @ParameterizedTest(name = "{0} {2}")
  @MethodSource("conservativeProblemAndSolvers")
  void integratingBackwardsFromTheReferenceEndStateReturnsToTheStart(String name, Problem p, Solver solver,
      double tol) {
    Solution s = Ode.solve(p.f(), p.yEnd(), new double[] {p.tf(), p.t0()}, solver);
    assertArrayEquals(p.y0(), s.last(), 20 * tol, solver + " backwards on " + name);
  }
}
