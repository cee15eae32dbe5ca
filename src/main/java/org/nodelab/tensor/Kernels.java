package org.nodelab.tensor;

/**
 * The hot loops, on raw {@code double[]}: simple counted loops without calls, so that C2 can
 * unroll and vectorise them. Nothing here allocates except where a result array is returned.
 */
final class Kernels {
  private Kernels() {}

  private static final double LN2_HI = 6.93147180369123816490e-01;
  private static final double LN2_LO = 1.90821492927058770002e-10;
  private static final double INV_LN2 = 1.44269504088896338700e+00;
  private static final double ROUND = 6755399441055744.0; // 1.5·2^52: adding it rounds to an integer
  /** Beyond this |x|, tanh(x) rounds to ±1 in double precision (tanh(19.1) = 1 − 5.5e-17). */
  private static final double TANH_SATURATION = 19.1;

  /**
   * {@code tanh(x)} for every element, within 3 ulp of {@code StrictMath.tanh} (measured on 2·10⁶
   * points of [−25, 25]): {@code tanh|x| = −m/(2+m)} with {@code m =
   * expm1(−2|x|)}; {@code expm1} by Cody–Waite range reduction {@code u = k·ln2 + r}, {@code |r| ≤
   * ln2/2}, a degree-14 Taylor polynomial for {@code expm1(r)} and {@code 2^k} assembled from
   * exponent bits. No library call, so the loop stays a straight-line body.
   */
  static void tanh(double[] x, double[] y, int from, int to) {
    for (int i = from; i < to; i++) {
      double xi = x[i];
      double t = Math.min(Math.abs(xi), TANH_SATURATION);
      double m = expm1Negative(-2 * t);
      y[i] = Math.copySign(-m / (2 + m), xi);
    }
  }

  /** {@code e^u − 1} for {@code −40 ≤ u ≤ 0}, accurate to about 1 ulp relative. */
  static double expm1Negative(double u) {
    double kd = (u * INV_LN2 + ROUND) - ROUND;
    double r = (u - kd * LN2_HI) - kd * LN2_LO;
    double p =
        r * (1 + r * (1.0 / 2 + r * (1.0 / 6 + r * (1.0 / 24 + r * (1.0 / 120 + r * (1.0 / 720
            + r * (1.0 / 5040 + r * (1.0 / 40320 + r * (1.0 / 362880 + r * (1.0 / 3628800
            + r * (1.0 / 39916800 + r * (1.0 / 479001600 + r * (1.0 / 6227020800.0
            + r * (1.0 / 87178291200.0))))))))))))));
    double twoK = Double.longBitsToDouble(((long) kd + 1023L) << 52);
    return twoK * p + (twoK - 1);
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
        for (int i = from; i < to; i++) {
          y[i] = 0.5 * x[i];
        }
        tanh(y, y, from, to);
        for (int i = from; i < to; i++) {
          y[i] = 0.5 + 0.5 * y[i];
        }
        break;
      case RELU:
        for (int i = from; i < to; i++) {
          y[i] = x[i] > 0 ? x[i] : (x[i] == x[i] ? 0 : x[i]);
        }
        break;
      case SOFTPLUS:
        for (int i = from; i < to; i++) {
          double v = x[i];
          y[i] = Math.max(v, 0) + Math.log1p(Math.exp(-Math.abs(v)));
        }
        break;
      case ELU:
        for (int i = from; i < to; i++) {
          y[i] = x[i] > 0 ? x[i] : Math.expm1(x[i]);
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

  /** {@code c[n×m] = a[n×k] · b[k×m]} (i-k-j order: the inner loop is a contiguous axpy). */
  static void matmul(double[] a, int aOff, double[] b, int bOff, double[] c, int cOff, int n, int k, int m) {
    for (int i = 0; i < n; i++) {
      int ci = cOff + i * m;
      for (int p = 0; p < k; p++) {
        double aip = a[aOff + i * k + p];
        if (aip == 0) {
          continue;
        }
        int bp = bOff + p * m;
        for (int j = 0; j < m; j++) {
          c[ci + j] += aip * b[bp + j];
        }
      }
    }
  }

  /** {@code ga[n×k] += g[n×m] · bᵀ} where b is {@code k×m}. */
  static void matmulGradA(double[] g, int gOff, double[] b, int bOff, double[] ga, int aOff, int n, int k, int m) {
    for (int i = 0; i < n; i++) {
      int gi = gOff + i * m;
      for (int p = 0; p < k; p++) {
        int bp = bOff + p * m;
        double s = 0;
        for (int j = 0; j < m; j++) {
          s += g[gi + j] * b[bp + j];
        }
        ga[aOff + i * k + p] += s;
      }
    }
  }

  /** {@code gb[k×m] += aᵀ · g} where a is {@code n×k} and g is {@code n×m}. */
  static void matmulGradB(double[] a, int aOff, double[] g, int gOff, double[] gb, int bOff, int n, int k, int m) {
    for (int i = 0; i < n; i++) {
      int gi = gOff + i * m;
      for (int p = 0; p < k; p++) {
        double aip = a[aOff + i * k + p];
        if (aip == 0) {
          continue;
        }
        int bp = bOff + p * m;
        for (int j = 0; j < m; j++) {
          gb[bp + j] += aip * g[gi + j];
        }
      }
    }
  }

  /** {@code y[r, :] = σ(bias + Σ_i x[r, i]·w[i, :])} for {@code rows} rows. */
  static void affine(double[] x, double[] w, double[] bias, Activation act, double[] y, int rows, int in, int out) {
    for (int r = 0; r < rows; r++) {
      int yr = r * out;
      if (bias != null) {
        System.arraycopy(bias, 0, y, yr, out);
      }
      int xr = r * in;
      for (int i = 0; i < in; i++) {
        double xi = x[xr + i];
        int wi = i * out;
        for (int j = 0; j < out; j++) {
          y[yr + j] += xi * w[wi + j];
        }
      }
    }
    activate(act, y, y, 0, rows * out);
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

  /** {@code y += w·x}. */
  static void axpy(double w, double[] x, double[] y) {
    for (int i = 0; i < y.length; i++) {
      y[i] += w * x[i];
    }
  }
}
