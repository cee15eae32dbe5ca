package org.nodelab.ode.control;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * PI control {@code factor = safety · ratio^{−β₁} · ratioPrev^{β₂}} (Gustafsson 1991; Hairer &amp;
 * Wanner, Solving ODEs II, IV.2; Söderlind 2002, doi 10.1023/A:1021160023092), {@code ratioPrev}
 * the previous accepted step's ratio (at least 1e-4). Without an explicit {@code β₁}, Hairer's
 * DOPRI5 choice {@code β₁ = 1/(q+1) − 0.75·β₂}.
 *
 * @param tolerances what a step must meet
 * @param limits bounds on steps and factors
 * @param beta1 exponent of the current ratio in {@code (beta2, 1)}, or empty for Hairer's choice
 * @param beta2 exponent of the previous ratio, in {@code (0, 0.2)} for Hairer's choice
 */
public record PiController(Tolerances tolerances, StepLimits limits, OptionalDouble beta1, double beta2)
    implements AdaptiveController {

  /**
   * Checks the exponents, naming them.
   *
   * @param tolerances what a step must meet
   * @param limits bounds on steps and factors
   * @param beta1 exponent of the current ratio in {@code (beta2, 1)}, or empty for Hairer's choice
   * @param beta2 exponent of the previous ratio, in {@code (0, 0.2)} for Hairer's choice
   */
  public PiController {
    Objects.requireNonNull(tolerances, "tolerances");
    Objects.requireNonNull(limits, "limits");
    Objects.requireNonNull(beta1, "beta1");
    if (beta1.isPresent()) {
      double b1 = beta1.getAsDouble();
      if (!(b1 > 0 && b1 < 1 && beta2 > 0 && beta2 < b1)) {
        throw new IllegalArgumentException("PI control needs 0 < beta2 < beta1 < 1, got beta1 " + b1
            + ", beta2 " + beta2);
      }
    } else if (!(beta2 > 0 && beta2 < 0.2)) {
      throw new IllegalArgumentException("PI beta must lie in (0, 0.2), got " + beta2);
    }
  }

  /**
   * Hairer's PI control with {@code β₂ = beta} (he recommends 0.04), keeping {@code base}'s settings.
   *
   * @param base the controller whose tolerances and limits are kept
   * @param beta β₂, the exponent of the previous ratio
   * @return the PI controller with {@code β₁ = 1/(q+1) − 0.75·beta}
   */
  public static PiController hairer(AdaptiveController base, double beta) {
    return new PiController(base.tolerances(), base.limits(), OptionalDouble.empty(), beta);
  }

  /**
   * PI control with both exponents given, keeping {@code base}'s settings.
   *
   * @param base the controller whose tolerances and limits are kept
   * @param beta1 β₁, the exponent of the current ratio
   * @param beta2 β₂, the exponent of the previous ratio
   * @return the PI controller
   */
  public static PiController of(AdaptiveController base, double beta1, double beta2) {
    return new PiController(base.tolerances(), base.limits(), OptionalDouble.of(beta1), beta2);
  }

  @Override
  public PiController withTolerances(Tolerances t) {
    return new PiController(t, limits, beta1, beta2);
  }

  @Override
  public PiController withLimits(StepLimits l) {
    return new PiController(tolerances, l, beta1, beta2);
  }

  @Override
  public double exponent(int q) {
    return beta1.isPresent() ? beta1.getAsDouble() : 1.0 / (q + 1) - 0.75 * beta2;
  }

  @Override
  public double law(double ratio, double previousRatio, int q) {
    return limits.safety() * Math.pow(ratio, -exponent(q)) * Math.pow(previousRatio, beta2);
  }

  /** E.g. {@code "rtol=1e-06, atol=1e-08, pi"}. */
  @Override
  public String toString() {
    String t = tolerances.toString();
    int norm = t.indexOf(", norm=");
    return norm < 0 ? t + ", pi" : t.substring(0, norm) + ", pi" + t.substring(norm);
  }
}
