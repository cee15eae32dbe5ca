package org.nodelab.nn;

/**
 * A module whose forward pass runs a solver and counts vector-field evaluations (a neural ODE);
 * the trainer records both counts in its history.
 */
public interface EvaluationCounts {

  /**
   * Vector-field evaluations of the last forward pass.
   *
   * @return the number of evaluations, 0 before any pass
   */
  long forwardEvaluations();

  /**
   * Vector-field (or vector–Jacobian) evaluations of the last backward pass; 0 before any.
   *
   * @return the number of evaluations
   */
  long backwardEvaluations();
}
