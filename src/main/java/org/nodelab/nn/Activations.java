package org.nodelab.nn;

import org.nodelab.tensor.Activation;

/** Activations as values, for layer constructors and {@code mlp(2, 50, 2, tanh())}. */
public final class Activations {
  private Activations() {}

  /**
   * {@code tanh(x)}; the default between the layers of an {@link Mlp}.
   *
   * @return the hyperbolic tangent
   */
  public static Activation tanh() {
    return Activation.TANH;
  }

  /**
   * {@code max(0, x)}.
   *
   * @return the rectified linear unit
   */
  public static Activation relu() {
    return Activation.RELU;
  }

  /**
   * {@code 1 / (1 + e^{-x})}.
   *
   * @return the logistic sigmoid
   */
  public static Activation sigmoid() {
    return Activation.SIGMOID;
  }

  /**
   * {@code log(1 + e^x)}, a smooth ReLU (better behaved under adaptive solvers).
   *
   * @return softplus
   */
  public static Activation softplus() {
    return Activation.SOFTPLUS;
  }

  /**
   * {@code x} for {@code x > 0}, {@code e^x - 1} otherwise (Clevert et al. 2016, α = 1).
   *
   * @return ELU with α = 1
   */
  public static Activation elu() {
    return Activation.ELU;
  }

  /**
   * The identity {@code x}.
   *
   * @return the activation that changes nothing (for a linear last layer)
   */
  public static Activation identity() {
    return Activation.IDENTITY;
  }
}
