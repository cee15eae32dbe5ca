package org.nodelab.ode;

import java.util.Arrays;

/**
 * A solve that could not finish, with the time and step where it stopped and what to try. The
 * {@link Kind} tells the cause.
 */
public class OdeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why the solve stopped. */
  public enum Kind {
    /** The state or its derivative became NaN or infinite. */
    NON_FINITE,
    /** The error control asked for a step below {@code minStep} or below round-off. */
    STEP_SIZE_TOO_SMALL,
    /** More than {@code maxSteps} steps were needed. */
    MAX_STEPS_EXCEEDED,
    /** The solving thread was interrupted. */
    INTERRUPTED
  }

  /** Why the solve stopped. */
  private final Kind kind;
  /** The time reached. */
  private final double t;
  /** The step size being tried. */
  private final double h;
  /** The last few step sizes, oldest first. */
  private final double[] recentSteps;

  OdeException(Kind kind, String message, double t, double h, double[] recentSteps) {
    super(message);
    this.kind = kind;
    this.t = t;
    this.h = h;
    this.recentSteps = recentSteps.clone();
  }

  /**
   * The cause.
   *
   * @return the kind of failure
   */
  public Kind kind() {
    return kind;
  }

  /**
   * Time reached when the solve stopped.
   *
   * @return the time reached
   */
  public double t() {
    return t;
  }

  /**
   * The step size being tried.
   *
   * @return the step size
   */
  public double h() {
    return h;
  }

  /**
   * The last few step sizes tried, oldest first.
   *
   * @return a copy of the step sizes
   */
  public double[] recentSteps() {
    return recentSteps.clone();
  }

  static String steps(double[] recent) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < recent.length; i++) {
      sb.append(i == 0 ? "" : ", ").append(String.format(java.util.Locale.ROOT, "%.3g", recent[i]));
    }
    return sb.append(']').toString();
  }

  static String components(double[] v, int limit) {
    StringBuilder sb = new StringBuilder();
    int shown = 0;
    for (int i = 0; i < v.length && shown < limit; i++) {
      if (!Double.isFinite(v[i])) {
        sb.append(shown++ == 0 ? "" : ", ").append(i).append(" (").append(v[i]).append(')');
      }
    }
    long total = Arrays.stream(v).filter(x -> !Double.isFinite(x)).count();
    if (total > shown) {
      sb.append(", ... ").append(total - shown).append(" more");
    }
    return sb.toString();
  }
}
