package org.nodelab.tensor;

/**
 * Average, maximum and global average pooling over the last two axes of {@code [N, C, H, W]}, as
 * PyTorch's {@code avg_pool2d}, {@code max_pool2d} (no padding, output {@code ⌊(H−k)/s⌋+1}) and
 * {@code adaptive_avg_pool2d(x, 1)} flattened to {@code [N, C]}.
 */
final class Pooling {
  private Pooling() {}

  static Tensor avgPool2d(Tensor x, int kernel, int stride) {
    int[] s = window("avgPool2d", x, kernel, stride);
    int planes = s[0] * s[1];
    int h = s[2];
    int w = s[3];
    int ho = (h - kernel) / stride + 1;
    int wo = (w - kernel) / stride + 1;
    double scale = 1.0 / (kernel * kernel);
    double[] xd = x.data();
    double[] y = new double[planes * ho * wo];
    for (int pl = 0; pl < planes; pl++) {
      for (int i = 0; i < ho; i++) {
        for (int j = 0; j < wo; j++) {
          double sum = 0;
          for (int u = 0; u < kernel; u++) {
            int row = pl * h * w + (i * stride + u) * w + j * stride;
            for (int v = 0; v < kernel; v++) {
              sum += xd[row + v];
            }
          }
          y[(pl * ho + i) * wo + j] = sum * scale;
        }
      }
    }
    Tensor out = Tensor.result(y, new int[] {s[0], s[1], ho, wo});
    if (!Tensor.recording(x)) {
      return out;
    }
    return out.record("avgPool2d", new Tensor[] {x}, (g, sink) -> {
      double[] gx = sink.of(x);
      for (int pl = 0; pl < planes; pl++) {
        for (int i = 0; i < ho; i++) {
          for (int j = 0; j < wo; j++) {
            double gv = g[(pl * ho + i) * wo + j] * scale;
            for (int u = 0; u < kernel; u++) {
              int row = pl * h * w + (i * stride + u) * w + j * stride;
              for (int v = 0; v < kernel; v++) {
                gx[row + v] += gv;
              }
            }
          }
        }
      }
    }, (g, wanted) -> new Tensor[] {
        Derivatives.linearAdjoint("avgPool2dAdjoint", t -> avgPool2d(t, kernel, stride), g, x.shapeRef())});
  }

  static Tensor maxPool2d(Tensor x, int kernel, int stride) {
    int[] s = window("maxPool2d", x, kernel, stride);
    int planes = s[0] * s[1];
    int h = s[2];
    int w = s[3];
    int ho = (h - kernel) / stride + 1;
    int wo = (w - kernel) / stride + 1;
    double[] xd = x.data();
    double[] y = new double[planes * ho * wo];
    int[] argmax = new int[y.length];
    for (int pl = 0; pl < planes; pl++) {
      for (int i = 0; i < ho; i++) {
        for (int j = 0; j < wo; j++) {
          int best = -1;
          double max = Double.NEGATIVE_INFINITY;
          for (int u = 0; u < kernel; u++) {
            int row = pl * h * w + (i * stride + u) * w + j * stride;
            for (int v = 0; v < kernel; v++) {
              double value = xd[row + v];
              if (best < 0 || value > max || Double.isNaN(value)) {
                best = row + v;
                max = value;
              }
            }
          }
          int at = (pl * ho + i) * wo + j;
          y[at] = max;
          argmax[at] = best;
        }
      }
    }
    Tensor out = Tensor.result(y, new int[] {s[0], s[1], ho, wo});
    if (!Tensor.recording(x)) {
      return out;
    }
    return out.record("maxPool2d", new Tensor[] {x}, (g, sink) -> {
      double[] gx = sink.of(x);
      for (int i = 0; i < g.length; i++) {
        gx[argmax[i]] += g[i];
      }
    }, (g, wanted) -> new Tensor[] {Derivatives.scatter(g, argmax, x.shapeRef())});
  }

  static Tensor globalAvgPool(Tensor x) {
    int[] xs = x.shapeRef();
    if (xs.length != 4) {
      throw new IllegalArgumentException("globalAvgPool: input must be [N, C, H, W], got " + Shapes.str(xs));
    }
    int planes = xs[0] * xs[1];
    int pixels = xs[2] * xs[3];
    double scale = 1.0 / pixels;
    double[] xd = x.data();
    double[] y = new double[planes];
    for (int pl = 0; pl < planes; pl++) {
      double sum = 0;
      for (int p = 0; p < pixels; p++) {
        sum += xd[pl * pixels + p];
      }
      y[pl] = sum * scale;
    }
    Tensor out = Tensor.result(y, new int[] {xs[0], xs[1]});
    if (!Tensor.recording(x)) {
      return out;
    }
    return out.record("globalAvgPool", new Tensor[] {x}, (g, sink) -> {
      double[] gx = sink.of(x);
      for (int pl = 0; pl < planes; pl++) {
        double gv = g[pl] * scale;
        for (int p = 0; p < pixels; p++) {
          gx[pl * pixels + p] += gv;
        }
      }
    }, (g, wanted) -> new Tensor[] {Derivatives.broadcastTo(g.reshape(xs[0], xs[1], 1, 1).mul(scale), xs)});
  }

  private static int[] window(String op, Tensor x, int kernel, int stride) {
    int[] xs = x.shapeRef();
    if (xs.length != 4) {
      throw new IllegalArgumentException(op + ": input must be [N, C, H, W], got " + Shapes.str(xs));
    }
    if (kernel < 1 || stride < 1) {
      throw new IllegalArgumentException(
          op + ": kernel and stride must be at least 1, got kernel " + kernel + " and stride " + stride);
    }
    if (kernel > xs[2] || kernel > xs[3]) {
      throw new IllegalArgumentException(op + ": kernel " + kernel + " is larger than the input " + Shapes.str(xs));
    }
    return xs;
  }
}
