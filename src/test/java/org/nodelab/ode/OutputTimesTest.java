package org.nodelab.ode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Output at requested times from dense output: values, directions, cost and edge cases. */
class OutputTimesTest {
  /** y' = −y/2: y(t) = y0·e^{−t/2}. */
  private static final OdeSystem DECAY = (t, y, dy) -> {
    dy[0] = -0.5 * y[0];
    dy[1] = -0.5 * y[1];
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

  @Test
  void manyOutputTimesCostNoExtraEvaluations() {
    for (Solver solver : new Solver[] {Solvers.dopri5(), Solvers.tsit5(), Solvers.bosh3()}) {
      Solution endOnly = Ode.solve(DECAY, new double[] {1, 1}, new double[] {0, 5}, solver);
      double[] many = new double[101];
      for (int i = 0; i < many.length; i++) {
        many[i] = 0.05 * i;
      }
      Solution dense = Ode.solve(DECAY, new double[] {1, 1}, many, solver);
      assertEquals(endOnly.stats(), dense.stats(), solver.name());
      assertArrayEquals(endOnly.last(), dense.last(), 0, solver.name() + " lands on the same final state");
    }
  }

  @Test
  void decreasingTimesIntegrateBackwards() {
    double[] times = {3, 2, 1, 0};
    Solution s = Ode.solve(DECAY, new double[] {Math.exp(-1.5), 0}, times, Solvers.tsit5().rtol(1e-10).atol(1e-12));
    for (int i = 0; i < times.length; i++) {
      assertEquals(Math.exp(-0.5 * times[i]), s.state(i)[0], 1e-9);
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
