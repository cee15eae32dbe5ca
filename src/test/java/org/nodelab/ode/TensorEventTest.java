package org.nodelab.ode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;
import org.nodelab.tensor.Tensor;

/**
 * Differentiable event times: a dropped ball against the closed form (the outside check), a
 * nonlinear pendulum against finite differences, direct against adjoint, and ten bounces.
 */
class TensorEventTest {
  private static final Solver TIGHT = Solvers.dopri5().rtol(1e-10).atol(1e-10);
  private static final GradientMethod[] METHODS = {GradientMethod.DIRECT, Adjoint.defaults()};

  private static Tensor first(Tensor y) {
    return y.slice(0, 0, 1);
  }

  private static Tensor second(Tensor y) {
    return y.slice(0, 1, 2);
  }

  private static VectorField ball(Tensor gravity) {
    return (t, y) -> Tensor.concat(0, second(y), gravity.neg().reshape(1));
  }

  @Test
  void aDroppedBallsLandingTimeAndItsGradientsMatchTheClosedForm() {
    // t* = √(2h/g): dt*/dh = 1/√(2gh), dt*/dg = −√(2h)/(2 g^{3/2}); v* = −√(2gh): dv*/dh = −√(g/(2h)).
    double h = 10;
    double g = 9.8;
    for (GradientMethod method : METHODS) {
      Tensor gravity = Tensor.scalar(g).requiresGrad();
      Tensor height = Tensor.of(h).requiresGrad();
      Tensor y0 = Tensor.concat(0, height, Tensor.of(0.0));
      TensorEventSolution s = Ode.solveUntilEvent(ball(gravity), y0, Tensor.scalar(0), 100, (t, y) -> first(y),
          EventDirection.FALLING, TIGHT, method);
      assertEquals(Math.sqrt(2 * h / g), s.time().item(), 1e-12, method + " t*");
      s.time().backward();
      assertEquals(1 / Math.sqrt(2 * g * h), height.grad().item(), 1e-8, method + " dt*/dh");
      assertEquals(-Math.sqrt(2 * h) / (2 * Math.pow(g, 1.5)), gravity.grad().item(), 1e-8, method + " dt*/dg");

      height.zeroGrad();
      Tensor y1 = Tensor.concat(0, height, Tensor.of(0.0));
      TensorEventSolution again = Ode.solveUntilEvent(ball(gravity), y1, 0, (t, y) -> first(y), TIGHT);
      second(again.state()).sum().backward();
      assertEquals(-Math.sqrt(g / (2 * h)), height.grad().item(), 1e-8, method + " dv*/dh");
    }
  }

  @Test
  void aLearnableThresholdAndTheStartTimeGetTheirGradients() {
    // Event at height r: t* = t0 + √(2(h − r)/g); dt*/dr = −1/√(2g(h − r)), dt*/dt0 = 1.
    double h = 10;
    double g = 9.8;
    double r = 0.2;
    for (GradientMethod method : METHODS) {
      Tensor radius = Tensor.scalar(r).requiresGrad();
      Tensor t0 = Tensor.scalar(1.5).requiresGrad();
      TensorEventSolution s = Ode.solveUntilEvent(ball(Tensor.scalar(g)), Tensor.of(h, 0), t0, 100,
          (t, y) -> first(y).sub(radius), EventDirection.FALLING, TIGHT, method);
      assertEquals(1.5 + Math.sqrt(2 * (h - r) / g), s.time().item(), 1e-12);
      s.time().backward();
      assertEquals(-1 / Math.sqrt(2 * g * (h - r)), radius.grad().item(), 1e-8, method + " dt*/dr");
      assertEquals(1, t0.grad().item(), 1e-8, method + " dt*/dt0");
    }
  }

