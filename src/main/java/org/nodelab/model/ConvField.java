package org.nodelab.model;

import java.util.List;
import java.util.SplittableRandom;
import org.nodelab.nn.ConcatConv2d;
import org.nodelab.nn.GroupNorm;
import org.nodelab.nn.Module;
import org.nodelab.nn.Parameter;
import org.nodelab.ode.VectorField;
import org.nodelab.tensor.Activation;
import org.nodelab.tensor.Tensor;

/**
 * The ODE-Net's field on feature maps {@code [N, C, H, W]} (Chen et al. 2018, torchdiffeq's {@code
 * ODEfunc} in {@code odenet_mnist.py}): GroupNorm, ReLU, a 3×3 time-aware convolution, GroupNorm,
 * ReLU, another, GroupNorm; groups {@code min(32, C)}.
 */
public final class ConvField implements VectorField {
  private final GroupNorm norm1;
  private final GroupNorm norm2;
  private final GroupNorm norm3;
  private final ConcatConv2d conv1;
  private final ConcatConv2d conv2;

  /**
   * A seeded field on {@code channels} channels.
   *
   * @param channels the number of channels C of the state {@code [N, C, H, W]}
   * @param seed the seed of the initial weights
   */
  public ConvField(int channels, long seed) {
    SplittableRandom seeds = new SplittableRandom(seed);
    this.norm1 = ImageModels.norm(channels);
    this.conv1 = new ConcatConv2d(channels, channels, 3, 1, 1, seeds.nextLong());
    this.norm2 = ImageModels.norm(channels);
    this.conv2 = new ConcatConv2d(channels, channels, 3, 1, 1, seeds.nextLong());
    this.norm3 = ImageModels.norm(channels);
  }

  @Override
  public Tensor apply(double t, Tensor h) {
    Tensor out = norm1.apply(h, Activation.RELU);
    out = conv1.apply(t, out);
    out = norm2.apply(out, Activation.RELU);
    out = conv2.apply(t, out);
    return norm3.apply(out);
  }

  /**
   * The field's parameters as a module (whose {@code apply} is the field at t = 0).
   *
   * @return a module owning the field's parameters
   */
  public Module asModule() {
    ConvField field = this;
    return new Module() {
      @Override
      public Tensor apply(Tensor x) {
        return field.apply(0, x);
      }

      @Override
      public List<Parameter> parameters() {
        return field.parameters();
      }

      @Override
      public String toString() {
        return field.toString();
      }
    };
  }

  /**
   * The parameters, named as torchdiffeq's ({@code norm1.weight}, {@code conv1.weight}, ...).
   *
   * @return the norms' and convolutions' parameters
   */
  public List<Parameter> parameters() {
    return Module.collect(new String[] {"norm1", "conv1", "norm2", "conv2", "norm3"},
        norm1, asModule(conv1), norm2, asModule(conv2), norm3);
  }

  private static Module asModule(ConcatConv2d conv) {
    return new Module() {
      @Override
      public Tensor apply(Tensor x) {
        throw new UnsupportedOperationException("a time-aware convolution needs the time: use apply(t, x)");
      }

      @Override
      public List<Parameter> parameters() {
        return conv.parameters();
      }
    };
  }

  @Override
  public String toString() {
    return "ConvField(" + norm1 + ", relu, " + conv1 + ", " + norm2 + ", relu, " + conv2 + ", " + norm3 + ")";
  }
}
