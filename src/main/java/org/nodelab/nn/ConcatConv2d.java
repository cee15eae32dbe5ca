package org.nodelab.nn;

import java.util.List;
import org.nodelab.tensor.Tensor;

/**
 * A convolution that sees the time as one more constant input channel, placed first (torchdiffeq's
 * {@code ConcatConv2d} of {@code odenet_mnist.py}): {@code conv([t·1, x])} with {@code in + 1} input
 * channels, computed without building that input ({@link Tensor#conv2dWithConstantChannel}).
 */
public final class ConcatConv2d {
  private final Conv2d conv;
  private final int stride;
  private final int padding;

  /**
   * A seeded time-aware convolution from {@code in} (plus time) to {@code out} channels, with a bias.
   *
   * @param in the input channels (the time channel is added to them)
   * @param out the output channels
   * @param kernel the side of the square kernel
   * @param stride the stride
   * @param padding the zero padding on each side
   * @param seed the seed of the initial weights
   */
  public ConcatConv2d(int in, int out, int kernel, int stride, int padding, long seed) {
    this.conv = new Conv2d(in + 1, out, kernel, stride, padding, true, seed);
    this.stride = stride;
    this.padding = padding;
  }

  /**
   * {@code conv([t, x])} for {@code x} of shape {@code [N, in, H, W]}.
   *
   * @param t the time, filled in as the first input channel
   * @param x the feature maps {@code [N, in, H, W]}
   * @return the feature maps {@code [N, out, H', W']}
   */
  public Tensor apply(double t, Tensor x) {
    if (x.rank() != 4) {
      throw new IllegalArgumentException("ConcatConv2d expects [N, C, H, W], got " + Conv2d.shape(x));
    }
    return x.conv2dWithConstantChannel(t, conv.weight(), conv.bias(), stride, padding);
  }

  /**
   * The convolution's weight {@code [out, in + 1, k, k]} and bias.
   *
   * @return the weight, then the bias
   */
  public List<Parameter> parameters() {
    return conv.parameters();
  }

  @Override
  public String toString() {
    return "ConcatConv2d(" + conv + ")";
  }
}