  @Test
  void pendulumEventTimeGradientsMatchFiniteDifferences() {
    // θ'' = −a sin θ + b·t (time-dependent forcing), event θ = c·t (a moving threshold): gradients of
    // t* + (the angular velocity at t*) with respect to a, b, c and θ(0) against central differences.
    double[] p = {2.0, 0.3, 0.2, 1.1};
    double[] fd = new double[4];
    for (int k = 0; k < 4; k++) {
      int index = k;
      DoubleUnaryOperator objective = x -> {
        double[] q = p.clone();
        q[index] = x;
        try (var off = Tensor.noGrad()) {
          return pendulumObjective(q, null, GradientMethod.DIRECT);
        }
      };
      double e = 1e-5;
      fd[k] = (objective.applyAsDouble(p[k] + e) - objective.applyAsDouble(p[k] - e)) / (2 * e);
    }
    for (GradientMethod method : METHODS) {
      Tensor[] params = new Tensor[4];
      pendulumObjective(p, params, method);
      for (int k = 0; k < 4; k++) {
        assertEquals(fd[k], params[k].grad().item(), 2e-6 * Math.max(1, Math.abs(fd[k])), method + " parameter " + k);
      }
    }
  }

  /** Solves the pendulum to its event; with {@code params} given, back-propagates into them. */
  private static double pendulumObjective(double[] p, Tensor[] params, GradientMethod method) {
    Tensor a = Tensor.scalar(p[0]);
    Tensor b = Tensor.scalar(p[1]);
    Tensor c = Tensor.scalar(p[2]);
    Tensor angle = Tensor.of(p[3]);
    if (params != null) {
      params[0] = a.requiresGrad();
      params[1] = b.requiresGrad();
      params[2] = c.requiresGrad();
      params[3] = angle.requiresGrad();
    }
    VectorField f = (t, y) -> Tensor.concat(0, second(y), first(y).sin().mul(a).neg().add(b.mul(t)).reshape(1));
    TensorEventSolution s = Ode.solveUntilEvent(f, Tensor.concat(0, angle, Tensor.of(0.0)), Tensor.scalar(0), 20,
        (t, y) -> first(y).sub(c.mul(t)), EventDirection.FALLING, TIGHT, method);
    Tensor objective = s.time().add(second(s.state()).sum());
    if (params != null) {
      objective.backward();
    }
    return objective.item();
  }

  @Test
  void tenBouncesMatchTheClosedFormTimesAndHeightGradients() {
    // Ball from h onto a floor at r, restitution e: t₁ = √(2(h − r)/g), v₁ = √(2g(h − r)), then flights of
    // 2eʲv₁/g. dt₁₀/dh = 1/v₁ + Σ_{j=1..9} 2eʲ/v₁; the velocity before the tenth jump is −e⁹v₁.
    double h = 10;
    double g = 9.8;
    double r = 0.2;
    double e = 0.8;
    double v1 = Math.sqrt(2 * g * (h - r));
    for (GradientMethod method : METHODS) {
      Tensor height = Tensor.of(h).requiresGrad();
      Tensor y0 = Tensor.concat(0, height, Tensor.of(0.0));
      PiecewiseSolution s = Ode.solveWithEvents(ball(Tensor.scalar(g)), y0, new double[] {0, 30},
          (t, y) -> first(y).sub(r), EventDirection.FALLING,
          (t, y) -> Tensor.concat(0, first(y), second(y).mul(-e)), 10, TIGHT, method);
      double[] times = s.eventTimeValues();
      assertEquals(10, times.length);
      double expected = Math.sqrt(2 * (h - r) / g);
      double slope = 1 / v1;
      for (int k = 0; k < 10; k++) {
        assertEquals(expected, times[k], 1e-9, method + " bounce " + (k + 1));
        expected += 2 * Math.pow(e, k + 1) * v1 / g;
        if (k < 9) {
          slope += 2 * Math.pow(e, k + 1) / v1;
        }
      }
      s.eventTimes().get(9).backward(Tensor.scalar(1), true);
      assertEquals(slope, height.grad().item(), 1e-7, method + " dt10/dh");
      height.zeroGrad();
      second(s.eventStates().get(9)).sum().backward();
      assertEquals(-Math.pow(e, 9) * g / v1, height.grad().item(), 1e-7, method + " dv10/dh");
    }
  }

