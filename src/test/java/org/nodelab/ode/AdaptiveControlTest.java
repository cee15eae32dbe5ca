package org.nodelab.ode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nodelab.testing.ReferenceProblems;
import org.nodelab.testing.ReferenceProblems.Problem;

/** Error control: tolerances, norms, PI control, step limits and the trace. */
class AdaptiveControlTest {
  private final Problem lv = ReferenceProblems.problem("lotka_volterra");

  private Solution solve(Solver solver) {
    return Ode.solve(lv.f(), lv.y0(), new double[] {lv.t0(), lv.tf()}, solver);
  }

  @Test
  void errorFallsWithTheToleranceAndWorkRises() {
    double previousError = Double.POSITIVE_INFINITY;
    long previousSteps = 0;
    for (double tol = 1e-4; tol >= 1e-10; tol /= 100) {
      Solution s = solve(Solvers.dopri5().rtol(tol).atol(tol));
      double err = ReferenceProblems.maxAbsError(s.last(), lv.yEnd());
      // Tolerance proportionality: the global error stays within two decades of the tolerance.
      assertTrue(err < 100 * tol, "tol " + tol + " error " + err);
      assertTrue(err < previousError / 10, "error must fall by at least 10x per two decades of tolerance");
      assertTrue(s.stats().acceptedSteps() > previousSteps);
      previousError = err;
      previousSteps = s.stats().acceptedSteps();
    }
  }

  @Test
  void defaultTolerancesAreTorchdiffeqs() {
    assertEquals(solve(Solvers.dopri5().rtol(1e-7).atol(1e-9)).stats(), solve(Solvers.dopri5()).stats());
    assertEquals("dopri5(rtol=1e-07, atol=1e-09)", Solvers.rk45().toString());
  }

  @Test
  void perComponentToleranceOnlyTightensTheComponentItNames() {
    Solution loose = solve(Solvers.dopri5().rtol(1e-4).atol(1e-4));
    Solution mixed = solve(Solvers.dopri5().rtol(1e-4).atol(1e-4, 1e-10));
    Solution tight = solve(Solvers.dopri5().rtol(1e-4, 1e-4).atol(1e-10, 1e-10));
    assertTrue(mixed.stats().acceptedSteps() > loose.stats().acceptedSteps());
    assertTrue(mixed.stats().acceptedSteps() <= tight.stats().acceptedSteps());
    var e = assertThrows(IllegalArgumentException.class, () -> solve(Solvers.dopri5().atol(1e-6, 1e-6, 1e-6)));
    assertTrue(e.getMessage().contains("3 entries") && e.getMessage().contains("2 components"), e.getMessage());
  }

  @Test
  void maxNormIsStricterThanRms() {
    Solution rms = solve(Solvers.dopri5().rtol(1e-6).atol(1e-6));
    Solution max = solve(Solvers.dopri5().rtol(1e-6).atol(1e-6).normMax());
    assertTrue(max.stats().acceptedSteps() > rms.stats().acceptedSteps());
    assertTrue(ReferenceProblems.maxAbsError(max.last(), lv.yEnd()) < 1e-4);
  }

  @Test
  void piControlReachesTheSameAccuracyWithADifferentStepSequence() {
    Solution plain = solve(Solvers.dopri5().rtol(1e-8).atol(1e-8));
    Solution pi = solve(Solvers.dopri5().rtol(1e-8).atol(1e-8).pi());
    assertNotEquals(plain.stats(), pi.stats());
    assertTrue(ReferenceProblems.maxAbsError(pi.last(), lv.yEnd()) < 1e-6);
  }

  @Test
  void maxStepCapsEveryStepAndTheTraceRecordsThem() {
    Solution s = solve(Solvers.tsit5().maxStep(0.05).trace(true));
    assertTrue(s.stats().acceptedSteps() >= 200);
    for (TraceStep step : s.trace()) {
      assertTrue(Math.abs(step.h()) <= 0.05 + 1e-15, "step " + step.h());
    }
    long accepted = s.trace().stream().filter(TraceStep::accepted).count();
    assertEquals(s.stats().acceptedSteps(), accepted);
    assertEquals(s.stats().steps(), s.trace().size());
  }

  @Test
  void rejectedStepsAreCountedAndTraced() {
    Solution s = solve(Solvers.dopri5().rtol(1e-6).atol(1e-6).trace(true));
    assertTrue(s.stats().rejectedSteps() > 0);
    long rejectedInTrace = s.trace().stream().filter(st -> !st.accepted()).count();
    assertEquals(s.stats().rejectedSteps(), rejectedInTrace);
    s.trace().stream().filter(st -> !st.accepted()).forEach(st -> assertTrue(st.errorRatio() >= 1));
    s.trace().stream().filter(TraceStep::accepted).forEach(st -> assertTrue(st.errorRatio() < 1));
  }

  @Test
  void givenInitialStepReplacesTheEstimateAndSavesAnEvaluation() {
    Solution auto = solve(Solvers.dopri5().trace(true));
    Solution given = solve(Solvers.dopri5().initialStep(0.01).trace(true));
    assertEquals(0.01, given.trace().get(0).h(), 0);
    assertNotEquals(auto.trace().get(0).h(), 0.01);
  }

  @Test
  void solversAreImmutableValues() {
    Solver base = Solvers.rk45();
    Solver tight = base.rtol(1e-10);
    assertNotEquals(base.toString(), tight.toString());
    assertEquals(1e-7, base.rtol(0));
    assertEquals(1e-10, tight.rtol(0));
    assertEquals(500, base.maxSteps(500).maxSteps());
    assertEquals(100_000, base.maxSteps());
  }

  @Test
  void invalidSettingsNameTheValue() {
    var neg = assertThrows(IllegalArgumentException.class, () -> Solvers.dopri5().rtol(-1e-6));
    assertTrue(neg.getMessage().contains("rtol") && neg.getMessage().contains("-1.0E-6"), neg.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Solvers.dopri5().atol(Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> Solvers.rk4().step(0));
    assertThrows(IllegalArgumentException.class, () -> Solvers.rk4().maxSteps(0));
    assertThrows(IllegalArgumentException.class, () -> Solvers.dopri5().factors(2, 10));
    assertThrows(IllegalArgumentException.class, () -> Solvers.dopri5().safety(1.5));
    assertThrows(IllegalArgumentException.class, () -> Solvers.dopri5().pi(0.5));
    assertThrows(IllegalArgumentException.class, () -> Solvers.dopri5().minStep(-1));
    assertThrows(IllegalStateException.class, () -> Solvers.tsit5().shampineErrorEstimator());
  }
}
