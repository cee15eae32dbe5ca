package org.nodelab.ode;

import java.util.List;
import java.util.Locale;
import org.nodelab.tensor.Tensor;

/**
 * The end of {@code Ode.solveUntilEvent} on tensors: the event time (a scalar tensor) and the state
 * there, both on the gradient tape. The event time's gradient follows from the implicit function
 * theorem at {@code g(τ, y(τ)) = 0}: {@code dτ/dθ = −(∂g/∂θ + ∂g/∂y·∂y/∂θ) / (dg/dt)} with
 * {@code dg/dt = ∂g/∂t + ∂g/∂y·f(τ, y(τ))} (Chen, Amos and Nickel 2021), and the state's from
 * {@code dy(τ)/dθ = ∂y/∂θ + f(τ, y(τ))·dτ/dθ}. Without an event before {@code tMax}, {@link
 * #found()} is false and {@link #time()} refuses to answer.
 */
public final class TensorEventSolution {
  private final boolean found;
  private final double endTime;
  private final Tensor time;
  private final Tensor state;
  private final Stats stats;
  private final List<Tensor> inner;

  TensorEventSolution(boolean found, double endTime, Tensor time, Tensor state, Stats stats, List<Tensor> inner) {
    this.found = found;
    this.endTime = endTime;
    this.time = time;
    this.state = state;
    this.stats = stats;
    this.inner = inner;
  }

  /**
   * Whether the event happened before {@code tMax}.
   *
   * @return true when the event was found
   */
  public boolean found() {
    return found;
  }

  /**
   * The event time, shape {@code []}, differentiable.
   *
   * @return the first crossing of the event function after the initial time
   * @throws IllegalStateException if no event happened before {@code tMax}
   */
  public Tensor time() {
    if (!found) {
      throw new IllegalStateException(String.format(Locale.ROOT,
          "no event before tMax = %s: the event function kept its sign (see found() and endTime())", endTime));
    }
    return time;
  }

  /**
   * Where the solve ended as a number: the event time, or {@code tMax} without an event.
   *
   * @return the time where the solve ended
   */
  public double endTime() {
    return endTime;
  }

  /**
   * The state at {@link #endTime()}, differentiable (right before any jump).
   *
   * @return the state, on the tape
   */
  public Tensor state() {
    return state;
  }

  /**
   * Evaluations and steps: the untaped solve that locates the event plus the solve that records the
   * trajectory to it (when gradients are recorded).
   *
   * @return evaluations, accepted and rejected steps of both solves
   */
  public Stats stats() {
    return stats;
  }

  /**
   * {@code STOPPED_AT_EVENT} or {@code REACHED_END}.
   *
   * @return how the solve ended
   */
  public Termination termination() {
    return found ? Termination.STOPPED_AT_EVENT : Termination.REACHED_END;
  }

  /** States at the extra output times strictly before the end (for piecewise solutions). */
  List<Tensor> inner() {
    return inner;
  }

  @Override
  public String toString() {
    return found ? "event at t = " + endTime : "no event before t = " + endTime;
  }
}
