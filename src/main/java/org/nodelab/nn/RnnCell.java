package org.nodelab.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.nodelab.tensor.Activation;
import org.nodelab.tensor.Tensor;

/**
 * PyTorch's {@code nn.RNNCell}: {@code h' = tanh(x·W_ih + b_ih + h·W_hh + b_hh)}, weights stored
 * {@code [in, hidden]} and {@code [hidden, hidden]} (the transpose of PyTorch's layout, as {@link
 * Linear}), every parameter uniform on {@code ±1/√hidden}. {@link #concatenated} builds the same
 * cell as one {@code Linear(in + hidden, hidden)} on {@code [x, h]} (torchdiffeq's latent-ODE
 * encoder {@code i2h}). A sequence runs as one fused operation ({@link Tensor#recurrence}).
 */
public final class RnnCell implements RecurrentCell {
  private final Parameter weightIh;
  private final Parameter weightHh;
  private final Parameter biasIh;
  private final Parameter biasHh;
  private final Activation activation;

  /**
   * A cell initialised as PyTorch's {@code nn.RNNCell(in, hidden)} (tanh).
   *
   * @param in input features
   * @param hidden hidden features
   * @param seed seed of the initialisation
   */
  public RnnCell(int in, int hidden, long seed) {
    this(in, hidden, seed, 1 / Math.sqrt(Linear.checkSize("hidden", hidden)), true);
  }

  private RnnCell(int in, int hidden, long seed, double bound, boolean twoBiases) {
    Linear.checkSize("in", in);
    SplittableRandom seeds = new SplittableRandom(seed);
    this.weightIh = new Parameter("weight_ih", Init.uniform(bound, seeds.nextLong(), in, hidden));
    this.weightHh = new Parameter("weight_hh", Init.uniform(bound, seeds.nextLong(), hidden, hidden));
    this.biasIh = new Parameter("bias_ih", Init.uniform(bound, seeds.nextLong(), hidden));
    this.biasHh = twoBiases ? new Parameter("bias_hh", Init.uniform(bound, seeds.nextLong(), hidden)) : null;
    this.activation = Activation.TANH;
  }

  /**
   * The cell {@code h' = tanh([x, h]·W + b)} of a single {@code Linear(in + hidden, hidden)},
   * initialised as that layer in PyTorch (uniform on {@code ±1/√(in + hidden)}, one bias): {@code
   * W_ih} and {@code W_hh} are the rows of {@code W} for {@code x} and for {@code h}.
   *
   * @param in the input width
   * @param hidden the state width
   * @param seed the seed of the initial weights
   * @return the cell, {@code [batch, in]} and {@code [batch, hidden]} to {@code [batch, hidden]}
   */
  public static RnnCell concatenated(int in, int hidden, long seed) {
    Linear.checkSize("hidden", hidden);
    return new RnnCell(in, hidden, seed, 1 / Math.sqrt(Linear.checkSize("in", in) + hidden), false);
  }

  /**
   * A cell with the given tensors as parameters.
   *
   * @param weightIh {@code [in, hidden]}
   * @param weightHh {@code [hidden, hidden]}
   * @param biasIh {@code [hidden]}
   * @param biasHh {@code [hidden]} or {@code null}
   */
  public RnnCell(Tensor weightIh, Tensor weightHh, Tensor biasIh, Tensor biasHh) {
    int hidden = weightHh.rank() == 2 ? weightHh.dim(0) : -1;
    if (weightIh.rank() != 2 || weightIh.dim(1) != hidden || weightHh.dim(1) != hidden || biasIh.rank() != 1
        || biasIh.dim(0) != hidden || (biasHh != null && (biasHh.rank() != 1 || biasHh.dim(0) != hidden))) {
      throw new IllegalArgumentException("an RNN cell needs weight_ih [in, hidden], weight_hh [hidden, hidden] and "
          + "biases [hidden], got " + java.util.Arrays.toString(weightIh.shape()) + ", "
          + java.util.Arrays.toString(weightHh.shape()) + ", " + java.util.Arrays.toString(biasIh.shape()));
    }
    this.weightIh = new Parameter("weight_ih", weightIh);
    this.weightHh = new Parameter("weight_hh", weightHh);
    this.biasIh = new Parameter("bias_ih", biasIh);
    this.biasHh = biasHh == null ? null : new Parameter("bias_hh", biasHh);
    this.activation = Activation.TANH;
  }

  @Override
  public int in() {
    return weightIh.value().dim(0);
  }

  @Override
  public int hidden() {
    return weightHh.value().dim(0);
  }

  /**
   * {@code W_ih}, shape {@code [in, hidden]}.
   *
   * @return the live input weight tensor
   */
  public Tensor weightIh() {
    return weightIh.value();
  }

  /**
   * {@code W_hh}, shape {@code [hidden, hidden]}.
   *
   * @return the live recurrent weight tensor
   */
  public Tensor weightHh() {
    return weightHh.value();
  }

  private Tensor bias() {
    return biasHh == null ? biasIh.value() : biasIh.value().add(biasHh.value());
  }

  @Override
  public Tensor step(Tensor x, Tensor h) {
    checkStep(x, h);
    return x.affine(weightIh.value(), bias(), Activation.IDENTITY)
        .add(h.affine(weightHh.value(), null, Activation.IDENTITY)).tanh();
  }

  /** Every state, the whole sequence run as one fused operation ({@link Tensor#recurrence}). */
  @Override
  public Tensor sequence(Tensor xs, Tensor h0, boolean backwards) {
    checkSequence(xs, h0);
    return Tensor.recurrence(xs, weightIh.value(), bias(), weightHh.value(), h0, activation, backwards);
  }

  /** The final state, as one fused operation that keeps no output per step ({@link Tensor#recurrenceLast}). */
  @Override
  public Tensor last(Tensor xs, Tensor h0, boolean backwards) {
    checkSequence(xs, h0);
    return Tensor.recurrenceLast(xs, weightIh.value(), bias(), weightHh.value(), h0, activation, backwards);
  }

  private void checkStep(Tensor x, Tensor h) {
    if (x.rank() != 2 || x.dim(1) != in() || h.rank() != 2 || h.dim(1) != hidden() || h.dim(0) != x.dim(0)) {
      throw new IllegalArgumentException("a step of " + this + " needs x [batch, " + in() + "] and h [batch, "
          + hidden() + "], got x " + java.util.Arrays.toString(x.shape()) + " and h "
          + java.util.Arrays.toString(h.shape()));
    }
  }

  @Override
  public List<Parameter> parameters() {
    List<Parameter> all = new ArrayList<>(List.of(weightIh, weightHh, biasIh));
    if (biasHh != null) {
      all.add(biasHh);
    }
    return all;
  }

  @Override
  public String toString() {
    return "RnnCell(" + in() + " -> " + hidden() + ")";
  }
}
