package org.nodelab.ode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Every failure stops with a diagnosis instead of a NaN or a hang. */
class FailureTest {

  @Test
  void blowUpInFiniteTimeStopsWithTheStepSizesAndAdvice() {
    // y' = y², y(0) = 1 has the solution 1/(1 − t), which blows up at t = 1.
    OdeException e = assertThrows(OdeException.class, () -> Ode.solve((t, y, dy) -> dy[0] = y[0] * y[0],
        new double[] {1}, new double[] {0, 2}, Solvers.dopri5()));
    assertTrue(e.kind() == OdeException.Kind.STEP_SIZE_TOO_SMALL || e.kind() == OdeException.Kind.NON_FINITE, e.kind().toString());
    assertEquals(1.0, e.t(), 1e-3, "stops at the singularity");
    assertTrue(e.recentSteps().length > 0);
    assertTrue(e.getMessage().startsWith("dopri5: "), e.getMessage());
    assertTrue(e.getMessage().contains("t = 0.99") || e.getMessage().contains("t = 1.0"), e.getMessage());
    assertTrue(e.getMessage().contains("recent steps [") && e.getMessage().contains("looser tolerances"),
        e.getMessage());
  }

  @Test
  void stepSizeUnderflowSaysWhatToTry() {
    // Past t = 1 the slope is 1e300: no step crossing t = 1 meets the tolerance, down to round-off.
    OdeException e = assertThrows(OdeException.class, () -> Ode.solve(
        (t, y, dy) -> dy[0] = t > 1 ? 1e300 * (t - 1) : 1, new double[] {0}, new double[] {0, 2},
        Solvers.dopri5()));
    assertEquals(OdeException.Kind.STEP_SIZE_TOO_SMALL, e.kind(), e.getMessage());
    assertEquals(1.0, e.t(), 1e-9);
    assertTrue(e.getMessage().contains("round-off limit") && e.getMessage().contains("a fixed-step method")
        && e.getMessage().contains("weight decay"), e.getMessage());
    assertEquals(6, e.recentSteps().length);
  }

  @Test
  void invalidArgumentsAreRefusedNamingTheValue() {
    OdeSystem f = (t, y, dy) -> dy[0] = -y[0];
    var tolerance = assertThrows(IllegalArgumentException.class, () -> Solvers.dopri5().atol(-1e-8));
    assertEquals("atol must be finite and >= 0, got -1.0E-8", tolerance.getMessage());
    var times = assertThrows(IllegalArgumentException.class,
        () -> Ode.solve(f, new double[] {1}, new double[] {0, 2, 1}, Solvers.dopri5()));
    assertEquals("times must be strictly increasing or strictly decreasing, but times[2] = 1.0 follows "
        + "times[1] = 2.0", times.getMessage());
    var length = assertThrows(IllegalArgumentException.class,
        () -> Ode.solve(f, new double[] {1, 2}, new double[] {0, 1}, Solvers.dopri5().atol(1e-9, 1e-9, 1e-9)));
    assertEquals("per-component tolerances have 3 entries but the state has 2 components", length.getMessage());
    var empty = assertThrows(IllegalArgumentException.class,
        () -> Ode.solve(f, new double[0], new double[] {0, 1}, Solvers.dopri5()));
    assertEquals("y0 must have at least one component", empty.getMessage());
    var step = assertThrows(IllegalArgumentException.class, () -> Solvers.rk4().step(-0.1));
    assertEquals("step must be a finite positive number, got -0.1", step.getMessage());
    var maxSteps = assertThrows(IllegalArgumentException.class, () -> Solvers.rk4().maxSteps(0));
    assertEquals("maxSteps must be positive, got 0", maxSteps.getMessage());
  }

  @Test
  void maxStepsExceededNamesTheOptionAndWhereItStopped() {
    OdeException e = assertThrows(OdeException.class, () -> Ode.solve((t, y, dy) -> dy[0] = Math.cos(t),
        new double[] {0}, new double[] {0, 100}, Solvers.dopri5().rtol(1e-12).atol(1e-12).maxSteps(50)));
    assertEquals(OdeException.Kind.MAX_STEPS_EXCEEDED, e.kind());
    assertTrue(e.getMessage().contains("maxSteps = 50") && e.getMessage().contains("looser tolerances"), e.getMessage());
    assertTrue(e.t() > 0 && e.t() < 100);
    assertEquals(6, e.recentSteps().length);
  }

  @Test
  void minStepStopsTheSolveWhenTheControllerWantsLess() {
    OdeException e = assertThrows(OdeException.class, () -> Ode.solve((t, y, dy) -> dy[0] = y[0] * y[0],
        new double[] {1}, new double[] {0, 2}, Solvers.dopri5().minStep(1e-3)));
    assertEquals(OdeException.Kind.STEP_SIZE_TOO_SMALL, e.kind());
    assertTrue(e.getMessage().contains("minStep"), e.getMessage());
  }

  @Test
  void nonFiniteDerivativeNamesTheComponent() {
    OdeException e = assertThrows(OdeException.class, () -> Ode.solve((t, y, dy) -> {
      dy[0] = 1;
      dy[1] = t > 0.5 ? Math.log(-1) : 0;
    }, new double[] {0, 0}, new double[] {0, 1}, Solvers.rk4().step(0.1)));
    assertEquals(OdeException.Kind.NON_FINITE, e.kind());
    assertTrue(e.getMessage().contains("1 (NaN)"), e.getMessage());
    assertEquals(0.5, e.t(), 0.11);
  }

  @Test
  void nonFiniteInitialStateIsReportedAtOnce() {
    OdeException e = assertThrows(OdeException.class, () -> Ode.solve((t, y, dy) -> dy[0] = y[0],
        new double[] {Double.POSITIVE_INFINITY}, new double[] {0, 1}, Solvers.dopri5()));
    assertEquals(OdeException.Kind.NON_FINITE, e.kind());
    assertTrue(e.getMessage().contains("initial state"), e.getMessage());
  }

  @Test
  void adaptiveSolveRecoversFromANanTrialStepOrDiagnosesIt() {
    // The field is NaN beyond t = 0.3: no step can get past it.
    OdeException e = assertThrows(OdeException.class, () -> Ode.solve(
        (t, y, dy) -> dy[0] = t > 0.3 ? Double.NaN : 1, new double[] {0}, new double[] {0, 1}, Solvers.tsit5()));
    assertEquals(OdeException.Kind.NON_FINITE, e.kind());
    assertEquals(0.3, e.t(), 1e-6);
  }

  @Test
  void interruptedThreadStopsInsteadOfRunning() {
    Thread.currentThread().interrupt();
    try {
      OdeException e = assertThrows(OdeException.class, () -> Ode.solve((t, y, dy) -> dy[0] = -y[0],
          new double[] {1}, new double[] {0, 1}, Solvers.dopri5()));
      assertEquals(OdeException.Kind.INTERRUPTED, e.kind());
      assertTrue(Thread.currentThread().isInterrupted(), "the interrupt flag stays set for the caller");
    } finally {
      Thread.interrupted();
    }
  }
}
