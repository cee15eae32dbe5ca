package org.nodelab.tensor;

/**
 * The hot loops, on raw {@code double[]}: simple counted loops without calls, so that C2 can
 * unroll and vectorise them. Nothing here allocates except where a result array is returned.
 */
final class Kernels {
  /** An activation's cost in multiply-adds, for deciding whether to split work over threads. */
  private static final int ACTIVATION_COST = 8;

  /** A streaming element operation's cost in multiply-adds (it is bound by memory, not arithmetic). */
  private static final int ELEMENT_COST = 4;

  private Kernels() {}

  /**
   * {@code tanh(x)} for every element ({@code x == y} allowed), within 4 ulp of {@code
   * StrictMath.tanh}, in blocks of call-free vectorisable passes (see {@link VectorMath#tanh}).
   */
  static void tanh(double[] x, double[] y, int from, int to) {
    if (Simd.on()) {
      SimdMath.tanh(x, y, from, to);
    } else {
      VectorMath.tanh(x, y, from, to);
    }
  }

  /** {@code y = σ(x)} for every element, in place allowed ({@code x == y}). */
  static void activate(Activation act, double[] x, double[] y, int from, int to) {
    switch (act) {
      case IDENTITY:
        if (x != y) {
          System.arraycopy(x, from, y, from, to - from);
        }
        break;
      case TANH:
        tanh(x, y, from, to);
        break;
      case SIGMOID:
        // From exp, not (1 + tanh(x/2))/2, which loses relative accuracy in the left tail.
        VectorMath.sigmoid(x, y, from, to);
        break;
      case RELU:
        // Math.max(x, 0) is x > 0 ? x : (x == x ? +0 : NaN), without a branch to mispredict.
        for (int i = from; i < to; i++) {
          y[i] = Math.max(x[i], 0.0);
        }
        break;
      case SOFTPLUS:
        for (int i = from; i < to; i++) {
          double v = x[i];
          y[i] = Math.max(v, 0) + Math.log1p(Math.exp(-Math.abs(v)));
        }
        break;
      case ELU:
        if (Simd.on()) {
          SimdMath.elu(x, y, from, to);
        } else {
          for (int i = from; i < to; i++) {
            y[i] = VectorMath.elu(x[i]);
          }
        }
        break;
      default:
        throw new AssertionError(act);
    }
  }

  /** {@code gz[i] = g[i]·σ'(z_i)}, expressed through the activation's output {@code y}. */
  static void activationGrad(Activation act, double[] y, double[] g, double[] gz, int from, int to) {
    switch (act) {
      case IDENTITY:
        System.arraycopy(g, from, gz, from, to - from);
        break;
      case TANH:
        for (int i = from; i < to; i++) {
          gz[i] = g[i] * (1 - y[i] * y[i]);
        }
        break;
      case SIGMOID:
        for (int i = from; i < to; i++) {
          gz[i] = g[i] * y[i] * (1 - y[i]);
        }
        break;
      case RELU:
        for (int i = from; i < to; i++) {
          gz[i] = y[i] > 0 ? g[i] : 0;
        }
        break;
      case SOFTPLUS:
        for (int i = from; i < to; i++) {
          gz[i] = -g[i] * Math.expm1(-y[i]); // σ(z) = 1 − e^{−softplus(z)}
        }
        break;
      case ELU:
        for (int i = from; i < to; i++) {
          gz[i] = y[i] > 0 ? g[i] : g[i] * (y[i] + 1);
        }
        break;
      default:
        throw new AssertionError(act);
    }
  }

  /** {@code c[n×m] = a[n×k] · b[k×m]} into a fresh (zero) block, row-major at the given offsets. */
  static void matmul(double[] a, int aOff, double[] b, int bOff, double[] c, int cOff, int n, int k, int m) {
    MatrixKernels.matmul(a, aOff, b, bOff, c, cOff, n, k, m, null);
  }

  /** {@code ga[n×k] += g[n×m] · bᵀ} where b is {@code k×m}. */
  static void matmulGradA(double[] g, int gOff, double[] b, int bOff, double[] ga, int aOff, int n, int k, int m) {
    if (Simd.on()) {
      MatrixKernels.run(MatrixKernels.simdRows(g, gOff, false, b, bOff, true, ga, aOff, n, m, k, null, true), n, m, k);
      return;
    }
    double[] t = new double[n * k];
    accumulate(MatrixKernels.rows(g, gOff, false, b, bOff, true, t, 0, n, m, k, null), t, ga, aOff, n, m, k);
  }

