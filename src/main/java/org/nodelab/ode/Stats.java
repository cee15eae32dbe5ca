package org.nodelab.ode;

/**
 * Cost of a solve.
 *
 * @param evaluations right-hand-side evaluations (including the initial-step estimate)
 * @param acceptedSteps steps kept
 * @param rejectedSteps steps tried and refused by the error control
 */
public record Stats(long evaluations, long acceptedSteps, long rejectedSteps) {

  /** Accepted plus rejected steps. */
  public long steps() {
    return acceptedSteps + rejectedSteps;
  }
}