  @Test
  void torchdiffeqsBouncingBallGradcheckPassesForAllFiveVariables() {
    // bouncing_ball.py's gradcheck: the tenth event time against central differences in the initial
    // position and velocity, the start time, gravity and the log radius (absorption 0.2).
    double[] p = {10, 0, 0, 9.8, Math.log(0.2)};
    for (GradientMethod method : METHODS) {
      Tensor[] params = new Tensor[5];
      double value = tenthBounce(p, params, method);
      for (int k = 0; k < 5; k++) {
        double e = 1e-5;
        double[] up = p.clone();
        double[] down = p.clone();
        up[k] += e;
        down[k] -= e;
        double fd;
        try (var off = Tensor.noGrad()) {
          fd = (tenthBounce(up, null, method) - tenthBounce(down, null, method)) / (2 * e);
        }
        assertEquals(fd, params[k].grad().item(), 1e-6 * Math.max(1, Math.abs(fd)), method + " variable " + k);
      }
      assertEquals(BouncingBallTimes.tenth(10, 9.8, 0.2, 0.8), value, 1e-9);
    }
  }

  private static double tenthBounce(double[] p, Tensor[] params, GradientMethod method) {
    Tensor[] v = new Tensor[5];
    for (int k = 0; k < 5; k++) {
      v[k] = Tensor.scalar(p[k]);
      if (params != null) {
        params[k] = v[k].requiresGrad();
      }
    }
    Tensor y0 = Tensor.concat(0, v[0].reshape(1), v[1].reshape(1));
    Tensor t = v[2];
    Tensor y = y0;
    Tensor last = null;
    for (int bounce = 0; bounce < 10; bounce++) {
      TensorEventSolution s = Ode.solveUntilEvent(ball(v[3]), y, t, 100, (tt, yy) -> first(yy).sub(v[4].exp()),
          EventDirection.FALLING, TIGHT, method);
      last = s.time();
      t = s.time();
      y = Tensor.concat(0, first(s.state()), second(s.state()).mul(-0.8));
    }
    if (params != null) {
      last.backward();
    }
    return last.item();
  }

  /** Closed-form impact times of a ball dropped at rest. */
  private static final class BouncingBallTimes {
    static double tenth(double h, double g, double r, double e) {
      double v = Math.sqrt(2 * g * (h - r));
      double t = v / g;
      for (int k = 1; k < 10; k++) {
        t += 2 * Math.pow(e, k) * v / g;
      }
      return t;
    }
  }

  @Test
  void thePiecewiseStatesFollowTheParabolasBetweenBounces() {
    // Dropped from 10 (g = 9.8, floor at 0, e = 0.5): t₁ = √(20/9.8), then height v(t − t₁) − g(t − t₁)²/2
    // with v = 0.5·g·t₁; an output time equal to nothing special, and one after the first bounce.
    double g = 9.8;
    double t1 = Math.sqrt(20 / g);
    double[] times = {0, 0.5, 1.0, 1.8, 2.5};
    PiecewiseSolution s = Ode.solveWithEvents(ball(Tensor.scalar(g)), Tensor.of(10, 0), times, (t, y) -> first(y),
        EventDirection.FALLING, (t, y) -> Tensor.concat(0, first(y), second(y).mul(-0.5)), 5, TIGHT,
        GradientMethod.DIRECT);
    for (int i = 0; i < times.length; i++) {
      double t = times[i];
      double expected = t <= t1 ? 10 - g * t * t / 2 : 0.5 * g * t1 * (t - t1) - g * (t - t1) * (t - t1) / 2;
      assertEquals(expected, s.state(i).get(0), 1e-9, "height at " + t);
    }
    assertEquals(1, s.eventTimes().size());
    assertEquals(t1, s.eventTimeValues()[0], 1e-12);
  }

  @Test
  void withoutAnEventTheSolveEndsAtTMaxAndSaysSo() {
    TensorEventSolution s = Ode.solveUntilEvent(ball(Tensor.scalar(9.8)), Tensor.of(10, 0), Tensor.scalar(0), 1,
        (t, y) -> first(y), EventDirection.FALLING, TIGHT, GradientMethod.DIRECT);
    assertFalse(s.found());
    assertEquals(1, s.endTime());
    assertEquals(10 - 4.9, s.state().get(0), 1e-12);
    assertThrows(IllegalStateException.class, s::time);
  }
}
