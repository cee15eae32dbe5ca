package org.nodelab.ode;

import org.nodelab.tensor.Tensor;

/**
 * A right-hand side {@code dh/dt = f(t, h)} on tensors of any shape (a batch of states shares one
 * step size); operations inside are taped, so parameters it uses receive gradients.
 */
@FunctionalInterface
public interface VectorField {

  /**
   * The derivative at {@code (t, h)}.
   *
   * @param t time
   * @param h state, e.g. shape {@code [batch, dim]}
   * @return derivative of the same shape as {@code h}
   */
  Tensor apply(double t, Tensor h);
}
