package org.nodelab.ode;

/** How a solve ended: the outcome every solution reports. */
public enum Termination {
  /** The solve reached the last requested time. */
  REACHED_END,
  /** A {@link TerminationRule} or an event ({@code Ode.solveUntilEvent}) ended the solve before the last time. */
  STOPPED_AT_EVENT,
  /**
   * The solve could not go on. Today a failed solve throws an {@link OdeException} instead; this
   * outcome is for a future option that returns the partial solution.
   */
  FAILED
}
