package org.nodelab.tensor;

import java.util.Arrays;

/**
 * A small multilayer perceptron {@code σ_L(…σ_1(x·W_1 + b_1)…·W_L + b_L)} as one taped operation:
 * chunks of {@link #CHUNK} rows are turned feature-major (one row per feature, the chunk's rows
 * along it), so that every layer is a product whose vectors run along the batch, whatever the
 * widths. The backward pass is the vector-Jacobian product layer by layer on the kept activations,
 * with the chunks' weight gradients added in chunk order: the bits depend on the shape only, not
 * on the number of threads, and are the same with or without the Vector API.
 */
final class SmallMlp {
  /** Rows per chunk (a multiple of {@link #LANES} times two). */
  static final int CHUNK = 64;

  /** The lanes of the weight-gradient dot products, fixed so that the bits do not depend on the machine. */
  static final int LANES = 4;

  /** The widest layer for which the fused operation is used (wider layers pay off on the matrix kernels). */
  static final int MAX_WIDTH = 64;

  /** The backward pass adds the chunks' weight gradients in at most about this many groups (fewer serial sums). */
  static final int GROUPS = 16;

  private SmallMlp() {}

  static Tensor run(Tensor x, Tensor[] weights, Tensor[] biases, Activation[] acts) {
    Tensor.nonNull(x, "x");
    int layers = weights.length;
    if (layers == 0 || biases.length != layers || acts.length != layers) {
      throw new IllegalArgumentException("mlp: expected as many weights, biases and activations (at least one), got "
          + weights.length + ", " + biases.length + ", " + acts.length);
    }
    int[] xs = x.shapeRef();
    int[] widths = new int[layers + 1];
    widths[0] = xs.length == 0 ? -1 : xs[xs.length - 1];
    for (int l = 0; l < layers; l++) {
      Tensor.nonNull(weights[l], "weight " + l);
      java.util.Objects.requireNonNull(acts[l], "activation " + l);
      int[] ws = weights[l].shapeRef();
      if (ws.length != 2 || ws[0] != widths[l] || ws[0] < 1 || ws[1] < 1) {
        throw new IllegalArgumentException("mlp: layer " + l + " has weight " + Shapes.str(ws) + " but its input is "
            + (l == 0 ? "x " + Shapes.str(xs) : "[..., " + widths[l] + "]") + " (expected weight [in >= 1, out >= 1])");
      }
      widths[l + 1] = ws[1];
      Tensor b = biases[l];
      if (b != null && (b.rank() != 1 || b.size() != ws[1])) {
        throw new IllegalArgumentException("mlp: bias " + l + " " + Shapes.str(b.shapeRef()) + " does not match weight "
            + Shapes.str(ws) + " (expected [" + ws[1] + "])");
      }
    }
    int in = widths[0];
    int out = widths[layers];
    int rows = x.size() / in;
    int chunks = (rows + CHUNK - 1) / CHUNK;
    long perRow = 0;
    for (int l = 0; l < layers; l++) {
      perRow += (long) widths[l] * widths[l + 1];
    }
    long macs = perRow * rows;
    double[][] w = new double[layers][];
    double[][] b = new double[layers][];
    for (int l = 0; l < layers; l++) {
      w[l] = weights[l].data();
      b[l] = biases[l] == null ? null : biases[l].data();
    }
    double[] xd = x.data();
    double[] y = new double[rows * out];
    // kept[l][c]: layer l's output (l = 0: the input) of chunk c, feature-major [widths[l], CHUNK]
    double[][][] kept = new double[layers + 1][chunks][];
    Parallel.pieces(chunks, macs, (c0, c1) -> {
      for (int c = c0; c < c1; c++) {
        int r0 = c * CHUNK;
        int n = Math.min(rows, r0 + CHUNK) - r0;
        double[] a = new double[in * CHUNK];
        toColumns(xd, r0, n, in, a);
        kept[0][c] = a;
        for (int l = 0; l < layers; l++) {
          double[] z = new double[widths[l + 1] * CHUNK];
          layer(w[l], widths[l], widths[l + 1], b[l], a, z);
          Kernels.activate(acts[l], z, z, 0, z.length);
          kept[l + 1][c] = z;
          a = z;
        }
        fromColumns(a, y, r0, n, out);
      }
    });
    int[] shape = xs.clone();
    shape[shape.length - 1] = out;
    Tensor result = Tensor.result(y, shape);
    Tensor[] parents = new Tensor[1 + 2 * layers];
    parents[0] = x;
    for (int l = 0; l < layers; l++) {
      parents[1 + 2 * l] = weights[l];
      parents[2 + 2 * l] = biases[l];
    }
    if (!Tensor.recording(parents)) {
      return result;
    }
    long keptValues = 0;
    for (int l = 0; l <= layers; l++) {
      keptValues += (long) widths[l] * CHUNK * chunks;
    }
    Tensor recorded = result.record("mlp", parents, (g, s) -> {
      double[] gx = s.of(x);
      double[][] gw = new double[layers][];
      double[][] gb = new double[layers][];
      double[][] wT = new double[layers][];
      for (int l = 0; l < layers; l++) {
        gw[l] = s.of(weights[l]);
        gb[l] = biases[l] == null ? null : s.of(biases[l]);
        wT[l] = transpose(w[l], widths[l], widths[l + 1]);
      }
      // the chunks in groups (their size fixed by the shape): one group's lane partials are added in chunk order
      int perGroup = Math.max(1, chunks / GROUPS);
      int groups = (chunks + perGroup - 1) / perGroup;
      double[][][] partW = new double[layers][groups][];
      double[][][] partB = new double[layers][groups][];
      Parallel.pieces(groups, 2 * macs, (g0, g1) -> {
        double[] gz0 = new double[out * CHUNK];
        double[][] ga = new double[layers][];
        for (int l = 0; l < layers; l++) {
          ga[l] = new double[widths[l] * CHUNK];
        }
        for (int group = g0; group < g1; group++) {
          for (int l = 0; l < layers; l++) {
            partW[l][group] = gw[l] == null ? null : new double[widths[l] * widths[l + 1] * LANES];
            partB[l][group] = gb[l] == null ? null : new double[widths[l + 1] * LANES];
          }
          for (int c = group * perGroup; c < Math.min(chunks, (group + 1) * perGroup); c++) {
            int r0 = c * CHUNK;
            int n = Math.min(rows, r0 + CHUNK) - r0;
            double[] gz = gz0;
            if (n < CHUNK) {
              Arrays.fill(gz, 0.0);
            }
            toColumns(g, r0, n, out, gz);
            for (int l = layers - 1; l >= 0; l--) {
              int k = widths[l];
              int m = widths[l + 1];
              derivative(acts[l], kept[l + 1][c], 0, gz, 0, gz.length);
              if (gw[l] != null) {
                gradWeightsLanes(kept[l][c], 0, k, gz, m, partW[l][group]);
              }
              if (gb[l] != null) {
                rowSumsLanes(gz, m, partB[l][group]);
              }
              if (l == 0 && gx == null) {
                break;
              }
              layer(wT[l], m, k, null, gz, ga[l]);
              gz = ga[l];
              if (l == 0) {
                addFromColumns(gz, gx, r0, n, in);
              }
            }
          }
        }
      });
      for (int l = 0; l < layers; l++) {
        addInOrder(partW[l], gw[l]);
        addInOrder(partB[l], gb[l]);
      }
    }, (g, wanted) -> differentiable(x, weights, biases, acts, g, wanted));
    recorded.node().keptValues = keptValues;
    return recorded;
  }

