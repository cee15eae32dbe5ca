package org.nodelab.nn;

import org.nodelab.tensor.Activation;

/** Activations as values, for layer constructors and {@code mlp(2, 50, 2, tanh())}. */
public final class Activations {
  private Activations() {}

  /** {@code tanh(x)}; the default between the layers of an {@link Mlp}. */
  public static Activation tanh() {
    return Activation.TANH;
  }

  /** {@code max(0, x)}. */
  public static Activation relu() {
    return Activation.RELU;
  }

  /** {@code 1 / (1 + e^{-x})}. */
  public static Activation sigmoid() {
    return Activation.SIGMOID;
  }

  /** {@code log(1 + e^x)}, a smooth ReLU (better behaved under adaptive solvers). */
  public static Activation softplus() {
    return Activation.SOFTPLUS;
  }

  /** {@code x} for {@code x > 0}, {@code e^x - 1} otherwise (Clevert et al. 2016, α = 1). */
  public static Activation elu() {
    return Activation.ELU;
  }

  /** The identity {@code x}. */
  public static Activation identity() {
    return Activation.IDENTITY;
  }
}
