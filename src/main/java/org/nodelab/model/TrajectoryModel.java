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

  /**
   * The output times.
   *
   * @return a copy of the output times
   */
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

  /**
   * The states at other times, solved from the same start {@code fIn(x)} at {@code times()[0]}
   * (dense output: any number of times costs no extra steps), e.g. for drawing the fitted model
   * densely or predicting held-out observations.
   *
   * @param x the input, as for {@link #apply}
   * @param at increasing times, none before the start
   * @return shape {@code [at.length, batch, out]}
   */
  public Tensor predict(Tensor x, double... at) {
    if (at.length == 0 || !(at[0] >= times[0])) {
      throw new IllegalArgumentException("predict needs times from the model's start " + times[0] + " on, got "
          + (at.length == 0 ? "none" : "a first time of " + at[0]));
    }
    boolean prepend = at[0] != times[0];
    double[] grid = new double[at.length + (prepend ? 1 : 0)];
    grid[0] = times[0];
    System.arraycopy(at, 0, grid, prepend ? 1 : 0, at.length);
    if (grid.length == 1) {
      Tensor h = spec().out().apply(initialState(x));
      int[] shape = new int[h.rank() + 1];
      shape[0] = 1;
      System.arraycopy(h.shape(), 0, shape, 1, h.rank());
      return h.reshape(shape);
    }
    Tensor all = spec().at(grid).apply(x);
    return prepend ? all.slice(0, 1, grid.length) : all;
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
