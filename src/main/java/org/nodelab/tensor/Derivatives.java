package org.nodelab.tensor;

/**
 * Building blocks of the differentiable backward passes: summing a broadcast gradient back to an
 * operand's shape and the reverse, the activation-gradient step as one operation, and the
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

  /**
   * {@code g ⊙ σ'(x)} in one operation, from the activation's output {@code y = σ(x)}: the step of a
   * backward pass through an activation, as a recorded operation (for gradients of gradients). Its
   * own gradients are {@code u ⊙ σ'} for {@code g} and {@code u ⊙ g ⊙ dσ'/dy} for {@code y}.
   */
  static Tensor activationGradient(Activation act, Tensor y, Tensor g) {
    if (act == Activation.IDENTITY) {
      return g;
    }
    double[] yd = y.data();
    double[] gd = g.data();
    double[] out = new double[gd.length];
    Kernels.activationGrad(act, yd, gd, out, 0, out.length);
    Tensor result = Tensor.result(out, g.shapeRef().clone());
    if (!Tensor.recording(y, g)) {
      return result;
    }
    return result.record("activationGradient", new Tensor[] {y, g}, (u, s) -> {
      double[] gy = s.of(y);
      double[] gg = s.of(g);
      if (gg != null) {
        double[] t = s.temporary(u.length);
        Kernels.activationGrad(act, yd, u, t, 0, u.length);
        Kernels.axpy(1, t, gg);
        s.recycle(t);
      }
      if (gy != null) {
        for (int i = 0; i < u.length; i++) {
          gy[i] += u[i] * gd[i] * slope(act, yd[i]);
        }
      }
    }, (u, wanted) -> new Tensor[] {
        wanted[0] ? u.mul(g).mul(slopes(act, y)) : null,
        wanted[1] ? activationGradient(act, y, u) : null});
  }

  /** {@code d σ'(x) / d y} as a function of {@code y = σ(x)}. */
  private static double slope(Activation act, double y) {
    switch (act) {
      case TANH:
        return -2 * y;
      case SIGMOID:
        return 1 - 2 * y;
      case SOFTPLUS:
        return Math.exp(-y);
      case ELU:
        return y > 0 ? 0 : 1;
      default:
        return 0;
    }
  }

  /** {@link #slope} as a tensor, differentiable in {@code y}. */
  private static Tensor slopes(Activation act, Tensor y) {
    switch (act) {
      case TANH:
        return y.mul(-2);
      case SIGMOID:
        return y.mul(-2).add(1);
      case SOFTPLUS:
        return y.neg().exp();
      case ELU:
        return positive(y).neg().add(1);
      default:
        return Tensor.zeros(y.shapeRef());
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
    }, (g, wanted) -> new Tensor[] {scatter(g, index, xShape)});
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
    }, (u, wanted) -> new Tensor[] {gather(u, index, gShape)});
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
    }, (u, wanted) -> new Tensor[] {linear.apply(u)});
  }
}
