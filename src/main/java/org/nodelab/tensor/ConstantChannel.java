package org.nodelab.tensor;

import java.util.List;

/**
 * The convolution of {@code [c·1, x]}, a constant plane placed before the channels of {@code x}
 * (torchdiffeq's {@code ConcatConv2d} with c the time), without building that input: the
 * convolution of {@code x} with the weight's other channels, plus {@code c·M} where {@code M[o, i,
 * j]} sums the constant channel's taps {@code w[o, 0, u, v]} that fall inside the image at output
 * pixel (i, j) (the zero padding leaves the others out). Its backward pass adds {@code c·Σ_n
 * g[n, o, i, j]} over the same taps to the constant channel's weights.
 */
final class ConstantChannel {
  private ConstantChannel() {}

  static Tensor conv2d(Tensor x, Tensor weight, Tensor bias, double value, int stride, int padding) {
    Tensor.nonNull(x, "input");
    Tensor.nonNull(weight, "weight");
    int[] xs = x.shapeRef();
    int[] ws = weight.shapeRef();
    if (xs.length != 4) {
      throw new IllegalArgumentException("conv2d with a constant channel: input must be [N, C, H, W], got "
          + Shapes.str(xs));
    }
    if (ws.length != 4 || ws[1] != xs[1] + 1 || ws[2] != ws[3]) {
      throw new IllegalArgumentException("conv2d with a constant channel: weight " + Shapes.str(ws)
          + " does not fit input " + Shapes.str(xs) + " (expected [O, " + (xs[1] + 1) + ", k, k])");
    }
    Tensor rest = weight.slice(1, 1, ws[1]);
    Tensor convolved = x.conv2d(rest, bias, stride, padding);
    int[] ys = convolved.shapeRef();
    Taps taps = new Taps(ws[0], ws[1], ws[2], xs[2], xs[3], ys[2], ys[3], stride, padding);
    double[] wd = weight.data();
    double[] plane = taps.plane(wd, value);
    // The convolution's output never leaves this operation (its tape entry's backward pass does not
    // read it), so it is completed in place rather than copied.
    double[] y = convolved.data();
    int pixels = taps.pixels();
    for (int n = 0; n < ys[0]; n++) {
      for (int o = 0; o < taps.o(); o++) {
        int off = (n * taps.o() + o) * pixels;
        for (int p = 0; p < pixels; p++) {
          y[off + p] += plane[o * pixels + p];
        }
      }
    }
    Tensor out = Tensor.result(y, ys.clone());
    if (!Tensor.recording(convolved, weight)) {
      return out;
    }
    return out.record("constantChannel", new Tensor[] {convolved, weight}, (g, s) -> {
      s.add(convolved, 1, g);
      double[] gw = s.of(weight);
      if (gw != null) {
        taps.weightGradient(g, ys[0], value, gw);
      }
    }, (g, wanted) -> recordedGradients(convolved, weight, value, stride, padding, xs, g));
  }

  /** The geometry of the constant channel's taps. */
  private record Taps(int o, int c, int k, int h, int w, int ho, int wo, int stride, int pad) {
    int pixels() {
      return ho * wo;
    }

    /** {@code value·M[o, i, j]}: the constant channel's contribution to each output pixel. */
    double[] plane(double[] wd, double value) {
      double[] m = new double[o * pixels()];
      for (int oo = 0; oo < o; oo++) {
        for (int i = 0; i < ho; i++) {
          for (int j = 0; j < wo; j++) {
            double sum = 0;
            for (int u = 0; u < k; u++) {
              int r = i * stride - pad + u;
              if (r < 0 || r >= h) {
                continue;
              }
              for (int v = 0; v < k; v++) {
                int col = j * stride - pad + v;
                if (col >= 0 && col < w) {
                  sum += wd[((oo * c) * k + u) * k + v];
                }
              }
            }
            m[(oo * ho + i) * wo + j] = value * sum;
          }
        }
      }
      return m;
    }

    /** {@code gw[o, 0, u, v] += value·Σ g[n, o, i, j]} over the samples and the pixels that tap (u, v) reaches. */
    void weightGradient(double[] g, int n, double value, double[] gw) {
      int pixels = pixels();
      double[] summed = new double[o * pixels];
      for (int s = 0; s < n; s++) {
        for (int oo = 0; oo < o; oo++) {
          int off = (s * o + oo) * pixels;
          for (int p = 0; p < pixels; p++) {
            summed[oo * pixels + p] += g[off + p];
          }
        }
      }
      for (int oo = 0; oo < o; oo++) {
        for (int u = 0; u < k; u++) {
          for (int v = 0; v < k; v++) {
            double sum = 0;
            for (int i = 0; i < ho; i++) {
              int r = i * stride - pad + u;
              if (r < 0 || r >= h) {
                continue;
              }
              for (int j = 0; j < wo; j++) {
                int col = j * stride - pad + v;
                if (col >= 0 && col < w) {
                  sum += summed[(oo * ho + i) * wo + j];
                }
              }
            }
            gw[((oo * c) * k + u) * k + v] += value * sum;
          }
        }
      }
    }
  }

  /** The gradients as tensor operations: {@code g} for the convolution, the constant plane's convolution for the weight. */
  private static Tensor[] recordedGradients(Tensor convolved, Tensor weight, double value, int stride, int padding,
      int[] xs, Tensor g) {
    Tensor constant = Tensor.full(value, 1, 1, xs[2], xs[3]);
    Tensor sum = convolved.add(constant.conv2d(weight.slice(1, 0, 1), null, stride, padding));
    List<Tensor> grads = Tensor.partials(sum, g, List.of(convolved, weight));
    return new Tensor[] {grads.get(0), grads.get(1)};
  }
}
