package org.nodelab.nn;

import java.util.List;
import java.util.SplittableRandom;
import org.nodelab.tensor.Activation;
import org.nodelab.tensor.Tensor;

/**
 * PyTorch's {@code nn.GRUCell} (Cho et al. 2014): with {@code gᵢ = x·W_ih + b_ih} and {@code gₕ =
 * h·W_hh + b_hh}, each split in thirds (r, z, n),
 * {@code r = σ(gᵢʳ + gₕʳ)}, {@code z = σ(gᵢᶻ + gₕᶻ)}, {@code n = tanh(gᵢⁿ + r ⊙ gₕⁿ)},
 * {@code h' = (1 − z) ⊙ n + z ⊙ h}. Weights are stored {@code [in, 3·hidden]} and
 * {@code [hidden, 3·hidden]} (the transpose of PyTorch's layout), every parameter uniform on
 * {@code ±1/√hidden} as PyTorch initialises it.
 */
public final class GruCell implements RecurrentCell {
  private final Parameter weightIh;
  private final Parameter weightHh;
  private final Parameter biasIh;
  private final Parameter biasHh;

  /**
   * A cell initialised as PyTorch's {@code nn.GRUCell(in, hidden)}.
   *
   * @param in input features
   * @param hidden hidden features
   * @param seed seed of the initialisation
   */
  public GruCell(int in, int hidden, long seed) {
    Linear.checkSize("in", in);
    double bound = 1 / Math.sqrt(Linear.checkSize("hidden", hidden));
    SplittableRandom seeds = new SplittableRandom(seed);
    this.weightIh = new Parameter("weight_ih", Init.uniform(bound, seeds.nextLong(), in, 3 * hidden));
    this.weightHh = new Parameter("weight_hh", Init.uniform(bound, seeds.nextLong(), hidden, 3 * hidden));
    this.biasIh = new Parameter("bias_ih", Init.uniform(bound, seeds.nextLong(), 3 * hidden));
    this.biasHh = new Parameter("bias_hh", Init.uniform(bound, seeds.nextLong(), 3 * hidden));
  }

  /**
   * A cell with the given tensors as parameters.
   *
   * @param weightIh {@code [in, 3·hidden]}, columns r, z, n
   * @param weightHh {@code [hidden, 3·hidden]}
   * @param biasIh {@code [3·hidden]}
   * @param biasHh {@code [3·hidden]}
   */
  public GruCell(Tensor weightIh, Tensor weightHh, Tensor biasIh, Tensor biasHh) {
    int h = weightHh.rank() == 2 ? weightHh.dim(0) : -1;
    if (weightIh.rank() != 2 || weightIh.dim(1) != 3 * h || weightHh.dim(1) != 3 * h || biasIh.rank() != 1
        || biasIh.dim(0) != 3 * h || biasHh.rank() != 1 || biasHh.dim(0) != 3 * h) {
      throw new IllegalArgumentException("a GRU cell needs weight_ih [in, 3·hidden], weight_hh [hidden, 3·hidden] "
          + "and biases [3·hidden], got " + java.util.Arrays.toString(weightIh.shape()) + ", "
          + java.util.Arrays.toString(weightHh.shape()) + ", " + java.util.Arrays.toString(biasIh.shape()) + ", "
          + java.util.Arrays.toString(biasHh.shape()));
    }
    this.weightIh = new Parameter("weight_ih", weightIh);
    this.weightHh = new Parameter("weight_hh", weightHh);
    this.biasIh = new Parameter("bias_ih", biasIh);
    this.biasHh = new Parameter("bias_hh", biasHh);
  }

  @Override
  public int in() {
    return weightIh.value().dim(0);
  }

  @Override
  public int hidden() {
    return weightHh.value().dim(0);
  }

  @Override
  public Tensor step(Tensor x, Tensor h) {
    int n = hidden();
    if (x.rank() != 2 || x.dim(1) != in() || h.rank() != 2 || h.dim(1) != n || h.dim(0) != x.dim(0)) {
      throw new IllegalArgumentException("a step of " + this + " needs x [batch, " + in() + "] and h [batch, " + n
          + "], got x " + java.util.Arrays.toString(x.shape()) + " and h " + java.util.Arrays.toString(h.shape()));
    }
    Tensor gi = x.affine(weightIh.value(), biasIh.value(), Activation.IDENTITY);
    Tensor gh = h.affine(weightHh.value(), biasHh.value(), Activation.IDENTITY);
    Tensor rz = gi.slice(1, 0, 2 * n).add(gh.slice(1, 0, 2 * n)).sigmoid();
    Tensor r = rz.slice(1, 0, n);
    Tensor z = rz.slice(1, n, 2 * n);
    Tensor candidate = gi.slice(1, 2 * n, 3 * n).add(r.mul(gh.slice(1, 2 * n, 3 * n))).tanh();
    return candidate.add(z.mul(h.sub(candidate)));
  }

  @Override
  public List<Parameter> parameters() {
    return List.of(weightIh, weightHh, biasIh, biasHh);
  }

  @Override
  public String toString() {
    return "GruCell(" + in() + " -> " + hidden() + ")";
  }
}
