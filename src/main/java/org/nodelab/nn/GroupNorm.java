package org.nodelab.nn;

import java.util.List;
import org.nodelab.tensor.Activation;
import org.nodelab.tensor.Tensor;

/**
 * Group normalisation (Wu and He 2018) as PyTorch's {@code nn.GroupNorm(groups, channels)}: per
 * sample and group, {@code (x − μ)/√(σ² + 1e-5)} with the biased variance, then a per-channel
 * weight (initially 1) and bias (initially 0).
 */
public final class GroupNorm implements Module {
  /** PyTorch's epsilon. */
  public static final double EPS = 1e-5;

  private final int groups;
  private final Parameter weight;
  private final Parameter bias;

  /**
   * {@code channels} split into {@code groups} groups ({@code groups} must divide {@code channels}).
   *
   * @param groups the number of groups
   * @param channels the number of channels of the input {@code [N, channels, H, W]}
   */
  public GroupNorm(int groups, int channels) {
    Conv2d.positive("groups", groups);
    Conv2d.positive("channels", channels);
    if (channels % groups != 0) {
      throw new IllegalArgumentException(channels + " channels cannot be split into " + groups + " groups");
    }
    this.groups = groups;
    this.weight = new Parameter("weight", Tensor.ones(channels));
    this.bias = new Parameter("bias", Tensor.zeros(channels));
  }

  @Override
  public Tensor apply(Tensor x) {
    return x.groupNorm(groups, weight.value(), bias.value(), EPS);
  }

  /**
   * The normalisation followed by {@code activation}, in one operation (the values of {@code
   * activation.apply(apply(x))}).
   *
   * @param x the input {@code [N, channels, ...]}
   * @param activation applied to each normalised value
   * @return the activated normalisation, shaped like {@code x}
   */
  public Tensor apply(Tensor x, Activation activation) {
    return x.groupNorm(groups, weight.value(), bias.value(), EPS, activation);
  }

  @Override
  public List<Parameter> parameters() {
    return List.of(weight, bias);
  }

  @Override
  public String toString() {
    return "GroupNorm(" + groups + ", " + weight.size() + ")";
  }
}
