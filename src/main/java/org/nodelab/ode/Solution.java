package org.nodelab.ode;

import java.util.List;

/** The states of a {@code double[]} solve at the requested times, with its statistics. */
public final class Solution {
  private final double[] times;
  private final List<double[]> states;
  private final Stats stats;
  private final List<TraceStep> trace;
  private final Termination termination;

  Solution(double[] times, List<double[]> states, Stats stats, List<TraceStep> trace, Termination termination) {
    this.times = times.clone();
    this.states = states;
    this.stats = stats;
    this.trace = trace;
    this.termination = termination;
  }

  /**
   * The state at {@code times[i]} (a copy).
   *
   * @param i the index of the time
   * @return a copy of the state
   */
  public double[] state(int i) {
    return states.get(i).clone();
  }

  /**
   * The last state: at the last requested time, or where the solve stopped (a copy).
   *
   * @return a copy of the state
   */
  public double[] last() {
    return state(states.size() - 1);
  }

  /**
   * The times of the states: the requested ones, or, after a {@link TerminationRule} ended the solve,
   * those reached and the stopping time.
   *
   * @return a copy of the times
   */
  public double[] times() {
    return times.clone();
  }

  /**
   * Number of states (the requested times, unless the solve stopped early).
   *
   * @return the number of states
   */
  public int size() {
    return times.length;
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
