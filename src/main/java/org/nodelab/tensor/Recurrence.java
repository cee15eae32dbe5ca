package org.nodelab.tensor;

/**
 * The Elman recurrence {@code h_t = σ(x_t·W_ih + b + h_{t−1}·W_hh)} over a whole sequence as one
 * taped operation: the forward loop keeps every state (in rows padded for the vector kernels), and
 * the backward pass runs back-propagation through time in one closure, accumulating the weight and
 * bias gradients step by step.
 */
final class Recurrence {
  private Recurrence() {}

  static Tensor run(Tensor x, Tensor weightIh, Tensor bias, Tensor weightHh, Tensor h0, Activation act,
      boolean reverse, boolean allStates) {
    Tensor.nonNull(x, "x");
    Tensor.nonNull(weightIh, "weightIh");
    Tensor.nonNull(weightHh, "weightHh");
    Tensor.nonNull(h0, "h0");
    java.util.Objects.requireNonNull(act, "activation");
    int[] xs = x.shapeRef();
    int[] wi = weightIh.shapeRef();
    int[] wh = weightHh.shapeRef();
    int[] hs = h0.shapeRef();
    boolean ok = xs.length == 3 && xs[0] >= 1 && wi.length == 2 && wi[0] == xs[2] && wh.length == 2 && wh[0] == wh[1]
        && wi[1] == wh[0] && hs.length == 2 && hs[0] == xs[1] && hs[1] == wh[0]
        && (bias == null || (bias.rank() == 1 && bias.size() == wh[0]));
    if (!ok) {
      throw new IllegalArgumentException("recurrence: expected x [steps >= 1, batch, in], weightIh [in, hidden], "
          + "bias [hidden] or null, weightHh [hidden, hidden] and h0 [batch, hidden], got x " + Shapes.str(xs)
          + ", weightIh " + Shapes.str(wi) + ", bias " + (bias == null ? "null" : Shapes.str(bias.shapeRef()))
          + ", weightHh " + Shapes.str(wh) + ", h0 " + Shapes.str(hs));
    }
    int steps = xs[0];
    int batch = xs[1];
    int in = xs[2];
    int hidden = wh[0];
    int width = RecurrenceKernels.width(hidden);
    int block = batch * width;
    double[] xd = x.data();
    double[] wIh = pad(weightIh.data(), in, hidden, width, false);
    double[] wHh = pad(weightHh.data(), hidden, hidden, width, false);
    double[] start = pad(h0.data(), batch, hidden, width, false);
    double[] b = bias == null ? null : bias.data();
    double[] y = new double[steps * block];
    for (int k = 0; k < steps; k++) {
      int t = reverse ? steps - 1 - k : k;
      int off = t * block;
      if (b != null) {
        for (int r = 0; r < batch; r++) {
          System.arraycopy(b, 0, y, off + r * width, hidden);
        }
      }
      RecurrenceKernels.rowsTimes(xd, t * batch * in, in, in, wIh, y, off, batch, width);
      if (k == 0) {
        RecurrenceKernels.rowsTimes(start, 0, width, hidden, wHh, y, off, batch, width);
      } else {
        RecurrenceKernels.rowsTimes(y, (reverse ? t + 1 : t - 1) * block, width, hidden, wHh, y, off, batch, width);
      }
      Kernels.activate(act, y, y, off, off + block);
    }
    int lastT = reverse ? 0 : steps - 1;
    Tensor out = allStates
        ? Tensor.result(unpad(y, 0, steps * batch, hidden, width), new int[] {steps, batch, hidden})
        : Tensor.result(unpad(y, lastT * block, batch, hidden, width), new int[] {batch, hidden});
    if (!Tensor.recording(x, weightIh, bias, weightHh, h0)) {
      return out;
    }
    return out.record(allStates ? "recurrence" : "recurrence last", new Tensor[] {x, weightIh, bias, weightHh, h0},
        (g, s) -> {
          double[] wHhT = pad(weightHh.data(), hidden, hidden, width, true);
          double[] gz = new double[block];
          double[] carry = new double[block];
          double[] gwIh = new double[in * width];
          double[] gwHh = new double[hidden * width];
          double[] gb = new double[width];
          double[] gxd = x.requiresGradient() ? new double[xd.length] : null;
          for (int k = steps - 1; k >= 0; k--) {
            int t = reverse ? steps - 1 - k : k;
            int off = t * block;
            System.arraycopy(carry, 0, gz, 0, block);
            if (allStates || t == lastT) {
              int gOff = allStates ? t * batch * hidden : 0;
              for (int r = 0; r < batch; r++) {
                for (int j = 0; j < hidden; j++) {
                  gz[r * width + j] += g[gOff + r * hidden + j];
                }
              }
            }
            for (int i = 0; i < block; i++) {
              gz[i] *= derivative(act, y[off + i]);
            }
            java.util.Arrays.fill(carry, 0.0);
            RecurrenceKernels.rowsTimes(gz, 0, width, hidden, wHhT, carry, 0, batch, width);
            if (k == 0) {
              RecurrenceKernels.outer(start, 0, width, gz, gwHh, batch, hidden, width);
            } else {
              RecurrenceKernels.outer(y, (reverse ? t + 1 : t - 1) * block, width, gz, gwHh, batch, hidden, width);
            }
            RecurrenceKernels.outer(xd, t * batch * in, in, gz, gwIh, batch, in, width);
            for (int r = 0; r < batch; r++) {
              for (int j = 0; j < hidden; j++) {
                gb[j] += gz[r * width + j];
              }
            }
            if (gxd != null) {
              double[] w = weightIh.data();
              for (int r = 0; r < batch; r++) {
                for (int i = 0; i < in; i++) {
                  double acc = 0;
                  for (int j = 0; j < hidden; j++) {
                    acc += gz[r * width + j] * w[i * hidden + j];
                  }
                  gxd[(t * batch + r) * in + i] += acc;
                }
              }
            }
          }
          add(s.of(x), gxd);
          add(s.of(weightIh), unpad(gwIh, 0, in, hidden, width));
          add(bias == null ? null : s.of(bias), java.util.Arrays.copyOf(gb, hidden));
          add(s.of(weightHh), unpad(gwHh, 0, hidden, hidden, width));
          add(s.of(h0), unpad(carry, 0, batch, hidden, width));
        });
  }

