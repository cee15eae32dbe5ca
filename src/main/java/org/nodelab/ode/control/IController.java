package org.nodelab.ode.control;

import java.util.Objects;

/**
 * The integral (I) controller, {@code factor = safety · ratio^{−1/(q+1)}} (Hairer, Nørsett &amp;
 * Wanner, Solving ODEs I, II.4): with the default limits exactly scipy's RK45 controller.
 *
 * @param tolerances what a step must meet
 * @param limits bounds on steps and factors
 */
public record IController(Tolerances tolerances, StepLimits limits) implements AdaptiveController {
  private static final IController DEFAULTS = new IController(Tolerances.defaults(), StepLimits.defaults());

  /**
   * Rejects null parts.
   *
   * @param tolerances what a step must meet
   * @param limits bounds on steps and factors
   */
  public IController {
    Objects.requireNonNull(tolerances, "tolerances");
    Objects.requireNonNull(limits, "limits");
  }

  /**
   * Default tolerances and limits.
   *
   * @return the I controller: rtol 1e-7, atol 1e-9, the default limits
   */
  public static IController defaults() {
    return DEFAULTS;
  }

  @Override
  public IController withTolerances(Tolerances t) {
    return new IController(t, limits);
  }

  @Override
  public IController withLimits(StepLimits l) {
    return new IController(tolerances, l);
  }

  @Override
  public double exponent(int q) {
    return 1.0 / (q + 1);
  }

  @Override
  public double law(double ratio, double previousRatio, int q) {
    return limits.safety() * Math.pow(ratio, -1.0 / (q + 1));
  }

  /** E.g. {@code "rtol=1e-06, atol=1e-08"}. */
  @Override
  public String toString() {
    return tolerances.toString();
  }
}
