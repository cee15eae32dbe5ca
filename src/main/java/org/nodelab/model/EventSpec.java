package org.nodelab.model;

import java.util.Objects;
import org.nodelab.ode.Event;
import org.nodelab.ode.Jump;
import org.nodelab.ode.Ode;
import org.nodelab.ode.PiecewiseSolution;
import org.nodelab.ode.TensorEventSolution;
import org.nodelab.tensor.Tensor;

/**
 * The immutable builder behind {@code ode(f).solve(dopri5).until(event(g).falling()).then(jump)
 * .events(10)}: the field, solver, gradient method and start time come from the {@link OdeSpec};
 * {@link #first} solves to the first event, {@link #solve} through events in sequence with the jump
 * between them (none: the state goes on unchanged). Default: at most 100 events.
 *
 * @param spec the field, solver, gradients and start time
 * @param event the event function and direction
 * @param jump the state change at each event, or null for none
 * @param maxEvents the most events {@link #solve} handles
 */
public record EventSpec(OdeSpec spec, Event event, Jump jump, int maxEvents) {
  /**
   * Checks the parts.
   *
   * @param spec the field, solver, gradients and start time
   * @param event the event function and direction
   * @param jump the state change at each event, or null for none
   * @param maxEvents the most events {@link #solve} handles, at least 1
   */
  public EventSpec {
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(event, "event");
    if (spec.f() == null) {
      throw new IllegalArgumentException("events need a field f(t, h); a field conditioned on the input has none");
    }
    if (maxEvents < 0) {
      throw new IllegalArgumentException("maxEvents must be at least 0, got " + maxEvents);
    }
  }

  /**
   * This spec with {@code jump} applied at every event.
   *
   * @param next the state change at each event
   * @return a new spec
   */
  public EventSpec then(Jump next) {
    return new EventSpec(spec, event, Objects.requireNonNull(next, "jump"), maxEvents);
  }

  /**
   * This spec handling at most {@code n} events (the rest of the interval is solved without).
   *
   * @param n the most events to handle, at least 1
   * @return a new spec
   */
  public EventSpec events(int n) {
    return new EventSpec(spec, event, jump, n);
  }

  /**
   * Solves from {@code y0} at the spec's start time to the first event (no time limit).
   *
   * @param y0 the initial state
   * @return the differentiable event time and state
   */
  public TensorEventSolution first(Tensor y0) {
    return Ode.solveUntilEvent(spec.f(), y0, Tensor.scalar(spec.t0()), Double.POSITIVE_INFINITY, event.g(),
        event.direction(), spec.solver(), spec.gradients());
  }

  /**
   * Solves from {@code y0} at {@code times[0]} through the events up to the last time.
   *
   * @param y0 the initial state
   * @param times output times, strictly increasing
   * @return the states at {@code times} and the event times, differentiable
   */
  public PiecewiseSolution solve(Tensor y0, double... times) {
    Jump step = jump != null ? jump : (t, y) -> y;
    return Ode.solveWithEvents(spec.f(), y0, times, event.g(), event.direction(), step, maxEvents, spec.solver(),
        spec.gradients());
  }
}
