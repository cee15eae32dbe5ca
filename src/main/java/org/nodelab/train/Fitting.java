package org.nodelab.train;

/**
 * How {@link Trainer#fit(org.nodelab.data.TimeSeries, Fitting)} compares a trajectory model with a
 * series: the whole series from the model's start (single shooting, the default), random windows
 * from observed states (torchdiffeq's {@code ode_demo.py}), or segments with their own learnable
 * starts tied by a continuity penalty (multiple shooting, as DiffEqFlux's {@code multiple_shoot}).
 */
public sealed interface Fitting permits Fitting.Whole, Fitting.Windows, Fitting.Shooting {

  /**
   * The whole series from the model's own start {@code fIn(first observation)}: single shooting.
   *
   * @return single shooting, for {@code fit(series, how)}
   */
  static Whole whole() {
    return new Whole();
  }

  /**
   * {@code count} random windows of {@code length} consecutive observations per step, each from its observed
   * start.
   *
   * @param length observations per window, at least 2
   * @param count windows per step
   * @return the window sampling, for {@code fit(series, how)}
   */
  static Windows windows(int length, int count) {
    return new Windows(length, count);
  }

  /**
   * {@code segments} consecutive segments with learnable starts; continuity weight 10 (see {@link
   * Shooting#continuity}).
   *
   * @param segments the number of segments
   * @return multiple shooting, for {@code fit(series, how)}
   */
  static Shooting shooting(int segments) {
    return new Shooting(segments, 10);
  }

  /** Single shooting: one solve over all observations from the model's start. */
  record Whole() implements Fitting {
    @Override
    public String toString() {
      return "single shooting";
    }
  }

  /**
   * ode_demo's sampling: per step, {@code count} distinct random start indices, and the {@code
   * length} observations from each, solved together from the observed states on the first window's
   * times. Like ode_demo this treats the field as time-invariant and needs equally spaced
   * observations; the model's own start ({@code fIn}, a learnable start) is not used.
   *
   * @param length observations per window (at least 2)
   * @param count windows per step
   */
  record Windows(int length, int count) implements Fitting {
    /**
     * Checks the sizes.
     *
     * @param length observations per window (at least 2)
     * @param count windows per step
     */
    public Windows {
      if (length < 2 || count < 1) {
        throw new IllegalArgumentException("windows need length >= 2 and count >= 1, got " + length + " and " + count);
      }
    }

    @Override
    public String toString() {
      return count + " windows of " + length;
    }
  }

  /**
   * Multiple shooting: the observations are cut into {@code segments} consecutive groups that share
   * their boundary observations; segment 0 starts from the model's start, segment k from a learnable
   * state initialised at its first observation. The objective is {@code loss(predictions,
   * observations) + continuity · mean((end of segment k−1 − start of segment k)²)}; the history
   * records both terms ({@code data}, {@code continuity}). The state must be observed (the starts
   * are observations, with zeros for augmented dimensions).
   *
   * @param segments number of segments (each holds at least two observations)
   * @param continuity weight of the continuity penalty
   */
  record Shooting(int segments, double continuity) implements Fitting {
    /**
     * Checks the values.
     *
     * @param segments number of segments (each holds at least two observations)
     * @param continuity weight of the continuity penalty
     */
    public Shooting {
      if (segments < 1) {
        throw new IllegalArgumentException("multiple shooting needs at least one segment, got " + segments);
      }
      if (!(continuity >= 0) || Double.isInfinite(continuity)) {
        throw new IllegalArgumentException("continuity weight must be finite and >= 0, got " + continuity);
      }
    }

    /**
     * The same segments with another continuity weight.
     *
     * @param weight the weight of the continuity penalty, at least 0
     * @return a new fitting
     */
    public Shooting continuity(double weight) {
      return new Shooting(segments, weight);
    }

    @Override
    public String toString() {
      return "multiple shooting (" + segments + " segments, continuity " + continuity + ")";
    }
  }
}
