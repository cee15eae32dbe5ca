package org.nodelab.ode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Output at requested times from dense output: values, directions, cost and edge cases. */
class OutputTimesTest {
  /** y' = −y/2: y(t) = y0·e^{−t/2}. */
  private static final OdeSystem DECAY = (t, y, dy) -> {
    dy[0] = -0.5 * y[0];
    dy[1] = -0.5 * y[1];
  };

  /** y₁' = y₂, y₂' = −y₁: every derivative stays large, so a low-order interpolant would show. */
  private static final OdeSystem ROTATION = (t, y, dy) -> {
    dy[0] = y[1];
    dy[1] = -y[0];
  };

  @Test
  void everyRequestedTimeMatchesTheClosedForm() {
    double[] times = new double[51];
    for (int i = 0; i < times.length; i++) {
      times[i] = 0.1 * i;
    }
    Solution s = Ode.solve(DECAY, new double[] {1, -2}, times, Solvers.dopri5().rtol(1e-9).atol(1e-12));
    assertEquals(51, s.size());
    for (int i = 0; i < times.length; i++) {
      double e = Math.exp(-0.5 * times[i]);
      assertArrayEquals(new double[] {e, -2 * e}, s.state(i), 1e-8, "t = " + times[i]);
    }
    assertArrayEquals(times, s.times(), 0);
  }

  private static double[] grid(double from, double to, int n) {
    double[] t = new double[n + 1];
    for (int i = 0; i <= n; i++) {
      t[i] = from + (to - from) * i / n;
    }
    t[n] = to;
    return t;
  }

  @Test
  void manyOutputTimesLeaveTheStepSequenceAndItsCostUnchanged() {
    for (Solver solver : new Solver[] {Solvers.dopri5(), Solvers.tsit5(), Solvers.bosh3(), Solvers.dopri8(),
        Solvers.rk4().step(0.3), Solvers.dopri5().shampineErrorEstimator().pi()}) {
      Solution endOnly = Ode.solve(DECAY, new double[] {1, 1}, new double[] {0, 5}, solver);
      Solution dense = Ode.solve(DECAY, new double[] {1, 1}, grid(0, 5, 100), solver);
      assertEquals(endOnly.stats().acceptedSteps(), dense.stats().acceptedSteps(), solver.toString());
      assertEquals(endOnly.stats().rejectedSteps(), dense.stats().rejectedSteps(), solver.toString());
      assertEquals(endOnly.stats().evaluations(), dense.stats().evaluations() - dense.stats().denseEvaluations(),
          solver.toString());
      assertArrayEquals(endOnly.last(), dense.last(), 0, solver + " lands on the same final state");
    }
  }

  @Test
  void onlyMethodsWhoseInterpolantNeedsMoreStagesPayForOutputTimes() {
    for (Solver solver : new Solver[] {Solvers.dopri5(), Solvers.tsit5(), Solvers.bosh3()}) {
      Solution dense = Ode.solve(DECAY, new double[] {1, 1}, grid(0, 5, 100), solver);
      assertEquals(0, dense.stats().denseEvaluations(), solver.toString());
    }
    // dopri8: three extra stages in every step with an output time strictly inside, plus f(t₁, y₁) of
    // the last step, which no further step reuses.
    double[] times = grid(0, 10, 100);
    Solution s = Ode.solve(ROTATION, new double[] {0, 1}, times, Solvers.dopri8().trace(true));
    long stepsWithOutputs = 0;
    boolean lastHasOutput = false;
    List<TraceStep> accepted = s.trace().stream().filter(TraceStep::accepted).toList();
    for (int i = 0; i < accepted.size(); i++) {
      TraceStep step = accepted.get(i);
      boolean inside = false;
      for (double tau : times) {
        inside |= tau > step.t() && tau < step.t() + step.h();
      }
      stepsWithOutputs += inside ? 1 : 0;
      lastHasOutput = inside && i == accepted.size() - 1;
    }
    assertTrue(stepsWithOutputs > 5);
    assertEquals(3 * stepsWithOutputs + (lastHasOutput ? 1 : 0), s.stats().denseEvaluations());
  }

