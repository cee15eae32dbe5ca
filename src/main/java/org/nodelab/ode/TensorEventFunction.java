package org.nodelab.ode;

import org.nodelab.tensor.Tensor;

/**
 * An event on tensor states: the event happens where {@code g(t, y)} (a tensor of one value)
 * changes sign. Operations are taped, so the event time is differentiable with respect to the
 * tensors {@code g} uses (a threshold to learn), to the time and to the state. Example: {@code (t, y)
 * -> y.slice(0, 0, 1).sub(radius.square())}.
 */
@FunctionalInterface
public interface TensorEventFunction {

  /**
   * The event function's value.
   *
   * @param t time, a tensor of shape {@code []}
   * @param y state
   * @return one value (shape {@code []} or {@code [1]})
   */
  Tensor apply(Tensor t, Tensor y);
}
