package org.nodelab.ode;

import java.util.List;
import org.nodelab.tensor.Tensor;

/**
 * The states of a tensor solve at the requested times; they are on the gradient tape when the
 * initial state or the field's parameters require gradients.
 */
public final class TensorSolution {
  private final double[] times;
  private final List<Tensor> states;
  private final Stats stats;
  private final List<TraceStep> trace;
  private final Stats[] backward;
  private final Termination termination;

  TensorSolution(double[] times, List<Tensor> states, Stats stats, List<TraceStep> trace, Stats[] backward,
      Termination termination) {
    this.times = times.clone();
    this.states = List.copyOf(states);
    this.stats = stats;
    this.trace = trace;
    this.backward = backward;
    this.termination = termination;
  }

  /**
   * The state at {@code times[i]}.
   *
   * @param i the index of the time
   * @return the state, on the tape when the solve records it
   */
  public Tensor state(int i) {
    return states.get(i);
  }

  /**
   * The state at the last requested time.
   *
   * @return the state, on the tape when the solve records it
   */
  public Tensor last() {
    return states.get(states.size() - 1);
  }

  /**
   * All states stacked along a new first axis: shape {@code [times, ...state shape]}.
   *
   * @return the stacked states
   */
  public Tensor stacked() {
    return Tensor.stack(states);
  }

  /**
   * The times of the states: the requested ones, or those reached and the stop after an early end.
   *
   * @return a copy of the times
   */
  public double[] times() {
    return times.clone();
  }

  /**
   * Evaluations and steps.
   *
   * @return evaluations, accepted and rejected steps
   */
  public Stats stats() {
    return stats;
  }

  /**
   * Cost of the backward pass: for the adjoint method, the backward solves' evaluations (each a
   * vector–Jacobian product of f) and steps, available once {@code backward()} has run (zeros
   * before); for direct gradients, the taped evaluations that a backward pass walks through.
   *
   * @return evaluations and steps of the backward pass; zeros before it runs
   */
  public Stats backwardStats() {
    return backward[0];
  }

  /**
   * A live view of {@link #backwardStats()} that does not keep this solution (nor its tape) alive:
   * for models that report the cost of their last call after its backward pass.
   *
   * @return a supplier of the backward statistics
   */
  public java.util.function.Supplier<Stats> backwardStatsView() {
    Stats[] cost = backward;
    return () -> cost[0];
  }

  /**
   * Every attempted step, if the solver was built with {@code trace(true)}; else empty.
   *
   * @return the attempted steps in order, or an empty list
   */
  public List<TraceStep> trace() {
    return trace;
  }

  /**
   * How the solve ended: at the last requested time, or stopped by a termination rule.
   *
   * @return how the solve ended
   */
  public Termination termination() {
    return termination;
  }
}