  /** Solver and the largest error of any output against the closed form at rtol = atol = 1e-10. */
  static Stream<Arguments> denseSolvers() {
    return Stream.of(Arguments.of(Solvers.bosh3(), 1e-8), Arguments.of(Solvers.dopri5(), 1e-9),
        Arguments.of(Solvers.tsit5(), 1e-9), Arguments.of(Solvers.dopri8(), 1e-9));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("denseSolvers")
  void outputsBetweenStepsAreAsAccurateAsTheSteps(Solver solver, double tol) {
    double[] times = grid(0, 10, 137);
    Solution s = Ode.solve(ROTATION, new double[] {0, 1}, times, solver.rtol(1e-10).atol(1e-10));
    for (int i = 0; i < times.length; i++) {
      assertArrayEquals(new double[] {Math.sin(times[i]), Math.cos(times[i])}, s.state(i), tol,
          solver + " at t = " + times[i]);
    }
  }

  @Test
  void decreasingTimesIntegrateBackwards() {
    double[] times = {3, 2.5, 2, 1, 0.25, 0};
    for (Solver solver : new Solver[] {Solvers.tsit5(), Solvers.dopri8(), Solvers.dopri5(), Solvers.bosh3()}) {
      Solution s = Ode.solve(DECAY, new double[] {Math.exp(-1.5), 0}, times,
          solver.rtol(1e-10).atol(1e-12).trace(true));
      for (int i = 0; i < times.length; i++) {
        assertEquals(Math.exp(-0.5 * times[i]), s.state(i)[0], 1e-8, solver + " at t = " + times[i]);
      }
      s.trace().forEach(step -> assertTrue(step.h() < 0, "steps go backwards"));
      TraceStep last = s.trace().get(s.trace().size() - 1);
      assertEquals(0, last.t() + last.h(), 0, "lands exactly on the last time");
    }
  }

  @Test
  void fixedStepMethodsStepOncePerIntervalByDefaultAndInterpolateOtherwise() {
    Solution perInterval = Ode.solve(DECAY, new double[] {1, 1}, new double[] {0, 0.5, 1}, Solvers.rk4());
    assertEquals(2, perInterval.stats().acceptedSteps());
    assertEquals(8, perInterval.stats().evaluations());
    Solution stepped = Ode.solve(DECAY, new double[] {1, 1}, new double[] {0, 0.35, 1}, Solvers.rk4().step(0.1));
    assertEquals(10, stepped.stats().acceptedSteps());
    assertEquals(Math.exp(-0.175), stepped.state(1)[0], 1e-6);
    assertEquals(Math.exp(-0.5), stepped.last()[0], 1e-7);
  }

  @Test
  void theSolveLandsExactlyOnTheLastTime() {
    Solution s = Ode.solve(DECAY, new double[] {1, 1}, new double[] {0, Math.PI}, Solvers.dopri5().trace(true));
    TraceStep lastStep = s.trace().get(s.trace().size() - 1);
    assertEquals(Math.PI, lastStep.t() + lastStep.h(), 0);
  }

  /** The t0 == t1 edge case: a single time is the initial state; a repeated time is not monotone. */
  @Test
  void aSingleTimeReturnsTheInitialStateWithoutWork() {
    Solution s = Ode.solve(DECAY, new double[] {4, 5}, new double[] {2}, Solvers.dopri5());
    assertArrayEquals(new double[] {4, 5}, s.last(), 0);
    assertEquals(0, s.stats().evaluations());
  }

  @Test
  void theCallersInitialStateIsNeverModified() {
    double[] y0 = {1, 2};
    Ode.solve(DECAY, y0, new double[] {0, 1, 2}, Solvers.dopri5());
    assertArrayEquals(new double[] {1, 2}, y0, 0);
  }

  @Test
  void nonMonotoneOrInvalidTimesAreRejectedNamingTheValue() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> Ode.solve(DECAY, new double[] {1, 1}, new double[] {0, 1, 1}, Solvers.dopri5()));
    assertTrue(e.getMessage().contains("times[2] = 1.0") && e.getMessage().contains("strictly"), e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> Ode.solve(DECAY, new double[] {1, 1}, new double[] {0, 2, 1}, Solvers.dopri5()));
    assertThrows(IllegalArgumentException.class,
        () -> Ode.solve(DECAY, new double[] {1, 1}, new double[] {0, Double.NaN}, Solvers.dopri5()));
    assertThrows(IllegalArgumentException.class, () -> Ode.solve(DECAY, new double[] {1, 1}, new double[0], Solvers.dopri5()));
    assertThrows(IllegalArgumentException.class, () -> Ode.solve(DECAY, new double[0], new double[] {0, 1}, Solvers.dopri5()));
  }
}
