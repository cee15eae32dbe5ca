package org.nodelab.tensor;

/**
 * Vectorisable {@code exp}, {@code tanh} and {@code sigmoid} over {@code double[]}, each within a
 * few ulp of {@link StrictMath} ({@code TensorOpsTest} checks tanh within 4 ulp on [−25, 25]).
 *
 * <p>C2 on JDK 17 vectorises a loop only if its body is small, every array is indexed by the same
 * expression, and it uses no bit casts, integer conversions, {@code copySign} or branches. So each
 * function runs as a few short passes of pure floating-point arithmetic: Cody–Waite range reduction
 * {@code u = k·ln2 + r}, {@code |r| ≤ ln2/2} (k rounded with the {@code 1.5·2^52} trick), the
 * degree-13 Taylor polynomial of {@code expm1(r)} (truncation below 0.1 ulp on that interval), and
 * {@code 2^k} built exactly from the binary digits of k, each digit obtained with {@link
 * Math#floor}.
 */
final class VectorMath {
  private VectorMath() {}

  private static final double INV_LN2 = 1.4426950408889634;

  /** ln2 split so that {@code k·LN2_HI} is exact for |k| < 2^20 (fdlibm's constants). */
  private static final double LN2_HI = 6.93147180369123816490e-01;

  private static final double LN2_LO = 1.90821492927058770002e-10;

  /** Adding and subtracting 1.5·2^52 rounds a double of magnitude below 2^51 to an integer. */
  private static final double SHIFT = 0x1.8p52;

  /** |2x| above which tanh(x) rounds to ±1: 1 − tanh(19.1) < 2^-54. */
  private static final double TANH_U_MAX = 38.2;

  /** Bias of {@link #pow2Small}: it covers integers in [−58, 69]. */
  private static final double SMALL_BIAS = 58;

  /**
   * exp(x) is +∞ above 709.79 and 0 below −745.14; clamping to these bounds keeps k in [−1076,
   * 1025].
   */
  private static final double EXP_X_MAX = 710;

  private static final double EXP_X_MIN = -746;

  /** floor(k/2) + 538 lies in [0, 1050] for k in [−1076, 1025]. */
  private static final double EXP_BIAS = 538;

  static final double C2 = 1.0 / 2;
  static final double C3 = 1.0 / 6;
  static final double C4 = 1.0 / 24;
  static final double C5 = 1.0 / 120;
  static final double C6 = 1.0 / 720;
  static final double C7 = 1.0 / 5040;
  static final double C8 = 1.0 / 40320;
  static final double C9 = 1.0 / 362880;
  static final double C10 = 1.0 / 3628800;
  static final double C11 = 1.0 / 39916800;
  static final double C12 = 1.0 / 479001600;
  static final double C13 = 1.0 / 6227020800.0;

  /** Scratch arrays up to this length are kept per thread; longer ones are allocated per call. */
  private static final int SCRATCH_KEPT = 1 << 18;

  /** The passes of a function run over blocks of this many elements, which stay in the L1 cache. */
  private static final int BLOCK = 1024;

  private static final ThreadLocal<double[][]> SCRATCH =
      ThreadLocal.withInitial(() -> new double[][] {new double[256], new double[256]});

  /** One or two scratch arrays of length at least {@code n}; never shared between threads. */
  private static double[][] scratch(int n) {
    if (n > SCRATCH_KEPT) {
      return new double[][] {new double[n], new double[n]};
    }
    double[][] s = SCRATCH.get();
    if (s[0].length < n) {
      int len = Math.min(SCRATCH_KEPT, Math.max(n, 2 * s[0].length));
      s[0] = new double[len];
      s[1] = new double[len];
    }
    return s;
  }

  /**
   * {@code expm1(r)} for |r| ≤ ln2/2: degree-13 Taylor polynomial in Estrin form (keeps the sign of
   * zero).
   */
  static double expm1Poly(double r) {
    double r2 = r * r;
    double r4 = r2 * r2;
    double b0 = Math.fma(r2, Math.fma(r, C5, C4), Math.fma(r, C3, C2));
    double b1 = Math.fma(r2, Math.fma(r, C9, C8), Math.fma(r, C7, C6));
    double b2 = Math.fma(r2, Math.fma(r, C13, C12), Math.fma(r, C11, C10));
    return r * Math.fma(r, Math.fma(r4 * r4, b2, Math.fma(r4, b1, b0)), 1);
  }

