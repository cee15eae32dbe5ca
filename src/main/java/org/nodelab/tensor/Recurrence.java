package org.nodelab.tensor;

/**
 * The Elman recurrence {@code h_t = σ(x_t·W_ih + b + h_{t−1}·W_hh)} over a whole sequence as one
 * taped operation: the forward loop keeps every state (in rows padded for the vector kernels), and
 * the backward pass runs back-propagation through time in one closure, accumulating the weight and
 * bias gradients step by step. Both passes run chunks of {@link #CHUNK} batch rows through every step
 * (on several threads when it pays).
 */
final class Recurrence {
  /**
   * Rows of the batch that run through all steps together: the chunks run on any threads, and their
   * partial weight gradients are added in chunk order, so results depend on the shape only.
   */
  static final int CHUNK = 64;

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
    int chunks = (batch + CHUNK - 1) / CHUNK;
    long work = (long) steps * batch * (in + hidden) * width;
    double[] xd = x.data();
    double[] wIh = pad(weightIh.data(), in, hidden, width, false);
    double[] wHh = pad(weightHh.data(), hidden, hidden, width, false);
    double[] start = pad(h0.data(), batch, hidden, width, false);
    double[] b = bias == null ? null : bias.data();
    double[] y = new double[steps * block];
    Parallel.rows(chunks, 1, work, (c0, c1) -> {
      for (int c = c0; c < c1; c++) {
        int r0 = c * CHUNK;
        int rows = Math.min(batch, r0 + CHUNK) - r0;
        for (int k = 0; k < steps; k++) {
          int t = reverse ? steps - 1 - k : k;
          int off = t * block + r0 * width;
          if (b != null) {
            for (int r = 0; r < rows; r++) {
              System.arraycopy(b, 0, y, off + r * width, hidden);
            }
          }
          RecurrenceKernels.rowsTimes(xd, (t * batch + r0) * in, in, in, wIh, y, off, rows, width);
          if (k == 0) {
            RecurrenceKernels.rowsTimes(start, r0 * width, width, hidden, wHh, y, off, rows, width);
          } else {
            int prev = (reverse ? t + 1 : t - 1) * block + r0 * width;
            RecurrenceKernels.rowsTimes(y, prev, width, hidden, wHh, y, off, rows, width);
          }
          Kernels.activate(act, y, y, off, off + rows * width);
        }
      }
    });
    int lastT = reverse ? 0 : steps - 1;
    Tensor out = allStates
        ? Tensor.result(unpad(y, 0, steps * batch, hidden, width), new int[] {steps, batch, hidden})
        : Tensor.result(unpad(y, lastT * block, batch, hidden, width), new int[] {batch, hidden});
    if (!Tensor.recording(x, weightIh, bias, weightHh, h0)) {
      return out;
    }
    Tensor recorded = out.record(allStates ? "recurrence" : "recurrence last",
        new Tensor[] {x, weightIh, bias, weightHh, h0},
        (g, s) -> {
          double[] wHhT = pad(weightHh.data(), hidden, hidden, width, true);
          double[] w = weightIh.data();
          double[][] gwIh = new double[chunks][in * width];
          double[][] gwHh = new double[chunks][hidden * width];
          double[][] gb = new double[chunks][width];
          double[] carryAll = new double[block];
          double[] gxd = x.requiresGradient() ? new double[xd.length] : null;
          Parallel.rows(chunks, 1, 2 * work, (c0, c1) -> {
            double[] gz = new double[CHUNK * width];
            for (int c = c0; c < c1; c++) {
              int r0 = c * CHUNK;
              int rows = Math.min(batch, r0 + CHUNK) - r0;
              int n = rows * width;
              int cOff = r0 * width;
              double[] carry = carryAll;
              for (int k = steps - 1; k >= 0; k--) {
                int t = reverse ? steps - 1 - k : k;
                int off = t * block + cOff;
                System.arraycopy(carry, cOff, gz, 0, n);
                if (allStates || t == lastT) {
                  int gOff = (allStates ? t * batch * hidden : 0) + r0 * hidden;
                  for (int r = 0; r < rows; r++) {
                    for (int j = 0; j < hidden; j++) {
                      gz[r * width + j] += g[gOff + r * hidden + j];
                    }
                  }
                }
                if (act == Activation.TANH || act == Activation.ELU) {
                  SmallMlp.derivative(act, y, off, gz, 0, n);
                } else {
                  for (int i = 0; i < n; i++) {
                    gz[i] *= derivative(act, y[off + i]);
                  }
                }
                java.util.Arrays.fill(carry, cOff, cOff + n, 0.0);
                RecurrenceKernels.rowsTimes(gz, 0, width, hidden, wHhT, carry, cOff, rows, width);
                if (k == 0) {
                  RecurrenceKernels.outer(start, cOff, width, gz, gwHh[c], rows, hidden, width);
                } else {
                  int prev = (reverse ? t + 1 : t - 1) * block + cOff;
                  RecurrenceKernels.outer(y, prev, width, gz, gwHh[c], rows, hidden, width);
                }
                RecurrenceKernels.outer(xd, (t * batch + r0) * in, in, gz, gwIh[c], rows, in, width);
                double[] gbc = gb[c];
                for (int r = 0; r < rows; r++) {
                  for (int j = 0; j < hidden; j++) {
                    gbc[j] += gz[r * width + j];
                  }
                }
                if (gxd != null) {
                  for (int r = 0; r < rows; r++) {
                    for (int i = 0; i < in; i++) {
                      double acc = 0;
                      for (int j = 0; j < hidden; j++) {
                        acc += gz[r * width + j] * w[i * hidden + j];
                      }
                      gxd[(t * batch + r0 + r) * in + i] += acc;
                    }
                  }
                }
              }
            }
          });
          add(s.of(x), gxd);
          add(s.of(weightIh), unpad(sum(gwIh), 0, in, hidden, width));
          add(bias == null ? null : s.of(bias), java.util.Arrays.copyOf(sum(gb), hidden));
          add(s.of(weightHh), unpad(sum(gwHh), 0, hidden, hidden, width));
          add(s.of(h0), unpad(carryAll, 0, batch, hidden, width));
        });
    recorded.node().keptValues = (long) y.length + start.length;
    return recorded;
  }

  /** The chunks' partial gradients added in chunk order (the same sum for any number of threads). */
  private static double[] sum(double[][] parts) {
    double[] total = parts[0].clone();
    for (int c = 1; c < parts.length; c++) {
      double[] p = parts[c];
      for (int i = 0; i < total.length; i++) {
        total[i] += p[i];
      }
    }
    return total;
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
