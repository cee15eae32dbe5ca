package org.nodelab.ode;

import java.util.List;

/** The states of a {@code double[]} solve at the requested times, with its statistics. */
public final class Solution {
  private final double[] times;
  private final List<double[]> states;
  private final Stats stats;
  private final List<TraceStep> trace;

  Solution(double[] times, List<double[]> states, Stats stats, List<TraceStep> trace) {
    this.times = times.clone();
    this.states = states;
    this.stats = stats;
    this.trace = trace;
  }

  /** The state at {@code times[i]} (a copy). */
  public double[] state(int i) {
    return states.get(i).clone();
  }

  /** The state at the last requested time (a copy). */
  public double[] last() {
    return state(states.size() - 1);
  }

  /** The requested times. */
  public double[] times() {
    return times.clone();
  }

  /** Number of requested times. */
  public int size() {
    return times.length;
  }

  /** Evaluations and steps. */
  public Stats stats() {
    return stats;
  }

  /** Every attempted step, if the solver was built with {@code trace(true)}; else empty. */
  public List<TraceStep> trace() {
    return trace;
  }
}
