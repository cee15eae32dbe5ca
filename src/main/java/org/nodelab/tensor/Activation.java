package org.nodelab.tensor;

/**
 * Element-wise activations as values; {@link Tensor#affine} fuses them into the affine kernel,
 * with derivatives computed from the output.
 */
public enum Activation {
  /** {@code x}. */
  IDENTITY,
  /** {@code tanh(x)}. */
  TANH,
  /** {@code 1 / (1 + e^{−x})}. */
  SIGMOID,
  /** {@code max(0, x)}. */
  RELU,
  /** {@code log(1 + e^x)}. */
  SOFTPLUS,
  /** {@code x} for {@code x > 0}, else {@code e^x − 1} (α = 1). */
  ELU;

  /**
   * Applies this activation element-wise (differentiable).
   *
   * @param x any tensor
   * @return the activation of each element, same shape, on the tape when {@code x} is
   */
  public Tensor apply(Tensor x) {
    return x.activate(this);
  }
}
