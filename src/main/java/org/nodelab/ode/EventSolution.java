package org.nodelab.ode;

import java.util.Locale;

/**
 * The end of {@code Ode.solveUntilEvent} on plain arrays: the event's time and state, or, when the
 * event function did not change sign before {@code tMax}, the state at {@code tMax} with {@link
 * #found()} false (then {@link #time()} refuses to answer rather than give a wrong time).
 */
public final class EventSolution {
  private final boolean found;
  private final double endTime;
  private final double[] state;
  private final Stats stats;
  private final long eventEvaluations;

  EventSolution(boolean found, double endTime, double[] state, Stats stats, long eventEvaluations) {
    this.found = found;
    this.endTime = endTime;
    this.state = state.clone();
    this.stats = stats;
    this.eventEvaluations = eventEvaluations;
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
   * The event time.
   *
   * @return the first crossing of the event function after the initial time
   * @throws IllegalStateException if no event happened before {@code tMax}
   */
  public double time() {
    if (!found) {
      throw new IllegalStateException(String.format(Locale.ROOT,
          "no event before tMax = %s: the event function kept its sign (see found() and endTime())", endTime));
    }
    return endTime;
  }

  /**
   * Where the solve ended: the event time, or {@code tMax} when there was no event.
   *
   * @return the time where the solve ended
   */
  public double endTime() {
    return endTime;
  }

  /**
   * The state at {@link #endTime()} (a copy).
   *
   * @return a copy of the state
   */
  public double[] state() {
    return state.clone();
  }

  /**
   * Evaluations and steps of the solve.
   *
   * @return evaluations, accepted and rejected steps
   */
  public Stats stats() {
    return stats;
  }

  /**
   * Evaluations of the event function (step ends and root finding).
   *
   * @return the number of evaluations
   */
  public long eventEvaluations() {
    return eventEvaluations;
  }

  /**
   * {@code STOPPED_AT_EVENT} or {@code REACHED_END}.
   *
   * @return how the solve ended
   */
  public Termination termination() {
    return found ? Termination.STOPPED_AT_EVENT : Termination.REACHED_END;
  }

  @Override
  public String toString() {
    return found ? "event at t = " + endTime : "no event before t = " + endTime;
  }
}
