package org.nodelab.model;

import java.util.List;
import org.nodelab.nn.Parameter;
import org.nodelab.tensor.Tensor;

/**
 * A learnable initial state {@code h(t0) = y0}, trained with the field: use it as {@code
 * ode(f).from(learnable(y0))}. It ignores the model's input (by convention the first observation
 * of the series being fitted), so a noisy first observation no longer pins the whole trajectory.
 */
public final class InitialState implements org.nodelab.nn.Module {
  private final Parameter y0;

  /**
   * A start initialised at a copy of {@code y0}.
   *
   * @param y0 shape {@code [batch, dim]} (a {@code [dim]} vector becomes {@code [1, dim]})
   */
  public InitialState(Tensor y0) {
    Tensor start = y0.detach();
    if (start.rank() == 1) {
      start = start.reshape(1, start.dim(0));
    }
    if (start.rank() != 2) {
      throw new IllegalArgumentException("an initial state needs shape [batch, dim] or [dim], got "
          + java.util.Arrays.toString(y0.shape()));
    }
    this.y0 = new Parameter("y0", Tensor.of(start.toArray(), start.shape()));
  }

  /**
   * The learned start, whatever the input.
   *
   * @param x ignored (the observed first state when fitting a series)
   * @return shape {@code [batch, dim]}
   */
  @Override
  public Tensor apply(Tensor x) {
    return y0.value();
  }

  /**
   * The start as it is now, without a gradient.
   *
   * @return a detached copy of the learned start
   */
  public Tensor value() {
    return y0.value().detach();
  }

  @Override
  public List<Parameter> parameters() {
    return List.of(y0);
  }

  @Override
  public String toString() {
    return "InitialState" + java.util.Arrays.toString(y0.value().toArray());
  }
}
