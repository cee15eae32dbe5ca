package org.nodelab.ode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nodelab.ode.control.ConstantStep;
import org.nodelab.ode.control.IController;
import org.nodelab.ode.control.PiController;
import org.nodelab.ode.control.Tolerances;

/** A solver is a method, a controller and options; the notebook setters are forwards to those values. */
class SolverPartsTest {
  private static final OdeSystem LOTKA_VOLTERRA = (t, y, dy) -> {
    dy[0] = 1.5 * y[0] - y[0] * y[1];
    dy[1] = -3 * y[1] + y[0] * y[1];
  };

  @Test
  void theNotebookFormsAndThePlainValuesGiveTheSameSolve() {
    Solver forwards = Solvers.dopri5().rtol(1e-6).atol(1e-8).pi().maxSteps(5000);
    Solver values = Solver.of(Tableaus.DOPRI5)
        .withController(PiController.hairer(IController.defaults()
            .withTolerances(Tolerances.defaults().rtol(1e-6).atol(1e-8)), 0.04))
        .withOptions(SolveOptions.defaults().withMaxSteps(5000));
    double[] times = {0, 5, 10};
    Solution a = Ode.solve(LOTKA_VOLTERRA, new double[] {1, 1}, times, forwards);
    Solution b = Ode.solve(LOTKA_VOLTERRA, new double[] {1, 1}, times, values);
    assertEquals(a.stats(), b.stats());
    assertArrayEquals(a.last(), b.last(), 0);
    assertEquals(forwards.toString(), values.toString());
    assertSame(Tableaus.DOPRI5, forwards.method());
  }

  @Test
  void aFixedStepKeepsTheErrorSettingsThatTolerancesReturnTo() {
    Solver fixed = Solvers.dopri5().pi().maxStep(0.5).step(0.1);
    assertEquals(new ConstantStep(0.1), fixed.controller());
    assertEquals("dopri5(step=0.1)", fixed.toString());
    Solver back = fixed.rtol(1e-6);
    assertTrue(back.controller() instanceof PiController, back.controller().toString());
    assertEquals("dopri5(rtol=1e-06, atol=1e-09, pi)", back.toString());
    assertEquals(0.5, back.errorControl().limits().maxStep());
  }

  @Test
  void traceAndStepBudgetLiveInTheOptions() {
    Solver s = Solvers.rk4().trace(true).maxSteps(7);
    assertEquals(new SolveOptions(7, true, java.util.Optional.empty()), s.options());
    assertEquals("rk4(one step per output interval)", s.toString());
  }
}
