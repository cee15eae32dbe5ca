package org.nodelab.ode.control;

/**
 * A method's error estimate of one step as the step-size controller reads it: one or two vectors
 * per unit step, and the method's rule for turning their scaled norms into one error ratio. The
 * controller owns the tolerances and the norm (which components, grouped how); the method owns the
 * combination, so Hairer's DOP853 formula applies under every norm, the adjoint's block norms
 * included.
 */
public interface ErrorEstimate {
  /**
   * The (first) estimate per unit step, {@code Σ eᵢkᵢ}, one entry per state component.
   *
   * @return one value per state component
   */
  double[] primary();

  /**
   * A second estimate per unit step ({@code Σ e3ᵢkᵢ} for DOP853), or null when the method has one.
   *
   * @return the estimate, or null
   */
  double[] secondary();

  /**
   * The error ratio per unit step of one group of components from the sums of their squared scaled
   * errors (for the max norm, the squared largest one with {@code n = 1}).
   *
   * @param primarySquares {@code Σ (errᵢ/scaleᵢ)²} over the group
   * @param secondarySquares the same for {@link #secondary()}, 0 without it
   * @param n components in the group
   * @return the ratio per unit step, {@code √(primarySquares/n)} for a single estimate
   */
  double combine(double primarySquares, double secondarySquares, int n);

  /**
   * The plain estimate: one vector, its RMS (or max) norm.
   *
   * @param err the estimate per unit step
   * @return the estimate of a method with one error vector
   */
  static ErrorEstimate of(double[] err) {
    return new ErrorEstimate() {
      @Override
      public double[] primary() {
        return err;
      }

      @Override
      public double[] secondary() {
        return null;
      }

      @Override
      public double combine(double primarySquares, double secondarySquares, int n) {
        return single(primarySquares, n);
      }
    };
  }

  /**
   * {@code √(squares/n)}: the norm of a single estimate.
   *
   * @param squares the sum of the squared scaled errors
   * @param n the number of components
   * @return the RMS value
   */
  static double single(double squares, int n) {
    return Math.sqrt(squares / n);
  }
}
