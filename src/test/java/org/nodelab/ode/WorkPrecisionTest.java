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
 * dopri5 is the algorithm of scipy's RK45 and dopri8 that of scipy's DOP853 (same tableaus, error
 * estimators, initial step and controller), checked against scipy's figures in {@code
 * workprecision.json}: error of the end state, evaluations and accepted steps at rtol = atol = tol.
 */
class WorkPrecisionTest {

  static Stream<WorkPrecision> scipyRows(String method, double loosest) {
    return ReferenceProblems.workPrecision().stream()
        .filter(r -> r.library().startsWith("scipy") && r.method().equals(method) && r.tol() <= loosest);
  }

  static Stream<WorkPrecision> rk45AcceptanceRows() {
    return scipyRows("RK45", 1e-6);
  }

  static Stream<WorkPrecision> rk45Rows() {
    return scipyRows("RK45", 1e-3);
  }

  static Stream<WorkPrecision> dop853Rows() {
    return scipyRows("DOP853", 1e-3);
  }

  private static Solution solve(WorkPrecision row, Solver solver) {
    Problem p = ReferenceProblems.problem(row.problem());
    return Ode.solve(p.f(), p.y0(), new double[] {p.t0(), p.tf()}, solver.rtol(row.tol()).atol(row.tol()));
  }

  private static double error(WorkPrecision row, Solution s) {
    return ReferenceProblems.maxAbsError(s.last(), ReferenceProblems.problem(row.problem()).yEnd());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rk45AcceptanceRows")
  void dopri5TakesScipysEvaluationsWithinTwoPercentAndErrsAtMostHalfAgainAsMuch(WorkPrecision row) {
    Solution s = solve(row, Solvers.dopri5());
    assertEquals(row.evaluations(), s.stats().evaluations(), 0.02 * row.evaluations(), "evaluations");
    assertEquals(row.steps(), s.stats().acceptedSteps(), 0.02 * row.steps(), "accepted steps");
    double error = error(row, s);
    assertTrue(error <= 1.5 * row.error(), "error " + error + " against scipy's " + row.error());
  }

  /** The 2% above is a safety net: step for step, the counts are scipy's exactly, at every tolerance. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("rk45Rows")
  void dopri5CountsEqualScipysRk45(WorkPrecision row) {
    Solution s = solve(row, Solvers.rk45());
    assertEquals(row.evaluations(), s.stats().evaluations(), "evaluations");
    assertEquals(row.steps(), s.stats().acceptedSteps(), "accepted steps");
    assertEquals(row.error(), error(row, s), 0.05 * row.error(), "error");
  }

  /**
   * DOP853 takes scipy's steps; scipy also evaluates {@code f(t + h, y₁)} after rejected attempts
   * (12 per attempt), where Hairer and nodelab evaluate it only after accepted ones, and nodelab
   * skips it after the last step: {@code 2 + 11·attempts + accepted − 1} evaluations.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("dop853Rows")
  void dopri8TakesScipysDop853StepsAndEvaluatesOnlyWhatItUses(WorkPrecision row) {
    Solution s = solve(row, Solvers.dopri8());
    assertEquals(row.steps(), s.stats().acceptedSteps(), "accepted steps");
    long attempts = s.stats().steps();
    assertEquals(row.evaluations(), 2 + 12 * attempts, "scipy's count of the same attempts");
    assertEquals(2 + 11 * attempts + s.stats().acceptedSteps() - 1, s.stats().evaluations(), "evaluations");
    double error = error(row, s);
    assertTrue(error <= 1.5 * row.error(), "error " + error + " against scipy's " + row.error());
  }
}
