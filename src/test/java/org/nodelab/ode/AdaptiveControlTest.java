package org.nodelab.ode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
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

  /** Solver, and the step-size factor law it documents: {@code f(ratio, previousRatio)}. */
  static Stream<Arguments> controllers() {
    return Stream.of(
        Arguments.of(Solvers.dopri5().rtol(1e-8).atol(1e-8), (Law) (r, prev) -> 0.9 * Math.pow(r, -0.2)),
        Arguments.of(Solvers.dopri5().rtol(1e-8).atol(1e-8).pi(),
            (Law) (r, prev) -> 0.9 * Math.pow(r, -(0.2 - 0.75 * 0.04)) * Math.pow(prev, 0.04)),
        Arguments.of(Solvers.tsit5().rtol(1e-8).atol(1e-8).pi(0.14, 0.08),
            (Law) (r, prev) -> 0.9 * Math.pow(r, -0.14) * Math.pow(prev, 0.08)),
        Arguments.of(Solvers.bosh3().rtol(1e-6).atol(1e-6), (Law) (r, prev) -> 0.9 * Math.pow(r, -1.0 / 3)));
  }

  /** A step-size factor as a function of the error ratio and the previous accepted one. */
  interface Law {
    double factor(double ratio, double previousRatio);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("controllers")
  void acceptedStepsFollowTheDocumentedControllerLaw(Solver solver, Law law) {
    Solution s = solve(solver.trace(true));
    List<TraceStep> steps = s.trace();
    double previousRatio = 1e-4;
    int checked = 0;
    for (int i = 0; i + 1 < steps.size() - 1; i++) {
      TraceStep step = steps.get(i);
      if (!step.accepted()) {
        continue;
      }
      boolean afterRejection = i > 0 && !steps.get(i - 1).accepted();
      double expected = Math.min(10, Math.max(0.2, law.factor(step.errorRatio(), previousRatio)));
      if (afterRejection) {
        expected = Math.min(1, expected);
      }
      previousRatio = Math.max(step.errorRatio(), 1e-4);
      assertEquals(expected, steps.get(i + 1).h() / step.h(), 1e-12, "step " + i);
      checked++;
    }
    assertTrue(checked > 20, "checked " + checked + " steps");
    assertTrue(ReferenceProblems.maxAbsError(s.last(), lv.yEnd()) < 1e-4);
  }

  @Test
  void piControlSmoothsTheStepSequenceOnVanDerPol() {
    Problem vdp = ReferenceProblems.problem("van_der_pol");
    double[] span = {vdp.t0(), vdp.tf()};
    Solution plain = Ode.solve(vdp.f(), vdp.y0(), span, Solvers.dopri5().rtol(1e-6).atol(1e-6));
    Solution pi = Ode.solve(vdp.f(), vdp.y0(), span, Solvers.dopri5().rtol(1e-6).atol(1e-6).pi());
    // Gustafsson's motivation for PI control: fewer rejected steps at a similar accuracy.
    assertTrue(pi.stats().rejectedSteps() < plain.stats().rejectedSteps(),
        pi.stats() + " against " + plain.stats());
    assertTrue(ReferenceProblems.maxAbsError(pi.last(), vdp.yEnd()) < 1e-4);
  }

  @Test
  void rejectedStepsShrinkByTheDocumentedFactor() {
    Solution s = solve(Solvers.dopri5().rtol(1e-6).atol(1e-6).trace(true));
    int checked = 0;
    for (int i = 0; i + 1 < s.trace().size(); i++) {
      TraceStep step = s.trace().get(i);
      if (!step.accepted()) {
        double expected = Math.max(0.2, 0.9 * Math.pow(step.errorRatio(), -0.2));
        assertEquals(expected, s.trace().get(i + 1).h() / step.h(), 1e-12, "after rejection " + i);
        checked++;
      }
    }
    assertTrue(checked > 5);
  }

  @Test
  void aFixedStepRunsAnAdaptiveMethodWithoutErrorControl() {
    Solution s = solve(Solvers.dopri5().step(0.1).trace(true));
    assertEquals(100, s.stats().acceptedSteps());
    assertEquals(0, s.stats().rejectedSteps());
    // FSAL: f(t0, y0) once, then six new stages per step; no initial-step estimate.
    assertEquals(1 + 6 * 100, s.stats().evaluations());
    s.trace().forEach(step -> assertEquals(0.1, step.h(), 1e-12));
    assertEquals("dopri5(step=0.1)", Solvers.dopri5().step(0.1).toString());
    assertEquals("dopri5(rtol=1e-06, atol=1e-09)", Solvers.dopri5().step(0.1).rtol(1e-6).toString(),
        "a tolerance switches back to error control");
  }

  @Test
  void aBlockNormIgnoresTheBlocksItDoesNotCount() {
    // The second component oscillates fast; a norm that counts only the first lets steps grow.
    OdeSystem f = (t, y, dy) -> {
      dy[0] = -y[0];
      dy[1] = Math.cos(40 * t);
    };
    double[] span = {0, 5};
    Solution both = Ode.solve(f, new double[] {1, 0}, span, Solvers.dopri5().rtol(1e-8).atol(1e-8));
    Solution first = Ode.solve(f, new double[] {1, 0}, span, Solvers.dopri5().rtol(1e-8).atol(1e-8)
        .blockNorm(new int[] {1, 1}, 1));
    assertTrue(first.stats().acceptedSteps() < both.stats().acceptedSteps() / 2, first.stats() + " " + both.stats());
    assertEquals(Math.exp(-5), first.last()[0], 1e-8);
  }

  @Test
  void dopri8KeepsItsCombinedEstimateUnderABlockNorm() {
    // One block covering the state is the plain norm, so the steps must be the same, and on
    // y' = (y1, -y0) the error against cos/sin must be as small as the plain solve's. Before the
    // block path honoured DOP853's second estimate it stepped on E5 alone and took other steps.
    OdeSystem f = (t, y, dy) -> {
      dy[0] = y[1];
      dy[1] = -y[0];
    };
    double[] span = {0, 10};
    Solver plain = Solvers.dopri8().rtol(1e-9).atol(1e-9).trace(true);
    Solution reference = Ode.solve(f, new double[] {1, 0}, span, plain);
    Solution blocked = Ode.solve(f, new double[] {1, 0}, span, plain.blockNorm(new int[] {2}, 1));
    assertEquals(reference.stats(), blocked.stats());
    assertEquals(reference.trace(), blocked.trace());
    assertEquals(Math.cos(10), blocked.last()[0], 1e-8);
    assertEquals(reference.last()[0], blocked.last()[0], 0);
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
    assertEquals(1e-7, base.relativeTolerance(0));
    assertEquals(1e-10, tight.relativeTolerance(0));
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
    var fixed = assertThrows(IllegalStateException.class, () -> Solvers.rk4().rtol(1e-6));
    assertTrue(fixed.getMessage().startsWith("rk4 has no error estimate, so rtol = 1.0E-6 cannot control it"),
        fixed.getMessage());
    var both = assertThrows(IllegalArgumentException.class, () -> solve(Solvers.dopri5().rtol(0).atol(0)));
    assertTrue(both.getMessage().contains("rtol and atol are both 0"), both.getMessage());
  }
}
