package org.nodelab.ode.control;

/**
 * Error control: a step is accepted when its error ratio ({@link Tolerances#errorRatio}) is below 1,
 * and the next step is the current one times a factor from the control law, clamped to {@code
 * [factorMin, factorMax]} and never above 1 right after a rejection. The laws differ only in {@link
 * #law}; {@code q} is the order of the method's embedded estimate.
 */
public sealed interface AdaptiveController extends StepSizeController permits IController, PiController, PredictiveController {
  /**
   * What a step must meet, and the norm.
   *
   * @return the relative and absolute tolerances and the norm
   */
  Tolerances tolerances();

  /**
   * Bounds on steps and their changes, and the first step.
   *
   * @return the safety factor, factor clamp, step bounds and first step
   */
  StepLimits limits();

  /**
   * This law with other tolerances.
   *
   * @param tolerances the new tolerances
   * @return a new controller
   */
  AdaptiveController withTolerances(Tolerances tolerances);

  /**
   * This law with other limits.
   *
   * @param limits the new limits
   * @return a new controller
   */
  AdaptiveController withLimits(StepLimits limits);

  /**
   * The exponent of the current ratio in the law ({@code 1/(q+1)} for the I controller).
   *
   * @param q the lower order of the method's pair
   * @return the exponent, positive
   */
  double exponent(int q);

  /**
   * The unclamped factor after an accepted step with {@code 0 < ratio < 1}.
   *
   * @param ratio the error norm of this step, relative to the tolerance
   * @param previousRatio that of the previous accepted step
   * @param q the lower order of the method's pair
   * @return the factor, before the limits clamp it
   */
  double law(double ratio, double previousRatio, int q);

  /**
   * The unclamped factor after an accepted step, for laws that also use the step history: {@code
   * stepRatio = |h|/|h_prev|}, the ratio of this accepted step to the one before (NaN on the first).
   *
   * @param ratio the error norm of this step, relative to the tolerance
   * @param previousRatio that of the previous accepted step
   * @param stepRatio {@code |h|/|h_prev|}, or NaN on the first step
   * @param q the lower order of the method's pair
   * @return the factor, before the limits clamp it
   */
  default double law(double ratio, double previousRatio, double stepRatio, int q) {
    return law(ratio, previousRatio, q);
  }

  /**
   * The step-size factor after an accepted step with error {@code ratio < 1}.
   *
   * @param ratio the error norm of this step, relative to the tolerance
   * @param previousRatio that of the previous accepted step
   * @param afterRejection whether the previous attempt was rejected (the factor then does not grow)
   * @param q the lower order of the method's pair
   * @return the factor, clamped by the limits
   */
  default double acceptFactor(double ratio, double previousRatio, boolean afterRejection, int q) {
    return acceptFactor(ratio, previousRatio, Double.NaN, afterRejection, q);
  }

  /**
   * The step-size factor after an accepted step with error {@code ratio < 1}, with the step history.
   *
   * @param ratio the error norm of this step, relative to the tolerance
   * @param previousRatio that of the previous accepted step
   * @param stepRatio {@code |h|/|h_prev|}, or NaN on the first step
   * @param afterRejection whether the previous attempt was rejected (the factor then does not grow)
   * @param q the lower order of the method's pair
   * @return the factor, clamped by the limits
   */
  default double acceptFactor(double ratio, double previousRatio, double stepRatio, boolean afterRejection, int q) {
    StepLimits l = limits();
    double factor = ratio == 0 ? l.factorMax() : law(ratio, previousRatio, stepRatio, q);
    factor = Math.max(l.factorMin(), Math.min(l.factorMax(), factor));
    return afterRejection ? Math.min(1, factor) : factor;
  }

  /**
   * The step-size factor after a rejected step (at most 1; {@code factorMin} for a non-finite ratio).
   *
   * @param ratio the error norm of the step, relative to the tolerance, above 1
   * @param q the lower order of the method's pair
   * @return the factor, in {@code [factorMin, 1]}
   */
  default double rejectFactor(double ratio, int q) {
    StepLimits l = limits();
    if (!Double.isFinite(ratio)) {
      return l.factorMin();
    }
    return Math.min(1, Math.max(l.factorMin(), l.safety() * Math.pow(ratio, -exponent(q))));
  }
}
