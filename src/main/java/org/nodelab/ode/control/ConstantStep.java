package org.nodelab.ode.control;

/**
 * Fixed steps of size {@code h}, counted from the initial time; the last step is shortened to land
 * on the end time. Any method runs this way, an embedded error estimate goes unused.
 *
 * @param h the step size, finite and {@code > 0}
 */
public record ConstantStep(double h) implements StepSizeController {
  /**
   * Checks that {@code h} is a finite positive number.
   *
   * @param h the step size, finite and {@code > 0}
   */
  public ConstantStep {
    StepLimits.checkPositive("step", h);
  }

  /** E.g. {@code "step=0.25"}. */
  @Override
  public String toString() {
    return "step=" + Numbers.shortest(h);
  }
}
