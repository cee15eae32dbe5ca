package org.nodelab.tensor;

/** Reductions (sum, mean, max, argmax) and softmax along an axis, with backward passes. */
final class Reductions {
  private Reductions() {}

  static Tensor sumAll(Tensor a, double scale) {
    double[] x = a.data();
    double s = 0;
    for (double v : x) {
      s += v;
    }
    Tensor out = Tensor.result(new double[] {s * scale}, new int[0]);
    if (!Tensor.recording(a)) {
      return out;
    }
    return out.record(scale == 1 ? "sum" : "mean", new Tensor[] {a}, (g, sink) -> {
      double[] gx = sink.of(a);
      double v = g[0] * scale;
      for (int i = 0; i < gx.length; i++) {
        gx[i] += v;
      }
    }, (g, wanted) -> new Tensor[] {Derivatives.broadcastTo(scale == 1 ? g : g.mul(scale), a.shapeRef())});
  }

  static Tensor sum(Tensor a, int axis, boolean keepDims, double scale) {
    int[] src = a.shapeRef();
    int ax = Shapes.axis(axis, src.length, scale == 1 ? "sum" : "mean");
    int outer = Shapes.product(src, 0, ax);
    int len = src[ax];
    int inner = Shapes.product(src, ax + 1, src.length);
    double[] x = a.data();
    double[] y = new double[outer * inner];
    for (int o = 0; o < outer; o++) {
      for (int k = 0; k < len; k++) {
        int base = (o * len + k) * inner;
        for (int i = 0; i < inner; i++) {
          y[o * inner + i] += x[base + i];
        }
      }
    }
    if (scale != 1) {
      for (int i = 0; i < y.length; i++) {
        y[i] *= scale;
      }
    }
    Tensor out = Tensor.result(y, reducedShape(src, ax, keepDims));
    if (!Tensor.recording(a)) {
      return out;
    }
    return out.record(scale == 1 ? "sum" : "mean", new Tensor[] {a}, (g, s) -> {
      double[] gx = s.of(a);
      for (int o = 0; o < outer; o++) {
        for (int k = 0; k < len; k++) {
          int base = (o * len + k) * inner;
          for (int i = 0; i < inner; i++) {
            gx[base + i] += g[o * inner + i] * scale;
          }
        }
      }
    }, (g, wanted) -> {
      Tensor kept = g.reshape(reducedShape(src, ax, true));
      return new Tensor[] {Derivatives.broadcastTo(scale == 1 ? kept : kept.mul(scale), src)};
    });
  }

  static Tensor max(Tensor a, int axis, boolean keepDims) {
    int[] src = a.shapeRef();
    int ax = Shapes.axis(axis, src.length, "max");
    int[] where = argmaxIndices(a, ax);
    double[] x = a.data();
    double[] y = new double[where.length];
    for (int i = 0; i < y.length; i++) {
      y[i] = x[where[i]];
    }
    Tensor out = Tensor.result(y, reducedShape(src, ax, keepDims));
    if (!Tensor.recording(a)) {
      return out;
    }
    return out.record("max", new Tensor[] {a}, (g, s) -> {
      double[] gx = s.of(a);
      for (int i = 0; i < where.length; i++) {
        gx[where[i]] += g[i];
      }
    }, (g, wanted) -> new Tensor[] {Derivatives.scatter(g, where, src)});
  }

  static Tensor argmax(Tensor a, int axis) {
    int[] src = a.shapeRef();
    int ax = Shapes.axis(axis, src.length, "argmax");
    int[] where = argmaxIndices(a, ax);
    int len = src[ax];
    int inner = Shapes.product(src, ax + 1, src.length);
    double[] y = new double[where.length];
    for (int i = 0; i < y.length; i++) {
      y[i] = (where[i] / inner) % len;
    }
    return Tensor.result(y, reducedShape(src, ax, false));
  }

  /** Flat index of the first maximum (NaN wins, as in PyTorch) of each slice along {@code ax}. */
  private static int[] argmaxIndices(Tensor a, int ax) {
    int[] src = a.shapeRef();
    int outer = Shapes.product(src, 0, ax);
    int len = src[ax];
    int inner = Shapes.product(src, ax + 1, src.length);
    if (len == 0) {
      throw new IllegalArgumentException("max/argmax along an empty axis of shape " + Shapes.str(src));
    }
    double[] x = a.data();
    int[] where = new int[outer * inner];
    for (int o = 0; o < outer; o++) {
      for (int i = 0; i < inner; i++) {
        int best = o * len * inner + i;
        for (int k = 1; k < len; k++) {
          int at = (o * len + k) * inner + i;
          if (x[at] > x[best] || (Double.isNaN(x[at]) && !Double.isNaN(x[best]))) {
            best = at;
          }
        }
        where[o * inner + i] = best;
      }
    }
    return where;
  }

  static Tensor softmax(Tensor a, int axis, boolean log) {
    int[] src = a.shapeRef();
    int ax = Shapes.axis(axis, src.length, log ? "logSoftmax" : "softmax");
    int outer = Shapes.product(src, 0, ax);
    int len = src[ax];
    int inner = Shapes.product(src, ax + 1, src.length);
    double[] x = a.data();
    double[] y = new double[x.length];
    double[] p = log ? new double[x.length] : y;
    for (int o = 0; o < outer; o++) {
      for (int i = 0; i < inner; i++) {
        int base = o * len * inner + i;
        double m = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < len; k++) {
          m = Math.max(m, x[base + k * inner]);
        }
        double z = 0;
        for (int k = 0; k < len; k++) {
          double e = Math.exp(x[base + k * inner] - m);
          p[base + k * inner] = e;
          z += e;
        }
        double logZ = Math.log(z);
        for (int k = 0; k < len; k++) {
          int at = base + k * inner;
          p[at] /= z;
          if (log) {
            y[at] = x[at] - m - logZ;
          }
        }
      }
    }
    Tensor out = Tensor.result(y, src.clone());
    if (!Tensor.recording(a)) {
      return out;
    }
    return out.record(log ? "logSoftmax" : "softmax", new Tensor[] {a}, (g, s) -> {
      double[] gx = s.of(a);
      for (int o = 0; o < outer; o++) {
        for (int i = 0; i < inner; i++) {
          int base = o * len * inner + i;
          double dot = 0;
          for (int k = 0; k < len; k++) {
            int at = base + k * inner;
            dot += log ? g[at] : g[at] * p[at];
          }
          for (int k = 0; k < len; k++) {
            int at = base + k * inner;
            gx[at] += log ? g[at] - p[at] * dot : p[at] * (g[at] - dot);
          }
        }
      }
    }, (g, wanted) -> {
      if (log) {
        return new Tensor[] {g.sub(out.exp().mul(g.sum(ax, true)))};
      }
      return new Tensor[] {out.mul(g.sub(g.mul(out).sum(ax, true)))};
    });
  }

  private static int[] reducedShape(int[] src, int ax, boolean keepDims) {
    if (keepDims) {
      int[] s = src.clone();
      s[ax] = 1;
      return s;
    }
    int[] s = new int[src.length - 1];
    for (int i = 0, j = 0; i < src.length; i++) {
      if (i != ax) {
        s[j++] = src[i];
      }
    }
    return s;
  }
}
