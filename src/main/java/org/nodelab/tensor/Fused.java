package org.nodelab.tensor;

import java.util.Arrays;

/** Fused operations of the neural-ODE hot path, each with a hand-written backward pass. */
final class Fused {
  private Fused() {}

  static Tensor affine(Tensor x, Tensor weight, Tensor bias, Activation act) {
    Tensor.nonNull(weight, "weight");
    java.util.Objects.requireNonNull(act, "activation");
    int[] ws = weight.shapeRef();
    int[] xs = x.shapeRef();
    if (ws.length != 2 || xs.length == 0 || xs[xs.length - 1] != ws[0]) {
      throw new IllegalArgumentException(
          "affine: input " + Shapes.str(xs) + " does not match weight " + Shapes.str(ws)
              + " (expected input [..., " + (ws.length == 2 ? ws[0] : "in") + "] and weight [in, out])");
    }
    int in = ws[0];
    int out = ws[1];
    if (bias != null && (bias.rank() != 1 || bias.size() != out)) {
      throw new IllegalArgumentException(
          "affine: bias " + Shapes.str(bias.shapeRef()) + " does not match weight " + Shapes.str(ws)
              + " (expected [" + out + "])");
    }
    int rows = x.size() / Math.max(in, 1);
    if (in == 0) {
      rows = Shapes.product(xs, 0, xs.length - 1);
    }
    double[] y = new double[rows * out];
    double[] xd = x.data();
    double[] wd = weight.data();
    double[] bd = bias == null ? null : bias.data();
    Kernels.affine(xd, wd, bd, act, y, rows, in, out);
    int[] shape = xs.clone();
    shape[shape.length - 1] = out;
    Tensor result = Tensor.result(y, shape);
    if (!Tensor.recording(x, weight, bias)) {
      return result;
    }
    final int n = rows;
    return result.record("affine", new Tensor[] {x, weight, bias}, (g, s) -> {
      double[] gz = g;
      if (act != Activation.IDENTITY) {
        gz = s.temporary(g.length);
        Kernels.activationGradRows(act, y, g, gz, n, out);
      }
      double[] gx = s.of(x);
      if (gx != null) {
        Kernels.matmulGradA(gz, 0, wd, 0, gx, 0, n, in, out);
      }
      double[] gw = s.of(weight);
      if (gw != null) {
        Kernels.matmulGradB(xd, 0, gz, 0, gw, 0, n, in, out);
      }
      double[] gb = bias == null ? null : s.of(bias);
      if (gb != null) {
        Kernels.sumRowsInto(gz, gb, n, out);
      }
      if (gz != g) {
        s.recycle(gz);
      }
    }, (g, wanted) -> affineGradients(x, weight, bias, act, result, g, wanted));
  }

  /** The gradients of {@code σ(x·W + b)} as tensor operations. */
  static Tensor[] affineGradients(Tensor x, Tensor weight, Tensor bias, Activation act, Tensor y, Tensor g,
      boolean[] wanted) {
    Tensor gz = Derivatives.activationGradient(act, y, g);
    int in = weight.shapeRef()[0];
    int out = weight.shapeRef()[1];
    Tensor gx = wanted[0] ? gz.matmul(weight.transpose()) : null;
    Tensor gz2 = gz.reshape(-1, out);
    Tensor gw = wanted[1] ? x.reshape(-1, in).transpose().matmul(gz2) : null;
    Tensor gb = wanted[2] ? gz2.sum(0, false) : null;
    return new Tensor[] {gx, gw, gb};
  }

  static Tensor combine(Tensor base, double[] weights, Tensor[] terms) {
    if (weights.length > terms.length) {
      throw new IllegalArgumentException(
          "combine: " + weights.length + " weights but only " + terms.length + " terms");
    }
    int[] shape = base == null ? null : base.shapeRef();
    int used = 0;
    for (int j = 0; j < weights.length; j++) {
      if (weights[j] == 0) {
        continue;
      }
      Tensor t = terms[j];
      if (t == null) {
        throw new IllegalArgumentException("combine: term " + j + " is null but its weight is " + weights[j]);
      }
      if (shape == null) {
        shape = t.shapeRef();
      } else if (!Arrays.equals(shape, t.shapeRef())) {
        throw new IllegalArgumentException(
            "combine: term " + j + " has shape " + Shapes.str(t.shapeRef()) + ", expected " + Shapes.str(shape));
      }
      used++;
    }
    if (shape == null) {
      throw new IllegalArgumentException("combine: no base and no term with a non-zero weight");
    }
    Tensor[] parents = new Tensor[used + 1];
    double[] w = new double[used + 1];
    double[][] data = new double[used][];
    parents[0] = base;
    w[0] = 1;
    for (int j = 0, k = 1; j < weights.length; j++) {
      if (weights[j] != 0) {
        parents[k] = terms[j];
        data[k - 1] = terms[j].data();
        w[k++] = weights[j];
      }
    }
    double[] z = new double[Shapes.size(shape)];
    Kernels.combine(base == null ? null : base.data(), Arrays.copyOfRange(w, 1, w.length), data, z);
    Tensor out = Tensor.result(z, shape.clone());
    if (!Tensor.recording(parents)) {
      return out;
    }
    return out.record("combine", parents, (g, s) -> {
      for (int k = 0; k < parents.length; k++) {
        if (parents[k] != null) {
          s.add(parents[k], w[k], g);
        }
      }
    }, (g, wanted) -> {
      Tensor[] grads = new Tensor[parents.length];
      for (int k = 0; k < parents.length; k++) {
        if (wanted[k]) {
          grads[k] = w[k] == 1 ? g : g.mul(w[k]);
        }
      }
      return grads;
    });
  }
}
