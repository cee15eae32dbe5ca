package org.nodelab.tensor;

/**
 * The Elman recurrence {@code h_t = σ(x_t·W_ih + b + h_{t−1}·W_hh)} over a whole sequence as one
 * taped operation, feature-major: chunks of {@link SmallMlp#CHUNK} batch rows run through every step
 * with the batch along the vectors (no padding of the hidden width), each step one product of the
 * stacked weights {@code [W_ih; W_hh]} with the kept block {@code [x_t; h_{t−1}]}. The backward pass
 * runs back-propagation through time in one closure, accumulating the weight and bias gradients in
 * lane partials over all steps and reducing them once per chunk; the chunks (on several threads when
 * it pays) are added in chunk order, so results depend on the shape only.
 */
final class Recurrence {
  private static final int C = SmallMlp.CHUNK;

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
    int k = in + hidden;
    int block = k * C;
    int chunks = (batch + C - 1) / C;
    long work = (long) steps * chunks * C * k * hidden;
    double[] xd = x.data();
    double[] w = new double[k * hidden];
    System.arraycopy(weightIh.data(), 0, w, 0, in * hidden);
    System.arraycopy(weightHh.data(), 0, w, in * hidden, hidden * hidden);
    double[] hd = h0.data();
    double[] b = bias == null ? null : bias.data();
    // kept[c]: steps + 1 blocks [k, C]; block s holds the input of step s, [x_{t(s)}; h_{t(s−1)}] (h_{t(−1)} = h0)
    double[][] kept = new double[chunks][];
    double[] y = new double[(allStates ? steps : 1) * batch * hidden];
    int lastT = reverse ? 0 : steps - 1;
    Parallel.pieces(chunks, work, (c0, c1) -> {
      for (int c = c0; c < c1; c++) {
        int r0 = c * C;
        int n = Math.min(batch, r0 + C) - r0;
        double[] a = new double[(steps + 1) * block];
        kept[c] = a;
        toColumns(hd, r0, n, hidden, a, in * C);
        for (int s = 0; s < steps; s++) {
          int t = reverse ? steps - 1 - s : s;
          toColumns(xd, t * batch + r0, n, in, a, s * block);
          int out = (s + 1) * block + in * C;
          SmallMlp.layer(w, k, hidden, b, a, s * block, a, out);
          Kernels.activate(act, a, a, out, out + hidden * C);
          if (allStates) {
            fromColumns(a, out, y, t * batch + r0, n, hidden);
          }
        }
        if (!allStates) {
          fromColumns(a, steps * block + in * C, y, r0, n, hidden);
        }
      }
    });
    Tensor out = Tensor.result(y, allStates ? new int[] {steps, batch, hidden} : new int[] {batch, hidden});
    if (!Tensor.recording(x, weightIh, bias, weightHh, h0)) {
      return out;
    }
    Tensor recorded = out.record(allStates ? "recurrence" : "recurrence last",
        new Tensor[] {x, weightIh, bias, weightHh, h0},
        (g, grads) -> {
          boolean wantX = x.requiresGradient();
          // back through the stacked weights: rows [0, in) of the product give x's gradient, the rest the carry
          int from = wantX ? 0 : in;
          int rowsBack = k - from;
          double[] wT = new double[hidden * rowsBack];
          for (int p = from; p < k; p++) {
            for (int j = 0; j < hidden; j++) {
              wT[j * rowsBack + p - from] = w[p * hidden + j];
            }
          }
          double[][] partW = new double[chunks][];
          double[][] partB = new double[chunks][];
          double[] gxd = wantX ? new double[xd.length] : null;
          double[] gh0 = new double[batch * hidden];
          Parallel.pieces(chunks, 3 * work, (c0, c1) -> {
            double[] gz = new double[hidden * C];
            double[] back = new double[rowsBack * C];
            for (int c = c0; c < c1; c++) {
              int r0 = c * C;
              int n = Math.min(batch, r0 + C) - r0;
              double[] a = kept[c];
              double[] lanesW = new double[k * hidden * SmallMlp.LANES];
              double[] lanesB = new double[hidden * SmallMlp.LANES];
              java.util.Arrays.fill(back, 0.0);
              int carry = (in - from) * C;
              for (int s = steps - 1; s >= 0; s--) {
                int t = reverse ? steps - 1 - s : s;
                System.arraycopy(back, carry, gz, 0, hidden * C);
                if (allStates) {
                  addColumns(g, t * batch + r0, n, hidden, gz);
                } else if (t == lastT) {
                  addColumns(g, r0, n, hidden, gz);
                }
                SmallMlp.derivative(act, a, (s + 1) * block + in * C, gz, 0, hidden * C);
                SmallMlp.gradWeightsLanes(a, s * block, k, gz, hidden, lanesW);
                SmallMlp.rowSumsLanes(gz, hidden, lanesB);
                SmallMlp.layer(wT, hidden, rowsBack, null, gz, 0, back, 0);
                if (wantX) {
                  addFromColumns(back, 0, gxd, t * batch + r0, n, in);
                }
              }
              fromColumns(back, carry, gh0, r0, n, hidden);
              partW[c] = SmallMlp.reduceLanes(lanesW);
              partB[c] = SmallMlp.reduceLanes(lanesB);
            }
          });
          double[] gw = sum(partW);
          add(grads.of(x), gxd);
          add(grads.of(weightIh), java.util.Arrays.copyOf(gw, in * hidden));
          add(bias == null ? null : grads.of(bias), sum(partB));
          add(grads.of(weightHh), java.util.Arrays.copyOfRange(gw, in * hidden, k * hidden));
          add(grads.of(h0), gh0);
        });
    recorded.node().keptValues = (long) chunks * (steps + 1) * block;
    return recorded;
  }

  /** Rows {@code [r0, r0 + n)} of {@code [rows, width]} into {@code [width, C]} at {@code off} (the pad columns keep their zeros). */
  private static void toColumns(double[] src, int r0, int n, int width, double[] cols, int off) {
    for (int r = 0; r < n; r++) {
      int o = (r0 + r) * width;
      for (int j = 0; j < width; j++) {
        cols[off + j * C + r] = src[o + j];
      }
    }
  }

  private static void fromColumns(double[] cols, int off, double[] dst, int r0, int n, int width) {
    for (int r = 0; r < n; r++) {
      int o = (r0 + r) * width;
      for (int j = 0; j < width; j++) {
        dst[o + j] = cols[off + j * C + r];
      }
    }
  }

  private static void addFromColumns(double[] cols, int off, double[] dst, int r0, int n, int width) {
    for (int r = 0; r < n; r++) {
      int o = (r0 + r) * width;
      for (int j = 0; j < width; j++) {
        dst[o + j] += cols[off + j * C + r];
      }
    }
  }

  private static void addColumns(double[] src, int r0, int n, int width, double[] cols) {
    for (int r = 0; r < n; r++) {
      int o = (r0 + r) * width;
      for (int j = 0; j < width; j++) {
        cols[j * C + r] += src[o + j];
      }
    }
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

  private static void add(double[] into, double[] g) {
    if (into != null && g != null) {
      Kernels.scatterAdd(g, null, into);
    }
  }
}
