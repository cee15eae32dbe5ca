package org.nodelab.tensor;

/**
 * Building blocks of the differentiable backward passes: summing a broadcast gradient back to an
 * operand's shape and the reverse, activation derivatives from the activation's output, and the
 * gather/scatter pair behind maxima (each the other's adjoint).
 */
final class Derivatives {
  private Derivatives() {}

  /** {@code g} summed over the axes along which a tensor of {@code shape} was broadcast to {@code g}'s shape. */
  static Tensor sumTo(Tensor g, int[] shape) {
    Tensor t = g;
    while (t.rank() > shape.length) {
      t = t.sum(0, false);
    }
    for (int i = 0; i < shape.length; i++) {
      if (shape[i] == 1 && t.shapeRef()[i] != 1) {
        t = t.sum(i, true);
      }
    }
    return t;
  }

  /** {@code g} broadcast to {@code shape} (its backward sums back). */
  static Tensor broadcastTo(Tensor g, int[] shape) {
    if (java.util.Arrays.equals(g.shapeRef(), shape)) {
      return g;
    }
    return g.add(Tensor.zeros(shape));
  }

  /** {@code σ'(x)} as a tensor of the activation's output {@code y = σ(x)}, differentiable in {@code y}. */
  static Tensor activation(Activation act, Tensor y) {
    switch (act) {
      case IDENTITY:
        return Tensor.ones(y.shapeRef());
      case TANH:
        return y.square().neg().add(1);
      case SIGMOID:
        return y.mul(y.neg().add(1));
      case RELU:
        return positive(y);
      case SOFTPLUS:
        return y.neg().exp().neg().add(1);
      case ELU: {
        Tensor mask = positive(y);
        return y.add(1).mul(mask.neg().add(1)).add(mask);
      }
      default:
        throw new AssertionError(act);
    }
  }

  /** A constant: 1 where {@code y > 0}, else 0. */
  private static Tensor positive(Tensor y) {
    double[] v = y.data();
    double[] m = new double[v.length];
    for (int i = 0; i < m.length; i++) {
      m[i] = v[i] > 0 ? 1 : 0;
    }
    return Tensor.result(m, y.shapeRef().clone());
  }

  /** {@code out[i] = x[index[i]]} for a flat {@code index}, shaped {@code shape}; adjoint of {@link #scatter}. */
  static Tensor gather(Tensor x, int[] index, int[] shape) {
    double[] xd = x.data();
    double[] y = new double[index.length];
    for (int i = 0; i < y.length; i++) {
      y[i] = xd[index[i]];
    }
    Tensor out = Tensor.result(y, shape.clone());
    if (!Tensor.recording(x)) {
      return out;
    }
    int[] xShape = x.shapeRef().clone();
    return out.record("gather", new Tensor[] {x}, (g, s) -> {
      double[] gx = s.of(x);
      for (int i = 0; i < index.length; i++) {
        gx[index[i]] += g[i];
      }
    }, g -> new Tensor[] {scatter(g, index, xShape)});
  }

  /** A zero tensor of {@code shape} with {@code g[i]} added at flat position {@code index[i]}; adjoint of {@link #gather}. */
  static Tensor scatter(Tensor g, int[] index, int[] shape) {
    double[] gd = g.data();
    double[] y = new double[Shapes.size(shape)];
    for (int i = 0; i < index.length; i++) {
      y[index[i]] += gd[i];
    }
    Tensor out = Tensor.result(y, shape.clone());
    if (!Tensor.recording(g)) {
      return out;
    }
    int[] gShape = g.shapeRef().clone();
    return out.record("scatter", new Tensor[] {g}, (u, s) -> {
      double[] gg = s.of(g);
      for (int i = 0; i < index.length; i++) {
        gg[i] += u[index[i]];
      }
    }, u -> new Tensor[] {gather(u, index, gShape)});
  }

  /**
   * {@code Lᵀ·g} for a linear map {@code L} from tensors of {@code inShape}, computed by one
   * first-order backward pass through {@code L} at zero; recorded with {@code L} itself as its
   * backward (the adjoint of the adjoint), so it can be differentiated to any order.
   */
  static Tensor linearAdjoint(String op, java.util.function.UnaryOperator<Tensor> linear, Tensor g, int[] inShape) {
    Tensor value;
    try (NoGrad on = NoGrad.enable()) {
      Tensor probe = Tensor.zeros(inShape).requiresGrad();
      value = Tensor.gradients(linear.apply(probe), g.detach(), java.util.List.of(probe)).get(0);
    }
    Tensor out = Tensor.result(value.data(), inShape.clone());
    if (!Tensor.recording(g)) {
      return out;
    }
    return out.record(op, new Tensor[] {g}, (u, s) -> {
      Tensor image;
      try (NoGrad off = new NoGrad()) {
        image = linear.apply(Tensor.result(u, inShape.clone()));
      }
      Kernels.scatterAdd(image.data(), null, s.of(g));
    }, u -> new Tensor[] {linear.apply(u)});
  }
}
