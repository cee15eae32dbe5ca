package org.nodelab.ode;

/**
 * A condition that ends a solve early, checked at the end of every accepted step (the place where
 * events plug in: an event would locate the crossing inside the step on the dense output). When it
 * holds, the solution ends with that step's time and state and reports {@link
 * Termination#STOPPED_AT_EVENT}.
 */
@FunctionalInterface
public interface TerminationRule {
  /**
   * Whether the solve stops at the end of an accepted step.
   *
   * @param t the time at the end of the step
   * @param y the state there, as values (read only)
   * @return true to stop
   */
  boolean isMet(double t, double[] y);
}