  /** {@code gb[k×m] += aᵀ · g} where a is {@code n×k} and g is {@code n×m}. */
  static void matmulGradB(double[] a, int aOff, double[] g, int gOff, double[] gb, int bOff, int n, int k, int m) {
    if (Simd.on()) {
      MatrixKernels.run(MatrixKernels.simdRows(a, aOff, true, g, gOff, false, gb, bOff, k, n, m, null, true), k, n, m);
      return;
    }
    double[] t = new double[k * m];
    accumulate(MatrixKernels.rows(a, aOff, true, g, gOff, false, t, 0, k, n, m, null), t, gb, bOff, k, n, m);
  }

  /** {@code dst[off..] += t} where {@code product} writes the rows of the [rows, cols] product {@code t}. */
  private static void accumulate(Parallel.Rows product, double[] t, double[] dst, int off, int rows, int inner, int cols) {
    MatrixKernels.run((from, to) -> {
      product.run(from, to);
      for (int i = from * cols; i < to * cols; i++) {
        dst[off + i] += t[i];
      }
    }, rows, inner, cols);
  }

  /** {@code gb[j] += Σ_r g[r, j]} over {@code rows} rows of length {@code cols} (a bias gradient), split by columns. */
  static void sumRowsInto(double[] g, double[] gb, int rows, int cols) {
    Parallel.rows(cols, 1, (long) rows * cols * ELEMENT_COST, (from, to) -> sumRowsInto(g, gb, rows, cols, from, to));
  }

  private static void sumRowsInto(double[] g, double[] gb, int rows, int cols, int from, int to) {
    if (Simd.on()) {
      SimdMath.sumRowsInto(g, gb, rows, cols, from, to);
      return;
    }
    for (int r = 0; r < rows; r++) {
      int off = r * cols;
      for (int j = from; j < to; j++) {
        gb[j] += g[off + j];
      }
    }
  }

  /** {@link #activationGrad} over {@code rows} rows of length {@code cols}, split by rows. */
  static void activationGradRows(Activation act, double[] y, double[] g, double[] gz, int rows, int cols) {
    Parallel.rows(rows, 1, (long) rows * cols * ELEMENT_COST,
        (from, to) -> activationGrad(act, y, g, gz, from * cols, to * cols));
  }

  /** {@code y[r, :] = σ(bias + Σ_i x[r, i]·w[i, :])} for {@code rows} rows. */
  static void affine(double[] x, double[] w, double[] bias, Activation act, double[] y, int rows, int in, int out) {
    Parallel.Rows product = MatrixKernels.rows(x, 0, false, w, 0, false, y, 0, rows, in, out, bias);
    long work = (long) rows * out * (in + ACTIVATION_COST);
    Parallel.rows(rows, MatrixKernels.alignment(rows, out), work, (from, to) -> {
      product.run(from, to);
      activate(act, y, y, from * out, to * out);
    });
  }

  /** {@code dst[i] += src[map[i]]}-style scatter: {@code dst[map[i]] += src[i]} (map null: identity). */
  static void scatterAdd(double[] src, int[] map, double[] dst) {
    if (map == null) {
      for (int i = 0; i < src.length; i++) {
        dst[i] += src[i];
      }
    } else {
      for (int i = 0; i < src.length; i++) {
        dst[map[i]] += src[i];
      }
    }
  }

  /** {@code src} expanded through {@code map} ({@code src} itself when map is null). */
  static double[] gather(double[] src, int[] map) {
    if (map == null) {
      return src;
    }
    double[] out = new double[map.length];
    for (int i = 0; i < map.length; i++) {
      out[i] = src[map[i]];
    }
    return out;
  }

  /**
   * {@code z = base + w₀·x₀ + w₁·x₁ + ...} added in that order for each element (base null: zeros),
   * block by block so that {@code z} is written once.
   */
  static void combine(double[] base, double[] w, double[][] x, double[] z) {
    int block = 512;
    for (int from = 0; from < z.length; from += block) {
      int to = Math.min(z.length, from + block);
      if (base != null) {
        System.arraycopy(base, from, z, from, to - from);
      }
      for (int j = 0; j < w.length; j++) {
        double wj = w[j];
        double[] xj = x[j];
        for (int i = from; i < to; i++) {
          z[i] += wj * xj[i];
        }
      }
    }
  }

  /** {@code y += w·x}. */
  static void axpy(double w, double[] x, double[] y) {
    for (int i = 0; i < y.length; i++) {
      y[i] += w * x[i];
    }
  }
}
