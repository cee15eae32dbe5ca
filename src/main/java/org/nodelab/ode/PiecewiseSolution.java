package org.nodelab.ode;

import java.util.List;
import org.nodelab.tensor.Tensor;

/**
 * A trajectory of several events in sequence with an instantaneous jump at each: the states at the
 * requested times and the event times, all on the gradient tape (piecewise differentiable: each
 * event time carries its implicit-function-theorem gradient into the next piece).
 */
public final class PiecewiseSolution {
  private final double[] times;
  private final List<Tensor> states;
  private final List<Tensor> eventTimes;
  private final List<Tensor> eventStates;
  private final Stats stats;

  PiecewiseSolution(double[] times, List<Tensor> states, List<Tensor> eventTimes, List<Tensor> eventStates,
      Stats stats) {
    this.times = times.clone();
    this.states = List.copyOf(states);
    this.eventTimes = List.copyOf(eventTimes);
    this.eventStates = List.copyOf(eventStates);
    this.stats = stats;
  }

  /**
   * The requested times.
   *
   * @return a copy of the times
   */
  public double[] times() {
    return times.clone();
  }

  /**
   * The state at {@code times[i]} (before the jump when an event falls exactly on it).
   *
   * @param i the index of the time
   * @return the state, on the tape
   */
  public Tensor state(int i) {
    return states.get(i);
  }

  /**
   * The state at the last requested time.
   *
   * @return the state, on the tape
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
   * The event times in order, each a differentiable scalar.
   *
   * @return the event times
   */
  public List<Tensor> eventTimes() {
    return eventTimes;
  }

  /**
   * The event times as numbers.
   *
   * @return the event times
   */
  public double[] eventTimeValues() {
    return eventTimes.stream().mapToDouble(Tensor::item).toArray();
  }

  /**
   * The states right before each jump.
   *
   * @return one state per event, on the tape
   */
  public List<Tensor> eventStates() {
    return eventStates;
  }

  /**
   * Evaluations and steps of all pieces (searches and recorded solves).
   *
   * @return evaluations, accepted and rejected steps, summed over the pieces
   */
  public Stats stats() {
    return stats;
  }
}
