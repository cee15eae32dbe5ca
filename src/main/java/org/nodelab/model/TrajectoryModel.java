package org.nodelab.model;

import org.nodelab.tensor.Tensor;

/**
 * A model returning the state at every requested time: {@code x -> [fOut(h(t0)), ..., fOut(h(tn))]}
 * of shape {@code [times, batch, dim]}, the first entry being the initial state; for fitting time
 * series. Built by {@code ode(f)...at(t0, t1, ..., tn)}.
 */
public final class TrajectoryModel extends OdeBlock {
  private final double[] times;

  TrajectoryModel(OdeSpec spec, double[] times) {
    super(spec);
    if (times.length < 2) {
      throw new IllegalArgumentException("a trajectory needs at least two times, got " + times.length);
    }
    this.times = times.clone();
  }

  /** The output times. */
  public double[] times() {
    return times.clone();
  }

  /**
   * The states at the output times, stacked on a new first axis.
   *
   * @param x input, e.g. {@code [batch, dim]}
   * @return shape {@code [times, batch, out]}
   */
  @Override
  public Tensor apply(Tensor x) {
    return spec().out().apply(solve(x, times).stacked());
  }

  @Override
  public TrajectoryModel withGradients(org.nodelab.ode.GradientMethod method) {
    return spec().gradients(method).at(times);
  }

  @Override
  public String toString() {
    return "TrajectoryModel(" + times.length + " times from " + times[0] + " to " + times[times.length - 1] + ", "
        + spec().solver() + ", " + spec().gradients() + ")";
  }
}
