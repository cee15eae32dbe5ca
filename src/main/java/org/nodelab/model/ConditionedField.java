package org.nodelab.model;

import org.nodelab.tensor.Tensor;

/**
 * The seed's general field {@code dh/dt = f(t, x, h)}: it also sees the model's input {@code x}
 * (as given to {@code apply}, before {@code fIn}), constant along the solve. Write {@code
 * ode((t, x, h) -> ...)}.
 */
@FunctionalInterface
public interface ConditionedField {

  /**
   * The derivative.
   *
   * @param t time
   * @param x the model's input, e.g. {@code [batch, features]}
   * @param h the state, e.g. {@code [batch, dim]}
   * @return the derivative, shaped like {@code h}
   */
  Tensor apply(double t, Tensor x, Tensor h);
}
