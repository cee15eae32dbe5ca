package org.nodelab.nn;

import org.nodelab.tensor.Tensor;

/**
 * Seeded initialisation of parameter tensors. Every factory returns a fresh leaf tensor; the same
 * seed gives the same values.
 */
public final class Init {
  private Init() {}

  /**
   * Uniform on {@code [-bound, bound)}.
   *
   * @param bound the half-width of the interval, positive
   * @param seed the seed; the same seed gives the same values
   * @param shape the lengths of the axes
   * @return the samples, in that shape
   */
  public static Tensor uniform(double bound, long seed, int... shape) {
    checkFinite("bound", bound);
    double[] u = Tensor.rand(seed, shape).toArray();
    for (int i = 0; i < u.length; i++) {
      u[i] = (2 * u[i] - 1) * bound;
    }
    return Tensor.of(u, shape);
  }

  /**
   * Normal with mean 0 and standard deviation {@code std}.
   *
   * @param std the standard deviation
   * @param seed the seed; the same seed gives the same values
   * @param shape the lengths of the axes
   * @return the samples, in that shape
   */
  public static Tensor normal(double std, long seed, int... shape) {
    checkFinite("std", std);
    double[] z = Tensor.randn(seed, shape).toArray();
    for (int i = 0; i < z.length; i++) {
      z[i] *= std;
    }
    return Tensor.of(z, shape);
  }

  /**
   * PyTorch's default for {@code nn.Linear} weights and biases: uniform on {@code ±1/√fanIn}
   * (Kaiming-uniform with {@code a = √5} reduces to this bound).
   *
   * @param fanIn the number of inputs of the layer
   * @param seed the seed; the same seed gives the same values
   * @param shape the lengths of the axes
   * @return the samples, in that shape
   */
  public static Tensor pytorchDefault(int fanIn, long seed, int... shape) {
    if (fanIn <= 0) {
      throw new IllegalArgumentException("fanIn must be positive, got " + fanIn);
    }
    return uniform(1.0 / Math.sqrt(fanIn), seed, shape);
  }

  private static void checkFinite(String what, double value) {
    if (!(value >= 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(what + " must be finite and non-negative, got " + value);
    }
  }
}
