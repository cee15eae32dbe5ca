package org.nodelab.ode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Event location on plain arrays against closed forms: times, direction, no event, an event at t0. */
class EventTest {
  private static final double GRAVITY = 9.81;
  private static final OdeSystem BALL = (t, y, dy) -> {
    dy[0] = y[1];
    dy[1] = -GRAVITY;
  };
  private static final OdeSystem OSCILLATOR = (t, y, dy) -> {
    dy[0] = y[1];
    dy[1] = -y[0];
  };

  @Test
  void aDroppedBallLandsAtTheClosedFormTime() {
    // y = h − g t²/2: t* = √(2h/g), v* = −√(2gh). dopri5's dense output is exact on a quadratic.
    EventSolution s = Ode.solveUntilEvent(BALL, new double[] {10, 0}, 0, 5, (t, y) -> y[0], Solvers.dopri5());
    assertTrue(s.found());
    assertEquals(Termination.STOPPED_AT_EVENT, s.termination());
    assertEquals(Math.sqrt(2 * 10 / GRAVITY), s.time(), 1e-13);
    assertEquals(-Math.sqrt(2 * GRAVITY * 10), s.state()[1], 1e-11);
    assertEquals(0, s.state()[0], 1e-12);
  }

  @Test
  void harmonicOscillatorZeroCrossingsFollowTheDirection() {
    // y = cos t: falling zero at π/2, rising at 3π/2; the located time meets the solver's tolerance.
    Solver solver = Solvers.dopri5().rtol(1e-10).atol(1e-12);
    double[] y0 = {1, 0};
    EventFunction cosine = (t, y) -> y[0];
    assertEquals(Math.PI / 2, Ode.solveUntilEvent(OSCILLATOR, y0, 0, 10, cosine, solver).time(), 1e-9);
    assertEquals(Math.PI / 2,
        Ode.solveUntilEvent(OSCILLATOR, y0, 0, 10, cosine, EventDirection.FALLING, solver).time(), 1e-9);
    assertEquals(1.5 * Math.PI,
        Ode.solveUntilEvent(OSCILLATOR, y0, 0, 10, cosine, EventDirection.RISING, solver).time(), 1e-9);
    // From t0 = 0.5 the velocity is −sin(t − 0.5): rising through zero at 0.5 + π.
    EventSolution sine = Ode.solveUntilEvent(OSCILLATOR, y0, 0.5, 10, (t, y) -> y[1], EventDirection.RISING, solver);
    assertEquals(0.5 + Math.PI, sine.time(), 1e-9);
    assertEquals(-1, sine.state()[0], 1e-9);
  }

  @Test
  void backwardsInTimeTheFirstCrossingBeforeT0Counts() {
    Solver solver = Solvers.dopri5().rtol(1e-10).atol(1e-12);
    EventSolution s = Ode.solveUntilEvent(OSCILLATOR, new double[] {1, 0}, 0, -10, (t, y) -> y[0], solver);
    assertEquals(-Math.PI / 2, s.time(), 1e-9);
  }

  @Test
  void aTimeDependentThresholdStartingOnTheSurfaceIsMetAtItsNextCrossing() {
    // y = e^t against 1 + 2t: equal at t0 = 0 (no event by definition), below, then crossing upwards at the
    // root of e^t = 1 + 2t (Newton's method on the closed form gives the reference).
    double root = 1.2;
    for (int i = 0; i < 50; i++) {
      root -= (Math.exp(root) - 1 - 2 * root) / (Math.exp(root) - 2);
    }
    EventSolution s = Ode.solveUntilEvent((t, y, dy) -> dy[0] = y[0], new double[] {1}, 0, 5,
        (t, y) -> y[0] - (1 + 2 * t), Solvers.dopri5().rtol(1e-10).atol(1e-12));
    assertEquals(1.2564312086261697, root, 1e-12);
    assertEquals(root, s.time(), 1e-8);
  }

  @Test
  void aBallThrownUpFromTheFloorIsCaughtWhenItComesBack() {
    // g = height is 0 at t0: not an event; the event is the landing at 2v/g.
    EventSolution s = Ode.solveUntilEvent(BALL, new double[] {0, 3}, 0, 5, (t, y) -> y[0], Solvers.dopri5());
    assertEquals(2 * 3 / GRAVITY, s.time(), 1e-12);
  }

  @Test
  void noEventBeforeTMaxIsReportedNotInvented() {
    EventSolution s = Ode.solveUntilEvent(BALL, new double[] {10, 0}, 0, 1, (t, y) -> y[0], Solvers.dopri5());
    assertFalse(s.found());
    assertEquals(Termination.REACHED_END, s.termination());
    assertEquals(1, s.endTime());
    assertArrayEquals(new double[] {10 - GRAVITY / 2, -GRAVITY}, s.state(), 1e-12);
    IllegalStateException e = assertThrows(IllegalStateException.class, s::time);
    assertTrue(e.getMessage().contains("no event before tMax = 1.0"), e.getMessage());
    EventSolution wrongWay = Ode.solveUntilEvent(BALL, new double[] {10, 0}, 0, 5, (t, y) -> y[0],
        EventDirection.RISING, Solvers.dopri5());
    assertFalse(wrongWay.found());
  }

  @Test
  void fixedStepSolversLocateOnTheirDenseOutputToo() {
    EventSolution s = Ode.solveUntilEvent(OSCILLATOR, new double[] {1, 0}, 0, 10, (t, y) -> y[0],
        Solvers.rk4().step(0.01));
    assertEquals(Math.PI / 2, s.time(), 1e-8);
  }

  @Test
  void badEventValuesAndHorizonsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> Ode.solveUntilEvent(BALL, new double[] {10, 0}, 0, 5,
        (t, y) -> Double.NaN, Solvers.dopri5()));
    assertThrows(IllegalArgumentException.class, () -> Ode.solveUntilEvent(BALL, new double[] {10, 0}, 1, 1,
        (t, y) -> y[0], Solvers.dopri5()));
  }
}
