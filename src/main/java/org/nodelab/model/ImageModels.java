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

  /** {@code GroupNorm(min(32, C), C)}, the normalisation of every block. */
  public static GroupNorm norm(int channels) {
    return new GroupNorm(Math.min(32, channels), channels);
  }

  /**
   * Conv 1→C 3×3, GroupNorm, ReLU, conv C→C 4×4 stride 2 padding 1, GroupNorm, ReLU, conv C→C 4×4
   * stride 2 padding 1: 28×28 → 26×26 → 13×13 → 6×6.
   */
  public static Sequential downsampling(int channels, long seed) {
    SplittableRandom seeds = new SplittableRandom(seed);
    return new Sequential(
        new Conv2d(1, channels, 3, 1, 0, seeds.nextLong()), norm(channels), new ReLU(),
        new Conv2d(channels, channels, 4, 2, 1, seeds.nextLong()), norm(channels), new ReLU(),
        new Conv2d(channels, channels, 4, 2, 1, seeds.nextLong()));
  }

  /** GroupNorm, ReLU, global average pooling, Linear C→{@code classes}: the logits. */
  public static Sequential head(int channels, int classes, long seed) {
    return new Sequential(norm(channels), new ReLU(), new GlobalAvgPool(), new Flatten(),
        new Linear(channels, classes, seed));
  }

  /**
   * The update {@code f(h)} of torchdiffeq's {@code ResBlock}: GroupNorm, ReLU, conv 3×3 (no bias),
   * GroupNorm, ReLU, conv 3×3 (no bias); {@code h + f(h)} is the block.
   */
  public static Sequential residual(int channels, long seed) {
    SplittableRandom seeds = new SplittableRandom(seed);
    return new Sequential(
        norm(channels), new ReLU(), new Conv2d(channels, channels, 3, 1, 1, false, seeds.nextLong()),
        norm(channels), new ReLU(), new Conv2d(channels, channels, 3, 1, 1, false, seeds.nextLong()));
  }

  /** Downsampling, {@code blocks} residual blocks with their own weights, read-out: the paper's ResNet. */
  public static Sequential resNet(int blocks, int channels, long seed) {
    SplittableRandom seeds = new SplittableRandom(seed);
    Module down = downsampling(channels, seeds.nextLong());
    ResNet body = new ResNet(blocks, () -> residual(channels, seeds.nextLong()));
    return new Sequential(down, body, head(channels, 10, seeds.nextLong()));
  }

  /**
   * {@code ode(f)} for the time-aware convolutional field, with the field's parameters known before
   * the first solve (its modules, rather than the tape, list them).
   */
  public static OdeSpec ode(ConvField f) {
    OdeSpec d = OdeSpec.of(f);
    return new OdeSpec(d.f(), d.conditioned(), f.asModule(), d.in(), d.out(), d.solver(), d.gradients(), d.augment(),
        d.t0());
  }
}
