package org.nodelab.ode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nodelab.testing.ReferenceProblems;
import org.nodelab.testing.ReferenceProblems.Problem;
import org.nodelab.testing.ReferenceProblems.WorkPrecision;

/**
 * dopri5 is the algorithm of scipy's RK45 (same tableau, error estimator, initial step and
 * controller): at rtol = atol = 1e-6 … 1e-10 it must take the same number of evaluations (within
 * ±2%) and err at most 1.5 times as much, on the reference problems.
 */
class WorkPrecisionTest {

  static Stream<WorkPrecision> scipyRk45Rows() {
    return ReferenceProblems.workPrecision().stream()
        .filter(r -> r.library().startsWith("scipy") && r.method().equals("RK45") && r.tol() <= 1e-6);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scipyRk45Rows")
  void dopri5MatchesScipyRk45EvaluationsAndError(WorkPrecision row) {
    Problem p = ReferenceProblems.problem(row.problem());
    Solution s = Ode.solve(p.f(), p.y0(), new double[] {p.t0(), p.tf()}, Solvers.dopri5().rtol(row.tol()).atol(row.tol()));
    double error = ReferenceProblems.maxAbsError(s.last(), p.yEnd());
    assertEquals(row.evaluations(), s.stats().evaluations(), 0.02 * row.evaluations(), "evaluations");
    assertEquals(row.steps(), s.stats().acceptedSteps(), 0.02 * row.steps(), "accepted steps");
    assertTrue(error <= 1.5 * row.error(), "error " + error + " against scipy's " + row.error());
  }
}
