package org.nodelab.nn;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import org.nodelab.tensor.Activation;
import org.nodelab.tensor.Tensor;

/**
 * An affine layer with an optional fused activation: {@code y = σ(x W + b)}, with {@code W} of
 * shape {@code [in, out]} and {@code b} of shape {@code [out]}. The product, bias and activation
 * run as one kernel with a hand-written backward pass.
 */
public final class Linear implements Module {
  private final Parameter weight;
  private final Parameter bias;
  private final Activation activation;

  /**
   * A layer initialised as PyTorch's {@code nn.Linear}: weight and bias uniform on {@code
   * ±1/√in}.
   *
   * @param in input features
   * @param out output features
   * @param seed seed of the initialisation
   */
  public Linear(int in, int out, long seed) {
    this(in, out, new SplittableRandom(seed));
  }

  private Linear(int in, int out, SplittableRandom seeds) {
    this(
        Init.pytorchDefault(checkSize("in", in), seeds.nextLong(), in, checkSize("out", out)),
        Init.pytorchDefault(in, seeds.nextLong(), out),
        Activation.IDENTITY);
  }

  /**
   * A layer with the given weight {@code [in, out]} and bias {@code [out]} (or {@code null} for
   * none); the tensors become its parameters.
   *
   * @param weight the weight {@code [in, out]}
   * @param bias the bias {@code [out]}, or {@code null}
   * @param activation the activation fused after the product ({@link Activations#identity()} for none)
   */
  public Linear(Tensor weight, Tensor bias, Activation activation) {
    Objects.requireNonNull(weight, "weight");
    if (weight.rank() != 2) {
      throw new IllegalArgumentException(
          "weight must have shape [in, out], got " + Arrays.toString(weight.shape()));
    }
    if (bias != null && (bias.rank() != 1 || bias.dim(0) != weight.dim(1))) {
      throw new IllegalArgumentException(
          "bias must have shape ["
              + weight.dim(1)
              + "] to match weight "
              + Arrays.toString(weight.shape())
              + ", got "
              + Arrays.toString(bias.shape()));
    }
    this.weight = new Parameter("weight", weight);
    this.bias = bias == null ? null : new Parameter("bias", bias);
    this.activation = Objects.requireNonNull(activation, "activation");
  }

  /**
   * A layer with weights drawn from {@code N(0, std²)} and zero bias, as torchdiffeq's {@code
   * ode_demo.py} initialises its field.
   *
   * @param in the input width
   * @param out the output width
   * @param std the standard deviation of the weights
   * @param seed the seed of the draws
   * @return the layer, with no activation
   */
  public static Linear normal(int in, int out, double std, long seed) {
    return new Linear(
        Init.normal(std, seed, checkSize("in", in), checkSize("out", out)),
        Tensor.zeros(out),
        Activation.IDENTITY);
  }

  /**
   * The same parameters (shared, not copied) followed by {@code activation}, fused.
   *
   * @param activation the activation to fuse after the product
   * @return a new layer over the same tensors
   */
  public Linear withActivation(Activation activation) {
    return new Linear(this, activation);
  }

  private Linear(Linear base, Activation activation) {
    this.weight = base.weight;
    this.bias = base.bias;
    this.activation = Objects.requireNonNull(activation, "activation");
  }

  /**
   * Input features.
   *
   * @return the width of an input row
   */
  public int in() {
    return weight.value().dim(0);
  }

  /**
   * Output features.
   *
   * @return the width of an output row
   */
  public int out() {
    return weight.value().dim(1);
  }

  /**
   * The weight tensor, shape {@code [in, out]}.
   *
   * @return the live weight tensor
   */
  public Tensor weight() {
    return weight.value();
  }

  /**
   * The bias tensor, shape {@code [out]}, or {@code null}.
   *
   * @return the live bias tensor, or {@code null} without a bias
   */
  public Tensor bias() {
    return bias == null ? null : bias.value();
  }

  /**
   * The fused activation.
   *
   * @return the activation applied after the product (identity for none)
   */
  public Activation activation() {
    return activation;
  }

  /**
   * {@code σ(x W + b)}.
   *
   * @param x shape {@code [..., in]}
   * @return shape {@code [..., out]}
   */
  @Override
  public Tensor apply(Tensor x) {
    if (x.rank() == 0 || x.dim(-1) != in()) {
      throw new IllegalArgumentException(
          "Linear("
              + in()
              + " -> "
              + out()
              + ") expects input [..., "
              + in()
              + "], got "
              + Arrays.toString(x.shape()));
    }
    return x.affine(weight.value(), bias == null ? null : bias.value(), activation);
  }

  @Override
  public List<Parameter> parameters() {
    return Module.weightAndBias(weight, bias);
  }

  @Override
  public String toString() {
    String act = activation == Activation.IDENTITY ? "" : ", " + activation.name().toLowerCase(java.util.Locale.ROOT);
    return "Linear(" + in() + " -> " + out() + act + ")";
  }

  static int checkSize(String what, int n) {
    if (n <= 0) {
      throw new IllegalArgumentException(what + " features must be positive, got " + n);
    }
    return n;
  }
}
