package org.nodelab.ode.control;

import java.util.Objects;

/**
 * Gustafsson's predictive controller (Gustafsson 1994, doi 10.1145/174603.174605; Hairer &amp;
 * Wanner, Solving ODEs II, IV.8, (8.25)), the default of RADAU5 and scipy's {@code Radau}: {@code
 * factor = safety · min(1, (h/h_prev)·(ratio_prev/ratio)^{1/(q+1)}) · ratio^{−1/(q+1)}}, the I law
 * on the first step. It stops the step size from growing while the error grows faster than the
 * step, which saves the rejections an implicit method pays with factorisations.
 *
 * @param tolerances what a step must meet
 * @param limits bounds on steps and factors
 */
public record PredictiveController(Tolerances tolerances, StepLimits limits) implements AdaptiveController {
  private static final PredictiveController DEFAULTS =
      new PredictiveController(Tolerances.defaults(), StepLimits.defaults());

  /**
   * Rejects null parts.
   *
   * @param tolerances what a step must meet
   * @param limits bounds on steps and factors
   */
  public PredictiveController {
    Objects.requireNonNull(tolerances, "tolerances");
    Objects.requireNonNull(limits, "limits");
  }

  /**
   * Default tolerances and limits.
   *
   * @return the controller with {@code rtol = 1e-7}, {@code atol = 1e-9}, safety 0.9, factors in [0.2, 10]
   */
  public static PredictiveController defaults() {
    return DEFAULTS;
  }

  /**
   * The predictive law keeping {@code base}'s tolerances and limits.
   *
   * @param base the controller whose tolerances and limits are kept
   * @return Gustafsson's controller with those settings
   */
  public static PredictiveController of(AdaptiveController base) {
    return new PredictiveController(base.tolerances(), base.limits());
  }

  @Override
  public PredictiveController withTolerances(Tolerances t) {
    return new PredictiveController(t, limits);
  }

  @Override
  public PredictiveController withLimits(StepLimits l) {
    return new PredictiveController(tolerances, l);
  }

  @Override
  public double exponent(int q) {
    return 1.0 / (q + 1);
  }

  /** Without the step history: the I law. */
  @Override
  public double law(double ratio, double previousRatio, int q) {
    return law(ratio, previousRatio, Double.NaN, q);
  }

  @Override
  public double law(double ratio, double previousRatio, double stepRatio, int q) {
    double k = exponent(q);
    double prediction = Double.isNaN(stepRatio) ? 1 : Math.min(1, stepRatio * Math.pow(previousRatio / ratio, k));
    return limits.safety() * prediction * Math.pow(ratio, -k);
  }

  /** E.g. {@code "rtol=1e-06, atol=1e-08, predictive"}. */
  @Override
  public String toString() {
    String t = tolerances.toString();
    int norm = t.indexOf(", norm=");
    return norm < 0 ? t + ", predictive" : t.substring(0, norm) + ", predictive" + t.substring(norm);
  }
}