  /** σ'(z) from the output {@code y = σ(z)}, as {@link Kernels#activationGrad}. */
  private static double derivative(Activation act, double y) {
    return switch (act) {
      case IDENTITY -> 1;
      case TANH -> 1 - y * y;
      case SIGMOID -> y * (1 - y);
      case RELU -> y > 0 ? 1 : 0;
      case SOFTPLUS -> -Math.expm1(-y);
      case ELU -> y > 0 ? 1 : y + 1;
    };
  }

  private static void add(double[] into, double[] g) {
    if (into != null && g != null) {
      Kernels.scatterAdd(g, null, into);
    }
  }

  /** Rows of {@code cols} values (with {@code transpose}: the columns of a square matrix) as rows of {@code width}, zeros after. */
  private static double[] pad(double[] a, int rows, int cols, int width, boolean transpose) {
    double[] p = new double[rows * width];
    for (int r = 0; r < rows; r++) {
      if (transpose) {
        for (int c = 0; c < cols; c++) {
          p[r * width + c] = a[c * cols + r];
        }
      } else {
        System.arraycopy(a, r * cols, p, r * width, cols);
      }
    }
    return p;
  }

  private static double[] unpad(double[] p, int from, int rows, int cols, int width) {
    double[] a = new double[rows * cols];
    for (int r = 0; r < rows; r++) {
      System.arraycopy(p, from + r * width, a, r * cols, cols);
    }
    return a;
  }
}