  /** The gradients as taped operations, through the layers one at a time (for higher derivatives). */
  private static Tensor[] differentiable(Tensor x, Tensor[] weights, Tensor[] biases, Activation[] acts, Tensor g,
      boolean[] wanted) {
    int layers = weights.length;
    Tensor[] inputs = new Tensor[layers + 1];
    inputs[0] = x;
    for (int l = 0; l < layers; l++) {
      inputs[l + 1] = Fused.affine(inputs[l], weights[l], biases[l], acts[l]);
    }
    Tensor[] grads = new Tensor[1 + 2 * layers];
    Tensor gl = g;
    for (int l = layers - 1; l >= 0; l--) {
      boolean[] want = {l > 0 || wanted[0], wanted[1 + 2 * l], biases[l] != null && wanted[2 + 2 * l]};
      Tensor[] gs = Fused.affineGradients(inputs[l], weights[l], biases[l], acts[l], inputs[l + 1], gl, want);
      grads[1 + 2 * l] = gs[1];
      grads[2 + 2 * l] = gs[2];
      gl = gs[0];
    }
    grads[0] = wanted[0] ? gl : null;
    return grads;
  }

  /** The chunks' lane partials added in chunk order, then reduced over the lanes and added into {@code into}. */
  private static void addInOrder(double[][] parts, double[] into) {
    if (into == null) {
      return;
    }
    double[] total = parts[0].clone();
    for (int c = 1; c < parts.length; c++) {
      double[] p = parts[c];
      for (int i = 0; i < total.length; i++) {
        total[i] += p[i];
      }
    }
    double[] g = reduceLanes(total);
    for (int i = 0; i < into.length; i++) {
      into[i] += g[i];
    }
  }

