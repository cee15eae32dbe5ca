package org.nodelab.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.nodelab.Lab.dopri5;
import static org.nodelab.Lab.event;
import static org.nodelab.Lab.ode;

import org.junit.jupiter.api.Test;
import org.nodelab.ode.EventDirection;
import org.nodelab.ode.GradientMethod;
import org.nodelab.ode.Ode;
import org.nodelab.ode.PiecewiseSolution;
import org.nodelab.ode.VectorField;
import org.nodelab.tensor.Tensor;

/** The event DSL builds the same solves as {@code Ode.solveWithEvents} and {@code Ode.solveUntilEvent}. */
class EventSpecTest {
  private static final VectorField BALL = (t, y) -> Tensor.concat(0, y.slice(0, 1, 2), Tensor.of(-9.8));

  @Test
  void theDslGivesTheDirectCallsNumbersBitForBit() {
    var spec = ode(BALL).solve(dopri5.rtol(1e-8))
        .until(event((t, y) -> y.slice(0, 0, 1).sub(0.2)).falling())
        .then((t, y) -> Tensor.concat(0, y.slice(0, 0, 1), y.slice(0, 1, 2).mul(-0.8)))
        .events(3);
    Tensor y0 = Tensor.of(10, 0);
    PiecewiseSolution dsl = spec.solve(y0, 0, 2, 4, 6, 8);
    PiecewiseSolution direct = Ode.solveWithEvents(BALL, y0, new double[] {0, 2, 4, 6, 8},
        (t, y) -> y.slice(0, 0, 1).sub(0.2), EventDirection.FALLING,
        (t, y) -> Tensor.concat(0, y.slice(0, 0, 1), y.slice(0, 1, 2).mul(-0.8)), 3, dopri5.rtol(1e-8),
        GradientMethod.DIRECT);
    assertArrayEquals(direct.eventTimeValues(), dsl.eventTimeValues());
    assertEquals(3, dsl.eventTimeValues().length);
    assertArrayEquals(direct.stacked().toArray(), dsl.stacked().toArray());
    assertEquals(Math.sqrt(2 * 9.8 / 9.8), spec.first(y0).time().item(), 1e-12);
  }
}
