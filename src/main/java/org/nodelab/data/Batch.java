package org.nodelab.data;

import java.util.Objects;
import org.nodelab.tensor.Tensor;

/**
 * One training batch: model input {@code x} and the target {@code y} the loss compares the
 * prediction with (shapes are the model's and the loss's business).
 */
public record Batch(Tensor x, Tensor y) {
  /**
   * Rejects missing tensors.
   *
   * @param x the model's input
   * @param y the target
   */
  public Batch {
    Objects.requireNonNull(x, "x");
    Objects.requireNonNull(y, "y");
  }
}
