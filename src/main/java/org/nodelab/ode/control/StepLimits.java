package org.nodelab.ode.control;

import java.util.OptionalDouble;

/**
 * Bounds on an error-controlled step and its changes: the safety factor on the optimal ratio, the
 * clamp {@code [factorMin, factorMax]} of the ratio per step, the smallest and largest step, and the
 * first step (empty: Hairer's estimate, {@link InitialStep}). Defaults {@code safety = 0.9},
 * {@code factorMin = 0.2}, {@code factorMax = 10} (scipy's RK45), no {@code minStep} (only steps
 * below 10 ulp of {@code t} fail), no {@code maxStep}.
 *
 * @param safety factor in {@code (0, 1]} on the optimal step-size ratio
 * @param factorMin smallest ratio of new to old step, in {@code (0, 1)}
 * @param factorMax largest ratio of new to old step, in {@code (1, ∞)}
 * @param minStep fail instead of taking smaller steps (the landing step excepted), {@code ≥ 0}
 * @param maxStep never take larger steps, {@code > 0}
 * @param initialStep the first step to try, or empty for Hairer's estimate
 */
public record StepLimits(double safety, double factorMin, double factorMax, double minStep, double maxStep,
    OptionalDouble initialStep) {
  private static final StepLimits DEFAULTS = new StepLimits(0.9, 0.2, 10, 0, Double.POSITIVE_INFINITY,
      OptionalDouble.empty());

  /**
   * Checks every bound, naming the one out of range.
   *
   * @param safety factor in {@code (0, 1]} on the optimal step-size ratio
   * @param factorMin smallest ratio of new to old step, in {@code (0, 1)}
   * @param factorMax largest ratio of new to old step, in {@code (1, ∞)}
   * @param minStep fail instead of taking smaller steps (the landing step excepted), {@code ≥ 0}
   * @param maxStep never take larger steps, {@code > 0}
   * @param initialStep the first step to try, or empty for Hairer's estimate
   */
  public StepLimits {
    if (!(safety > 0 && safety <= 1)) {
      throw new IllegalArgumentException("safety must lie in (0, 1], got " + safety);
    }
    if (!(factorMin > 0 && factorMin < 1 && factorMax > 1) || Double.isInfinite(factorMax)) {
      throw new IllegalArgumentException("factors need 0 < min < 1 < max < ∞, got min " + factorMin + ", max "
          + factorMax);
    }
    if (!(minStep >= 0) || Double.isInfinite(minStep)) {
      throw new IllegalArgumentException("minStep must be finite and >= 0, got " + minStep);
    }
    if (!(maxStep > 0)) {
      throw new IllegalArgumentException("maxStep must be a finite positive number, got " + maxStep);
    }
    if (initialStep == null) {
      throw new IllegalArgumentException("initialStep must be a value or OptionalDouble.empty()");
    }
    initialStep.ifPresent(h -> checkPositive("initialStep", h));
  }

  /**
   * The documented defaults.
   *
   * @return safety 0.9, factors 0.2 and 10, no minimum, no maximum, Hairer's first step
   */
  public static StepLimits defaults() {
    return DEFAULTS;
  }

  /**
   * These limits with another safety factor.
   *
   * @param s the safety factor, in (0, 1]
   * @return limits with the safety factor {@code s}
   */
  public StepLimits withSafety(double s) {
    return new StepLimits(s, factorMin, factorMax, minStep, maxStep, initialStep);
  }

  /**
   * These limits with another clamp on the step-size ratio.
   *
   * @param min the smallest ratio, in (0, 1)
   * @param max the largest ratio, above 1
   * @return limits with the clamp {@code [min, max]}
   */
  public StepLimits withFactors(double min, double max) {
    return new StepLimits(safety, min, max, minStep, maxStep, initialStep);
  }

  /**
   * These limits with a smallest step.
   *
   * @param h the smallest step, at least 0
   * @return limits with the smallest step {@code h}
   */
  public StepLimits withMinStep(double h) {
    return new StepLimits(safety, factorMin, factorMax, h, maxStep, initialStep);
  }

  /**
   * These limits with a largest step (finite).
   *
   * @param h the largest step, positive
   * @return limits with the largest step {@code h}
   */
  public StepLimits withMaxStep(double h) {
    checkPositive("maxStep", h);
    return new StepLimits(safety, factorMin, factorMax, minStep, h, initialStep);
  }

  /**
   * These limits with a given first step instead of Hairer's estimate (saves one evaluation).
   *
   * @param h the first step, positive
   * @return limits with the first step {@code h}
   */
  public StepLimits withInitialStep(double h) {
    checkPositive("initialStep", h);
    return new StepLimits(safety, factorMin, factorMax, minStep, maxStep, OptionalDouble.of(h));
  }

  static void checkPositive(String name, double h) {
    if (!(h > 0) || Double.isInfinite(h)) {
      throw new IllegalArgumentException(name + " must be a finite positive number, got " + h);
    }
  }
}
