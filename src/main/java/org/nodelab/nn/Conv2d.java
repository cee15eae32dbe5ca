package org.nodelab.nn;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.nodelab.tensor.Tensor;

/**
 * A 2-D convolution as PyTorch's {@code nn.Conv2d(in, out, kernel, stride, padding)} on {@code [N,
 * in, H, W]}: weight {@code [out, in, k, k]} and bias {@code [out]} uniform on {@code ±1/√(in·k²)}
 * (PyTorch's default, Kaiming-uniform with {@code a = √5}).
 */
public final class Conv2d implements Module {
  private final Parameter weight;
  private final Parameter bias;
  private final int stride;
  private final int padding;

  /**
   * A seeded convolution with a bias (or without one when {@code bias} is false).
   *
   * @param in the input channels
   * @param out the output channels
   * @param kernel the side of the square kernel
   * @param stride the stride
   * @param padding the zero padding on each side
   * @param bias whether the layer has a bias
   * @param seed the seed of the initial weights (PyTorch's default, uniform on ±1/√(in·k²))
   */
  public Conv2d(int in, int out, int kernel, int stride, int padding, boolean bias, long seed) {
    positive("in channels", in);
    positive("out channels", out);
    positive("kernel", kernel);
    positive("stride", stride);
    if (padding < 0) {
      throw new IllegalArgumentException("padding must be non-negative, got " + padding);
    }
    SplittableRandom seeds = new SplittableRandom(seed);
    int fanIn = in * kernel * kernel;
    this.weight = new Parameter("weight", Init.pytorchDefault(fanIn, seeds.nextLong(), out, in, kernel, kernel));
    long biasSeed = seeds.nextLong();
    this.bias = bias ? new Parameter("bias", Init.pytorchDefault(fanIn, biasSeed, out)) : null;
    this.stride = stride;
    this.padding = padding;
  }

  /**
   * A seeded convolution with a bias.
   *
   * @param in the input channels
   * @param out the output channels
   * @param kernel the side of the square kernel
   * @param stride the stride
   * @param padding the zero padding on each side
   * @param seed the seed of the initial weights
   */
  public Conv2d(int in, int out, int kernel, int stride, int padding, long seed) {
    this(in, out, kernel, stride, padding, true, seed);
  }

  /**
   * The weight, shape {@code [out, in, k, k]}.
   *
   * @return the live weight tensor
   */
  public Tensor weight() {
    return weight.value();
  }

  /**
   * The bias, shape {@code [out]}, or null.
   *
   * @return the live bias tensor, or {@code null} without a bias
   */
  public Tensor bias() {
    return bias == null ? null : bias.value();
  }

  @Override
  public Tensor apply(Tensor x) {
    return x.conv2d(weight.value(), bias(), stride, padding);
  }

  @Override
  public List<Parameter> parameters() {
    return Module.weightAndBias(weight, bias);
  }

  @Override
  public String toString() {
    int[] s = weight.shape();
    return "Conv2d(" + s[1] + " -> " + s[0] + ", kernel " + s[2] + ", stride " + stride + ", padding " + padding
        + (bias == null ? ", no bias" : "") + ")";
  }

  static void positive(String what, int n) {
    if (n <= 0) {
      throw new IllegalArgumentException(what + " must be positive, got " + n);
    }
  }

  static String shape(Tensor t) {
    return Arrays.toString(t.shape());
  }
}
