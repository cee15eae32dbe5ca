package org.nodelab.train;

import org.nodelab.tensor.Tensor;

/** A scalar loss of a prediction against a target, e.g. {@link Losses#mse}. */
@FunctionalInterface
public interface Loss {

  /**
   * The loss, a single-element tensor that can be back-propagated.
   *
   * @param prediction the model's output
   * @param target the target, shaped as the loss requires
   * @return a single-element tensor on the tape
   */
  Tensor apply(Tensor prediction, Tensor target);
}
