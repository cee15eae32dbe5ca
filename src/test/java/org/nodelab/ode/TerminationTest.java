package org.nodelab.ode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nodelab.tensor.Tensor;

/** Solutions report how they ended, and a termination rule ends a solve at the first step where it holds. */
class TerminationTest {
  private static final OdeSystem DECAY = (t, y, dy) -> dy[0] = -y[0];
  private static final double[] TIMES = {0, 0.5, 1, 2};

  @Test
  void aSolveWithoutARuleReachesTheEnd() {
    Solution s = Ode.solve(DECAY, new double[] {1}, TIMES, Solvers.dopri5());
    assertEquals(Termination.REACHED_END, s.termination());
    assertArrayEquals(TIMES, s.times(), 0);
    TensorSolution tensor = Ode.solve((t, y) -> y.neg(), Tensor.of(new double[] {1}, 1), TIMES, Solvers.rk4());
    assertEquals(Termination.REACHED_END, tensor.termination());
  }

  @Test
  void aRuleStopsTheSolveAtTheEndOfTheFirstStepWhereItHolds() {
    // y = e^{-t} drops below 1/2 at t = ln 2: the solve stops at the end of the step across it.
    Solver solver = Solvers.dopri5().rtol(1e-8).atol(1e-10).trace(true).until((t, y) -> y[0] < 0.5);
    Solution s = Ode.solve(DECAY, new double[] {1}, TIMES, solver);
    assertEquals(Termination.STOPPED_AT_EVENT, s.termination());
    double[] times = s.times();
    assertEquals(3, times.length);
    assertEquals(0.5, times[1], 0);
    double stop = times[2];
    List<TraceStep> accepted = s.trace().stream().filter(TraceStep::accepted).toList();
    TraceStep lastStep = accepted.get(accepted.size() - 1);
    assertEquals(stop, lastStep.t() + lastStep.h(), 1e-15);
    assertTrue(lastStep.t() < Math.log(2) && stop >= Math.log(2), "stop " + stop + " after step from " + lastStep.t());
    assertEquals(Math.exp(-stop), s.last()[0], 1e-8);
    assertEquals(Math.exp(-0.5), s.state(1)[0], 1e-8);
  }

  @Test
  void aRuleThatNeverHoldsChangesNothing() {
    Solution plain = Ode.solve(DECAY, new double[] {1}, TIMES, Solvers.tsit5());
    Solution ruled = Ode.solve(DECAY, new double[] {1}, TIMES, Solvers.tsit5().until((t, y) -> y[0] < 0));
    assertEquals(plain.stats(), ruled.stats());
    assertArrayEquals(plain.last(), ruled.last(), 0);
    assertEquals(Termination.REACHED_END, ruled.termination());
  }

  @Test
  void theAdjointRefusesASolveThatStoppedEarly() {
    Solver solver = Solvers.dopri5().until((t, y) -> y[0] < 0.5);
    Tensor y0 = Tensor.of(new double[] {1}, 1).requiresGrad();
    var e = assertThrows(IllegalArgumentException.class,
        () -> Ode.solve((t, y) -> y.neg(), y0, TIMES, solver, Adjoint.defaults()));
    assertTrue(e.getMessage().contains("GradientMethod.DIRECT"), e.getMessage());
  }
}