  private static double[] transpose(double[] a, int rows, int cols) {
    double[] t = new double[rows * cols];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        t[c * rows + r] = a[r * cols + c];
      }
    }
    return t;
  }

  /** Rows {@code [r0, r0 + n)} of {@code [rows, width]} into {@code [width, CHUNK]} (zeros after n). */
  static void toColumns(double[] src, int r0, int n, int width, double[] cols) {
    for (int r = 0; r < n; r++) {
      int o = (r0 + r) * width;
      for (int j = 0; j < width; j++) {
        cols[j * CHUNK + r] = src[o + j];
      }
    }
  }

  private static void fromColumns(double[] cols, double[] dst, int r0, int n, int width) {
    for (int r = 0; r < n; r++) {
      int o = (r0 + r) * width;
      for (int j = 0; j < width; j++) {
        dst[o + j] = cols[j * CHUNK + r];
      }
    }
  }

  private static void addFromColumns(double[] cols, double[] dst, int r0, int n, int width) {
    for (int r = 0; r < n; r++) {
      int o = (r0 + r) * width;
      for (int j = 0; j < width; j++) {
        dst[o + j] += cols[j * CHUNK + r];
      }
    }
  }

  /**
   * {@code z[j, :] = bias[j] + Σ_{p < k} w[p, j]·a[p, :]} for {@code j < m} on columns of {@link
   * #CHUNK}: one chain of fused multiply-adds per element, in the order of {@code p}.
   */
  static void layer(double[] w, int k, int m, double[] bias, double[] a, double[] z) {
    layer(w, k, m, bias, a, 0, z, 0);
  }

  /** {@link #layer} on the columns at {@code aOff} in a and {@code zOff} in z. */
  static void layer(double[] w, int k, int m, double[] bias, double[] a, int aOff, double[] z, int zOff) {
    if (Simd.on()) {
      SimdSmallMlp.layer(w, k, m, bias, a, aOff, z, zOff);
    } else {
      layerPlain(w, k, m, bias, a, aOff, z, zOff);
    }
  }

  /** {@link #layer} in plain loops. */
  static void layerPlain(double[] w, int k, int m, double[] bias, double[] a, int aOff, double[] z, int zOff) {
    for (int j = 0; j < m; j++) {
      double b0 = bias == null ? 0 : bias[j];
      for (int c = 0; c < CHUNK; c++) {
        double acc = b0;
        for (int p = 0; p < k; p++) {
          acc = Math.fma(w[p * m + j], a[aOff + p * CHUNK + c], acc);
        }
        z[zOff + j * CHUNK + c] = acc;
      }
    }
  }

  /**
   * {@code acc[(p·m + j)·LANES + l] += Σ_{c ≡ l mod LANES} a[p, c]·gz[j, c]} over the {@link #CHUNK}
   * columns: the weight gradient's lane partials, one chain of fused multiply-adds per lane in the
   * order of {@code c}, to be added over many calls and reduced at the end by {@link #reduceLanes}.
   */
  static void gradWeightsLanes(double[] a, int aOff, int k, double[] gz, int m, double[] acc) {
    if (Simd.on()) {
      SimdSmallMlp.gradWeightsLanes(a, aOff, k, gz, m, acc);
    } else {
      gradWeightsLanesPlain(a, aOff, k, gz, m, acc);
    }
  }

  /** {@link #gradWeightsLanes} in plain loops. */
  static void gradWeightsLanesPlain(double[] a, int aOff, int k, double[] gz, int m, double[] acc) {
    for (int p = 0; p < k; p++) {
      for (int j = 0; j < m; j++) {
        int o = (p * m + j) * LANES;
        for (int c = 0; c < CHUNK; c++) {
          acc[o + c % LANES] = Math.fma(a[aOff + p * CHUNK + c], gz[j * CHUNK + c], acc[o + c % LANES]);
        }
      }
    }
  }

  /** {@code acc[j·LANES + l] += Σ_{c ≡ l mod LANES} gz[j, c]}: the bias gradient's lane partials, in the order of {@code c}. */
  static void rowSumsLanes(double[] gz, int m, double[] acc) {
    for (int j = 0; j < m; j++) {
      int o = j * LANES;
      double s0 = acc[o];
      double s1 = acc[o + 1];
      double s2 = acc[o + 2];
      double s3 = acc[o + 3];
      for (int c = j * CHUNK; c < (j + 1) * CHUNK; c += 4) {
        s0 += gz[c];
        s1 += gz[c + 1];
        s2 += gz[c + 2];
        s3 += gz[c + 3];
      }
      acc[o] = s0;
      acc[o + 1] = s1;
      acc[o + 2] = s2;
      acc[o + 3] = s3;
    }
  }

  /** The lane partials reduced as {@code (l0 + l1) + (l2 + l3)}, one value per group of {@link #LANES}. */
  static double[] reduceLanes(double[] acc) {
    double[] s = new double[acc.length / LANES];
    for (int i = 0; i < s.length; i++) {
      int o = i * LANES;
      s[i] = (acc[o] + acc[o + 1]) + (acc[o + 2] + acc[o + 3]);
    }
    return s;
  }

  /**
   * {@code g[gOff + i] *= σ'(z)} from the outputs {@code y[yOff + i] = σ(z)}, {@code i < n}, with the
   * bits of {@link Kernels#activationGrad}.
   */
  static void derivative(Activation act, double[] y, int yOff, double[] g, int gOff, int n) {
    if (Simd.on() && (act == Activation.TANH || act == Activation.ELU || act == Activation.RELU)) {
      SimdSmallMlp.derivative(act, y, yOff, g, gOff, n);
    } else {
      derivativePlain(act, y, yOff, g, gOff, n);
    }
  }

  /** {@link #derivative} in plain loops. */
  static void derivativePlain(Activation act, double[] y, int yOff, double[] g, int gOff, int n) {
    if (act == Activation.IDENTITY) {
      return;
    }
    if (yOff == gOff) {
      Kernels.activationGrad(act, y, g, g, gOff, gOff + n);
      return;
    }
    for (int i = 0; i < n; i++) {
      double v = y[yOff + i];
      double gi = g[gOff + i];
      g[gOff + i] = switch (act) {
        case IDENTITY -> gi;
        case TANH -> gi * (1 - v * v);
        case SIGMOID -> gi * v * (1 - v);
        case RELU -> v > 0 ? gi : 0;
        case SOFTPLUS -> -gi * Math.expm1(-v);
        case ELU -> v > 0 ? gi : gi * (v + 1);
      };
    }
  }
}
