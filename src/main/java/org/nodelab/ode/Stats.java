package org.nodelab.ode;

/**
 * Cost of a solve.
 *
 * @param evaluations right-hand-side evaluations in total: the initial-step estimate, every stage
 *     of every attempted step, and {@code denseEvaluations}
 * @param acceptedSteps steps kept
 * @param rejectedSteps steps tried and refused by the error control
 * @param denseEvaluations evaluations made only to report output times between steps (DOP853's
 *     extra dense stages; {@code f(t₁, y₁)} of a last step that is not reused); part of {@code
 *     evaluations}, and the only part that depends on the output times
 * @param jacobians evaluations of the Jacobian {@code ∂f/∂y} (implicit methods; by finite differences
 *     each also costs one evaluation per component, counted in {@code evaluations})
 * @param factorizations LU factorisations of the implicit methods' matrices
 */
public record Stats(long evaluations, long acceptedSteps, long rejectedSteps, long denseEvaluations, long jacobians,
    long factorizations) {

  /**
   * Statistics of an explicit method.
   *
   * @param evaluations evaluations of f
   * @param acceptedSteps steps kept
   * @param rejectedSteps steps tried and refused by the error control
   * @param denseEvaluations evaluations made only to report output times between steps
   */
  public Stats(long evaluations, long acceptedSteps, long rejectedSteps, long denseEvaluations) {
    this(evaluations, acceptedSteps, rejectedSteps, denseEvaluations, 0, 0);
  }

  /**
   * Statistics without dense-output evaluations.
   *
   * @param evaluations evaluations of f
   * @param acceptedSteps steps kept
   * @param rejectedSteps steps tried and refused by the error control
   */
  public Stats(long evaluations, long acceptedSteps, long rejectedSteps) {
    this(evaluations, acceptedSteps, rejectedSteps, 0);
  }

  /**
   * Accepted plus rejected steps.
   *
   * @return the number of steps
   */
  public long steps() {
    return acceptedSteps + rejectedSteps;
  }
}
