package org.nodelab.model;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.nodelab.nn.Init;
import org.nodelab.nn.Parameter;
import org.nodelab.tensor.Activation;
import org.nodelab.tensor.Tensor;

/**
 * The time-dependent field of torchdiffeq's {@code cnf.py} (after Chen et al. 2018, §4): a
 * hypernetwork {@code t → 1-hidden-hidden-(3·width·dim + width)} (tanh between layers) gives, at
 * each time, weights {@code W [dim, width]}, biases {@code B [width]}, and {@code U = U' ⊙ σ(G)}
 * {@code [width, dim]}, and {@code f(t, z) = tanh(zW + B)·U / width} (the mean over the width of
 * rank-one units). Layers initialised as PyTorch's {@code nn.Linear} (uniform on {@code ±1/√in}).
 * Its divergence in closed form: {@code tr(∂f/∂z) = Σ_k (1 − h_k²)·c_k / width} with {@code h =
 * tanh(zW + B)} and {@code c_k = Σ_i W_ik U_ki}.
 */
public final class HyperNetworkField implements ParametrisedField, DivergenceField {
  private final int dim;
  private final int width;
  private final Tensor w1;
  private final Tensor b1;
  private final Tensor w2;
  private final Tensor b2;
  private final Tensor w3;
  private final Tensor b3;

  /**
   * A new field.
   *
   * @param dim the state dimension
   * @param hidden the hypernetwork's hidden width (cnf.py: 32)
   * @param width the number of units of the field (cnf.py: 64)
   * @param seed seed of the initialisation
   */
  public HyperNetworkField(int dim, int hidden, int width, long seed) {
    if (dim < 1 || hidden < 1 || width < 1) {
      throw new IllegalArgumentException("dim, hidden and width must be positive, got " + dim + ", " + hidden + ", " + width);
    }
    this.dim = dim;
    this.width = width;
    SplittableRandom seeds = new SplittableRandom(seed);
    int out = 3 * width * dim + width;
    w1 = Init.pytorchDefault(1, seeds.nextLong(), 1, hidden).requiresGrad();
    b1 = Init.pytorchDefault(1, seeds.nextLong(), hidden).requiresGrad();
    w2 = Init.pytorchDefault(hidden, seeds.nextLong(), hidden, hidden).requiresGrad();
    b2 = Init.pytorchDefault(hidden, seeds.nextLong(), hidden).requiresGrad();
    w3 = Init.pytorchDefault(hidden, seeds.nextLong(), hidden, out).requiresGrad();
    b3 = Init.pytorchDefault(hidden, seeds.nextLong(), out).requiresGrad();
  }

  @Override
  public Tensor apply(double t, Tensor z) {
    return evaluate(t, z, false)[0];
  }

  @Override
  public Tensor[] withDivergence(double t, Tensor z) {
    Tensor both = columns(t, z);
    return new Tensor[] {both.slice(1, 0, dim), both.slice(1, dim, dim + 1)};
  }

  @Override
  public Tensor columns(double t, Tensor z) {
    return evaluate(t, z, true)[0];
  }

  private Tensor[] evaluate(double t, Tensor z, boolean divergence) {
    if (z.rank() != 2 || z.dim(1) != dim) {
      throw new IllegalArgumentException(
          "the field takes states [batch, " + dim + "], got " + java.util.Arrays.toString(z.shape()));
    }
    Tensor params = Tensor.of(new double[] {t}, 1, 1)
        .affine(w1, b1, Activation.TANH)
        .affine(w2, b2, Activation.TANH)
        .affine(w3, b3, Activation.IDENTITY)
        .reshape(-1);
    int block = width * dim;
    Tensor weights = params.slice(0, 0, block).reshape(width, dim).transpose();
    Tensor gate = params.slice(0, 2 * block, 3 * block).reshape(width, dim).sigmoid();
    Tensor out = params.slice(0, block, 2 * block).reshape(width, dim).mul(gate);
    Tensor bias = params.slice(0, 3 * block, 3 * block + width);
    if (!divergence) {
      return new Tensor[] {z.affine(weights, bias, Activation.TANH).matmul(out).mul(1.0 / width)};
    }
    Tensor c = weights.transpose().mul(out).sum(1, false);
    return new Tensor[] {Tensor.rankOneUnits(z, weights, bias, out, c, 1.0 / width)};
  }

  @Override
  public List<Parameter> parameters() {
    List<Parameter> list = new ArrayList<>();
    list.add(new Parameter("fc1.weight", w1));
    list.add(new Parameter("fc1.bias", b1));
    list.add(new Parameter("fc2.weight", w2));
    list.add(new Parameter("fc2.bias", b2));
    list.add(new Parameter("fc3.weight", w3));
    list.add(new Parameter("fc3.bias", b3));
    return list;
  }

  @Override
  public String toString() {
    return "HyperNetworkField(dim " + dim + ", width " + width + ")";
  }
}