  /**
   * Splits every {@code u[i]} (|u| below 2^51) as {@code k·ln2 + r}: k into {@code k[i]}, r into
   * {@code r[i]}.
   */
  private static void reduce(double[] u, double[] r, double[] k, int from, int to) {
    for (int i = from; i < to; i++) {
      double v = u[i];
      double kk = (v * INV_LN2 + SHIFT) - SHIFT;
      k[i] = kk;
      r[i] = Math.fma(-kk, LN2_LO, Math.fma(-kk, LN2_HI, v));
    }
  }

  /**
   * {@code k[i] = 2^k[i]} exactly, for integers {@code k[i]} in [−58, 69] (seven binary digits of k
   * + 58).
   */
  private static void pow2Small(double[] k, int from, int to) {
    for (int i = from; i < to; i++) {
      double h0 = k[i] + SMALL_BIAS;
      double h1 = Math.floor(h0 * 0.5);
      double h2 = Math.floor(h1 * 0.5);
      double h3 = Math.floor(h2 * 0.5);
      double h4 = Math.floor(h3 * 0.5);
      double h5 = Math.floor(h4 * 0.5);
      double h6 = Math.floor(h5 * 0.5);
      double s =
          0x1p-58
              * (1 + (h0 - 2 * h1))
              * Math.fma(h1 - 2 * h2, 3, 1)
              * Math.fma(h2 - 2 * h3, 15, 1);
      k[i] =
          s
              * Math.fma(h3 - 2 * h4, 0xffp0, 1)
              * Math.fma(h4 - 2 * h5, 0xffffp0, 1)
              * Math.fma(h5 - 2 * h6, 0xffffffffp0, 1)
              * Math.fma(h6, 0x1p64, 1);
    }
  }

  /** Below this input ELU's {@code e^x − 1} is −1 to double precision ({@code e^{−40}} is 4e−18). */
  static final double ELU_X_MIN = -40;

  private static final long ONE_BITS = Double.doubleToRawLongBits(1.0);

  /**
   * ELU (α = 1), {@code x > 0 ? x : e^x − 1}, with {@code e^x − 1 = 2^k·expm1(r) − (1 − 2^k)} after
   * Cody–Waite reduction (accurate relative to small |x|; {@code SimdMath.elu} lane-wise gives the
   * same bits).
   */
  static double elu(double v) {
    double u = Math.min(Math.max(v, ELU_X_MIN), 0.0);
    double shifted = u * INV_LN2 + SHIFT;
    double k = shifted - SHIFT;
    double r = Math.fma(-k, LN2_LO, Math.fma(-k, LN2_HI, u));
    double s = Double.longBitsToDouble((Double.doubleToRawLongBits(shifted) << 52) + ONE_BITS);
    double m = s * expm1Poly(r) - (1 - s);
    return v > 0 ? v : m;
  }

  /**
   * {@code y = tanh(x)} (in place allowed), within 4 ulp of {@code StrictMath.tanh}: {@code tanh x
   * = m/(m+2)} with {@code m = expm1(2x)}, which keeps small |x| accurate relative to x.
   */
  static void tanh(double[] x, double[] y, int n) {
    tanh(x, y, 0, n);
  }

  /** {@link #tanh(double[], double[], int)} for the elements {@code [start, end)}. */
  static void tanh(double[] x, double[] y, int start, int end) {
    double[] k = scratch(end)[0];
    for (int from = start; from < end; from += BLOCK) {
      int to = Math.min(end, from + BLOCK);
      for (int i = from; i < to; i++) {
        double v = x[i];
        y[i] = Math.max(-TANH_U_MAX, Math.min(TANH_U_MAX, v + v));
      }
      reduce(y, y, k, from, to);
      pow2Small(k, from, to);
      for (int i = from; i < to; i++) {
        double s = k[i];
        double m = s * expm1Poly(y[i]) - (1 - s);
        y[i] = m / (m + 2);
      }
    }
  }

