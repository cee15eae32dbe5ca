package org.nodelab.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.nodelab.tensor.Activation;
import org.nodelab.tensor.Tensor;

/**
 * A multilayer perceptron {@code sizes[0] -> sizes[1] -> ... -> sizes[n]}: affine layers with an
 * activation between them (fused into each hidden layer) and none after the last. The usual vector
 * field of a neural ODE, e.g. {@code new Mlp(Activation.TANH, 0, 2, 50, 2)}.
 */
public final class Mlp implements Module {
  private final List<Linear> layers;

  /**
   * An MLP initialised as PyTorch's {@code nn.Linear} layers.
   *
   * @param activation applied after every layer but the last
   * @param seed seed of the initialisation (each layer gets its own stream)
   * @param sizes layer widths, at least two: input, hidden..., output
   */
  public Mlp(Activation activation, long seed, int... sizes) {
    this(build(activation, sizes, new SplittableRandom(seed), -1));
  }

  /**
   * An MLP with weights from {@code N(0, std²)} and zero biases (torchdiffeq's {@code ode_demo}
   * initialisation).
   *
   * @param activation the activation between layers (none after the last)
   * @param std the standard deviation of the weights
   * @param seed the seed of the draws
   * @param sizes the layer widths, input first and output last
   * @return the MLP, no activation after its last layer
   */
  public static Mlp normal(Activation activation, double std, long seed, int... sizes) {
    return new Mlp(build(activation, sizes, new SplittableRandom(seed), std));
  }

  /**
   * An MLP from explicit layers (each keeps its own activation).
   *
   * @param layers the layers, input first; each output width matching the next input width
   */
  public Mlp(List<Linear> layers) {
    if (layers.isEmpty()) {
      throw new IllegalArgumentException("an MLP needs at least one layer");
    }
    for (int i = 1; i < layers.size(); i++) {
      if (layers.get(i).in() != layers.get(i - 1).out()) {
        throw new IllegalArgumentException(
            "layer " + i + " expects " + layers.get(i).in() + " inputs but layer " + (i - 1)
                + " gives " + layers.get(i - 1).out());
      }
    }
    this.layers = List.copyOf(layers);
  }

  private static List<Linear> build(
      Activation activation, int[] sizes, SplittableRandom seeds, double std) {
    if (sizes.length < 2) {
      throw new IllegalArgumentException(
          "an MLP needs at least two sizes (input and output), got " + sizes.length);
    }
    List<Linear> layers = new ArrayList<>();
    for (int i = 0; i + 1 < sizes.length; i++) {
      long seed = seeds.nextLong();
      Linear layer =
          std < 0
              ? new Linear(sizes[i], sizes[i + 1], seed)
              : Linear.normal(sizes[i], sizes[i + 1], std, seed);
      boolean last = i + 2 == sizes.length;
      layers.add(last ? layer : layer.withActivation(activation));
    }
    return layers;
  }

  /**
   * The layers, input first.
   *
   * @return the layers, an unmodifiable list
   */
  public List<Linear> layers() {
    return layers;
  }

  /**
   * Input width.
   *
   * @return the width of an input row
   */
  public int in() {
    return layers.get(0).in();
  }

  /**
   * Output width.
   *
   * @return the width of an output row
   */
  public int out() {
    return layers.get(layers.size() - 1).out();
  }

  /** The fused {@link Tensor#mlp} for small widths, else one {@link Linear} after the other. */
  @Override
  public Tensor apply(Tensor x) {
    int n = layers.size();
    int[] widths = new int[n + 1];
    widths[0] = in();
    for (int i = 0; i < n; i++) {
      widths[i + 1] = layers.get(i).out();
    }
    if (x.rank() >= 1 && x.dim(-1) == in() && Tensor.mlpFits(widths)) {
      Tensor[] w = new Tensor[n];
      Tensor[] b = new Tensor[n];
      Activation[] acts = new Activation[n];
      for (int i = 0; i < n; i++) {
        w[i] = layers.get(i).weight();
        b[i] = layers.get(i).bias();
        acts[i] = layers.get(i).activation();
      }
      return Tensor.mlp(x, w, b, acts);
    }
    Tensor h = x;
    for (Linear layer : layers) {
      h = layer.apply(h);
    }
    return h;
  }

  @Override
  public List<Parameter> parameters() {
    return Module.collectIndexed(layers);
  }

  @Override
  public String toString() {
    return layers.stream().map(Linear::toString).collect(Collectors.joining(", ", "Mlp[", "]"));
  }
}
