package org.nodelab.model;

import java.util.SplittableRandom;
import org.nodelab.nn.Conv2d;
import org.nodelab.nn.Flatten;
import org.nodelab.nn.GlobalAvgPool;
import org.nodelab.nn.GroupNorm;
import org.nodelab.nn.Linear;
import org.nodelab.nn.Module;
import org.nodelab.nn.ReLU;
import org.nodelab.nn.Sequential;

/**
 * The parts of the neural-ODE paper's MNIST networks (Chen et al. 2018, §7.1; torchdiffeq's {@code
 * odenet_mnist.py}) on {@code [N, 1, 28, 28]} images: the convolutional downsampling to {@code [N,
 * C, 6, 6]}, the residual block of the comparison ResNet, and the read-out to 10 logits.
 */
public final class ImageModels {
  private ImageModels() {}

  /**
   * {@code GroupNorm(min(32, C), C)}, the normalisation of every block.
   *
   * @param channels the number of channels C
   * @return the normalisation layer
   */
  public static GroupNorm norm(int channels) {
    return new GroupNorm(Math.min(32, channels), channels);
  }

  /**
   * Conv 1→C 3×3, GroupNorm, ReLU, conv C→C 4×4 stride 2 padding 1, GroupNorm, ReLU, conv C→C 4×4
   * stride 2 padding 1: 28×28 → 26×26 → 13×13 → 6×6.
   *
   * @param channels the number of channels C
   * @param seed the seed of the initial weights
   * @return the network {@code [N, 1, 28, 28] -> [N, C, 6, 6]}
   */
  public static Sequential downsampling(int channels, long seed) {
    SplittableRandom seeds = new SplittableRandom(seed);
    return new Sequential(
        new Conv2d(1, channels, 3, 1, 0, seeds.nextLong()), norm(channels), new ReLU(),
        new Conv2d(channels, channels, 4, 2, 1, seeds.nextLong()), norm(channels), new ReLU(),
        new Conv2d(channels, channels, 4, 2, 1, seeds.nextLong()));
  }

  /**
   * GroupNorm, ReLU, global average pooling, Linear C→{@code classes}: the logits.
   *
   * @param channels the number of input channels C
   * @param classes the number of classes
   * @param seed the seed of the initial weights
   * @return the network {@code [N, C, H, W] -> [N, classes]}
   */
  public static Sequential head(int channels, int classes, long seed) {
    return new Sequential(norm(channels), new ReLU(), new GlobalAvgPool(), new Flatten(),
        new Linear(channels, classes, seed));
  }

  /**
   * The update {@code f(h)} of torchdiffeq's {@code ResBlock}: GroupNorm, ReLU, conv 3×3 (no bias),
   * GroupNorm, ReLU, conv 3×3 (no bias); {@code h + f(h)} is the block.
   *
   * @param channels the number of channels
   * @param seed the seed of the initial weights
   * @return the update, {@code [N, C, H, W] -> [N, C, H, W]}
   */
  public static Sequential residual(int channels, long seed) {
    SplittableRandom seeds = new SplittableRandom(seed);
    return new Sequential(
        norm(channels), new ReLU(), new Conv2d(channels, channels, 3, 1, 1, false, seeds.nextLong()),
        norm(channels), new ReLU(), new Conv2d(channels, channels, 3, 1, 1, false, seeds.nextLong()));
  }

  /**
   * Downsampling, {@code blocks} residual blocks with their own weights, read-out: the paper's ResNet.
   *
   * @param blocks the number of residual blocks
   * @param channels the number of channels
   * @param seed the seed of the initial weights
   * @return the network {@code [N, 1, 28, 28] -> [N, 10]}
   */
  public static Sequential resNet(int blocks, int channels, long seed) {
    SplittableRandom seeds = new SplittableRandom(seed);
    Module down = downsampling(channels, seeds.nextLong());
    ResNet body = new ResNet(blocks, () -> residual(channels, seeds.nextLong()));
    return new Sequential(down, body, head(channels, 10, seeds.nextLong()));
  }

  /** The class-path resource of the shipped trained 64-channel ODE-Net (see {@link #trainedOdeNet()}). */
  public static final String TRAINED_ODE_NET = "/datasets/odenet-mnist-64.params";

  /**
   * The paper's ODE-Net with {@code channels} feature maps, as {@code ./nodelab bench mnist} trains
   * it: downsampling, the convolutional field solved by dopri5 at rtol = atol = 1e-3 from 0 to 1,
   * the read-out to 10 logits; initialised from {@code seed}.
   *
   * @param channels the number of feature maps
   * @param seed the seed of the initial weights
   * @return the model {@code [N, 1, 28, 28] -> [N, 10]}
   */
  public static NeuralOde odeNet(int channels, long seed) {
    SplittableRandom seeds = new SplittableRandom(seed);
    long field = seeds.nextLong();
    long down = seeds.nextLong();
    long up = seeds.nextLong();
    return ode(new ConvField(channels, field)).from(downsampling(channels, down)).to(head(channels, 10, up))
        .solve(org.nodelab.ode.Solvers.rk45().rtol(1e-3).atol(1e-3)).until(1);
  }

  /**
   * The 64-channel ODE-Net with the parameters shipped in {@link #TRAINED_ODE_NET}, trained by
   * {@code ./nodelab bench mnist} on the first 8,000 digits (the command is in the README).
   *
   * @return the trained model {@code [N, 1, 28, 28] -> [N, 10]}
   */
  public static NeuralOde trainedOdeNet() {
    NeuralOde model = odeNet(64, 1);
    try (var in = ImageModels.class.getResourceAsStream(TRAINED_ODE_NET)) {
      if (in == null) {
        throw new IllegalStateException(TRAINED_ODE_NET + " is not on the class path (is datasets/ packaged?)");
      }
      org.nodelab.nn.ParameterFile.assign(model, org.nodelab.nn.TensorFile.read(in, TRAINED_ODE_NET), TRAINED_ODE_NET);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot read " + TRAINED_ODE_NET, e);
    }
    return model;
  }

  /**
   * {@code ode(f)} for the time-aware convolutional field, with the field's parameters known before
   * the first solve (its modules, rather than the tape, list them).
   *
   * @param f the convolutional field
   * @return a spec to refine and end with {@code until(T)}
   */
  public static OdeSpec ode(ConvField f) {
    OdeSpec d = OdeSpec.of(f);
    return new OdeSpec(d.f(), d.conditioned(), f.asModule(), d.in(), d.out(), d.solver(), d.gradients(), d.augment(),
        d.t0());
  }
}