  /**
   * {@code y = exp(x)} (in place allowed) over the whole double range, within 2 ulp of {@code
   * StrictMath.exp}, including gradual underflow; {@code 2^k} is applied as two exact factors
   * {@code 2^⌊k/2⌋·2^⌈k/2⌉} so that neither overflows before the product does.
   */
  static void exp(double[] x, double[] y, int n) {
    exp(x, y, 0, n);
  }

  /** {@link #exp(double[], double[], int)} for the elements {@code [start, end)}. */
  static void exp(double[] x, double[] y, int start, int end) {
    double[][] s = scratch(end);
    double[] k = s[0];
    double[] high = s[1];
    for (int from = start; from < end; from += BLOCK) {
      int to = Math.min(end, from + BLOCK);
      for (int i = from; i < to; i++) {
        y[i] = Math.max(EXP_X_MIN, Math.min(EXP_X_MAX, x[i]));
      }
      reduce(y, y, k, from, to);
      expScale(k, high, from, to);
      for (int i = from; i < to; i++) {
        y[i] = 1 + expm1Poly(y[i]);
      }
      for (int i = from; i < to; i++) {
        double kk = k[i];
        double s1 = high[i];
        y[i] = (y[i] * s1) * (s1 * (1 + (kk - 2 * Math.floor(kk * 0.5))));
      }
    }
  }

  /**
   * {@code high[i] = 2^⌊k[i]/2⌋} exactly, for integers k in [−1076, 1025]: the eleven binary digits
   * of {@code ⌊k/2⌋ + 538}, in two passes short enough for C2 to vectorise.
   */
  private static void expScale(double[] k, double[] high, int from, int to) {
    for (int i = from; i < to; i++) {
      double h6 = Math.floor((Math.floor(k[i] * 0.5) + EXP_BIAS) * 0x1p-6);
      double h7 = Math.floor(h6 * 0.5);
      double h8 = Math.floor(h7 * 0.5);
      double h9 = Math.floor(h8 * 0.5);
      double h10 = Math.floor(h9 * 0.5);
      double p = Math.fma(h10, 0x1p486, 0x1p-538) * Math.fma(h9 - 2 * h10, 0x1p512, 1);
      high[i] =
          p
              * Math.fma(h8 - 2 * h9, 0x1p256, 1)
              * Math.fma(h7 - 2 * h8, 0x1p128, 1)
              * Math.fma(h6 - 2 * h7, 0x1p64, 1);
    }
    for (int i = from; i < to; i++) {
      double h0 = Math.floor(k[i] * 0.5) + EXP_BIAS;
      double h1 = Math.floor(h0 * 0.5);
      double h2 = Math.floor(h1 * 0.5);
      double h3 = Math.floor(h2 * 0.5);
      double h4 = Math.floor(h3 * 0.5);
      double h5 = Math.floor(h4 * 0.5);
      double h6 = Math.floor(h5 * 0.5);
      double s = (1 + (h0 - 2 * h1)) * Math.fma(h1 - 2 * h2, 3, 1) * Math.fma(h2 - 2 * h3, 15, 1);
      high[i] *=
          s
              * Math.fma(h3 - 2 * h4, 0xffp0, 1)
              * Math.fma(h4 - 2 * h5, 0xffffp0, 1)
              * Math.fma(h5 - 2 * h6, 0xffffffffp0, 1);
    }
  }

  /**
   * {@code y = 1/(1 + exp(−x))} (in place allowed), accurate relative to the result in both tails.
   */
  static void sigmoid(double[] x, double[] y, int n) {
    sigmoid(x, y, 0, n);
  }

  /** {@link #sigmoid(double[], double[], int)} for the elements {@code [start, end)}. */
  static void sigmoid(double[] x, double[] y, int start, int end) {
    for (int i = start; i < end; i++) {
      y[i] = -x[i];
    }
    exp(y, y, start, end);
    for (int i = start; i < end; i++) {
      y[i] = 1 / (1 + y[i]);
    }
  }
}
