package org.nodelab.ode;

/** How a solve ended: the outcome every solution reports. */
public enum Termination {
  /** The solve reached the last requested time. */
  REACHED_END,
  /** A {@link TerminationRule} ended the solve before the last requested time. */
  STOPPED_AT_EVENT,
  /**
   * The solve could not go on. Today a failed solve throws an {@link OdeException} instead; this
   * outcome is for a future option that returns the partial solution.
   */
  FAILED
}
