package org.nodelab.tensor;

import java.util.Arrays;

/**
 * Matrix products {@code C = op(A)·op(B) (+ bias)} on raw row-major arrays, where {@code op}
 * optionally transposes.
 *
 * <p>C2 (JDK 17) vectorises a loop only when all its arrays share one index expression, so the
 * multiply-add loops run over rows held in arrays of their own: the rows of op(B) are copied out
 * once, each block of four output rows is accumulated in row buffers (i-k-j order, contiguous inner
 * loop, two rows of op(B) per sweep) and then copied into C. Its vector loops need rows of a few
 * dozen elements, so a narrow product (few columns, many rows) is computed transposed, {@code Cᵀ =
 * op(B)ᵀ·op(A)ᵀ}, block by block, and a product that is narrow both ways by dot products.
 */
final class MatrixKernels {
  /** Row length from which the row kernel pays. */
  static final int MIN_ROW = 32;

  /** Rows of op(A) per block of the transposed path (its columns, k × 128 doubles, stay in L2). */
  private static final int TRANSPOSED_BLOCK = 128;

  /** Columns gathered together when transposing: one cache line of each destination row. */
  private static final int TRANSPOSE_BLOCK = 8;

  /** Below this row length C2 runs the inner loop as scalar code only. */
  private static final int VECTOR_ROW = 8;

  private MatrixKernels() {}

  /**
   * {@code c[cOff..] = A·B (+ bias on every row)} for A of shape [m, k] and B of shape [k, n], split
   * over threads where the work pays; {@code bias} is null or has n entries.
   */
  static void matmul(double[] a, int aOff, double[] b, int bOff, double[] c, int cOff, int m, int k, int n,
      double[] bias) {
    run(rows(a, aOff, false, b, bOff, false, c, cOff, m, k, n, bias), m, k, n);
  }

  /** Runs the body of an [m, k]·[k, n] product: split over threads where the work pays, else here. */
  static void run(Parallel.Rows product, int m, int k, int n) {
    Parallel.rows(m, alignment(m, n), (long) m * k * n, product);
  }

  /**
   * {@code c[cOff..] = op(A)·op(B) (+ bias on every row)} for {@code op(A)} of shape [m, k] and
   * {@code op(B)} of shape [k, n] (with a flag set the operand is stored transposed: {@code A} as
   * [k, m], {@code B} as [n, k]), as a body that computes output rows {@code [from, to)}; the rows
   * of op(B) are prepared once, here.
   */
  static Parallel.Rows rows(
      double[] a,
      int aOff,
      boolean transA,
      double[] b,
      int bOff,
      boolean transB,
      double[] c,
      int cOff,
      int m,
      int k,
      int n,
      double[] bias) {
    if (Simd.on()) {
      return simdRows(a, aOff, transA, b, bOff, transB, c, cOff, m, k, n, bias, false);
    }
    return plainRows(a, aOff, transA, b, bOff, transB, c, cOff, m, k, n, bias);
  }

  /** {@link #rows} on plain loops that C2 auto-vectorises (when the Vector API is absent). */
  static Parallel.Rows plainRows(double[] a, int aOff, boolean transA, double[] b, int bOff, boolean transB,
      double[] c, int cOff, int m, int k, int n, double[] bias) {
    if (usesRowKernel(m, n)) {
      double[][] bRows = rowsOf(b, bOff, transB, k, n);
      return (from, to) -> rowKernel(a, aOff, transA, bRows, c, cOff, m, k, n, bias, from, to);
    } else if (m >= MIN_ROW) {
      return (from, to) -> transposedKernel(a, aOff, transA, b, bOff, transB, c, cOff, m, k, n, bias, from, to);
    }
    return (from, to) -> dotKernel(a, aOff, transA, b, bOff, transB, c, cOff, m, k, n, bias, false);
  }

  /**
   * {@link #rows} on the Vector API kernels: the same path for the same shape, so the same bits;
   * with {@code acc} the product is added to C ({@code c = c + product}, a gradient accumulating).
   */
  static Parallel.Rows simdRows(double[] a, int aOff, boolean transA, double[] b, int bOff, boolean transB,
      double[] c, int cOff, int m, int k, int n, double[] bias, boolean acc) {
    int rs = transA ? 1 : k;
    int ps = transA ? m : 1;
    if (usesRowKernel(m, n)) {
      double[] rowsB = b;
      int rowsOff = bOff;
      if (transB) {
        rowsB = new double[k * n];
        rowsOff = 0;
        for (int j = 0; j < n; j++) {
          for (int p = 0; p < k; p++) {
            rowsB[p * n + j] = b[bOff + j * k + p];
          }
        }
      }
      double[] bRows = rowsB;
      int bRowsOff = rowsOff;
      return (from, to) -> SimdMatrix.biasFirst(a, aOff, rs, ps, bRows, bRowsOff, n, c, cOff, k, n, bias, acc, from, to);
    }
    if (!transA && m < MIN_ROW) {
      return (from, to) -> dotKernel(a, aOff, false, b, bOff, transB, c, cOff, m, k, n, bias, acc);
    }
    if (!transA && !transB) {
      return (from, to) -> SimdMatrix.narrowRows(a, aOff, b, bOff, c, cOff, k, n, bias, acc, from, to);
    }
    int bp = transB ? 1 : n;
    int bj = transB ? k : 1;
    return (from, to) -> SimdMatrix.biasLast(a, aOff, rs, ps, b, bOff, bp, bj, c, cOff, k, n, bias, acc, from, to);
  }

  /** The row boundaries a split of an [m, n] product may use: those of the kernel's own blocks. */
  static int alignment(int m, int n) {
    if (usesRowKernel(m, n)) {
      return 4;
    }
    return m >= MIN_ROW ? TRANSPOSED_BLOCK : Math.max(m, 1);
  }

  /**
   * Whether an [m, n] product runs directly on the rows of op(B) (rather than transposed or by dot
   * products).
   */
  static boolean usesRowKernel(int m, int n) {
    return n >= MIN_ROW || (n >= VECTOR_ROW && m < MIN_ROW);
  }

  /**
   * {@code Cᵀ = op(B)ᵀ·op(A)ᵀ} by blocks of {@link #TRANSPOSED_BLOCK} rows of op(A): each block is
   * transposed into row arrays (the columns of the block, which stay in cache), multiplied by the
   * row kernel into a [n, block] buffer and scattered into C.
   */
  private static void transposedKernel(
      double[] a,
      int aOff,
      boolean transA,
      double[] b,
      int bOff,
      boolean transB,
      double[] c,
      int cOff,
      int m,
      int k,
      int n,
      double[] bias,
      int from,
      int to) {
    int block = Math.min(to - from, TRANSPOSED_BLOCK);
    double[][] cols = new double[k][block];
    double[] ct = new double[n * block];
    for (int i0 = from; i0 < to; i0 += block) {
      int len = Math.min(block, to - i0);
      if (transA) {
        for (int p = 0; p < k; p++) {
          System.arraycopy(a, aOff + p * m + i0, cols[p], 0, len);
        }
      } else {
        for (int j0 = 0; j0 < len; j0 += TRANSPOSE_BLOCK) {
          int j1 = Math.min(len, j0 + TRANSPOSE_BLOCK);
          for (int p = 0; p < k; p++) {
            double[] col = cols[p];
            for (int j = j0; j < j1; j++) {
              col[j] = a[aOff + (i0 + j) * k + p];
            }
          }
        }
      }
      rowKernel(b, bOff, !transB, cols, ct, 0, n, k, len, null, 0, n);
      for (int j = 0; j < n; j++) {
        double bj = bias == null ? 0 : bias[j];
        for (int i = 0; i < len; i++) {
          c[cOff + (i0 + i) * n + j] = ct[j * len + i] + bj;
        }
      }
    }
  }

  /**
   * The k rows (each of length n) of {@code op(B)}, each copied into an array of its own ({@code
   * transB}: B is stored [n, k], so the rows are its columns).
   */
  static double[][] rowsOf(double[] b, int bOff, boolean transB, int k, int n) {
    double[][] rows = new double[k][];
    if (!transB) {
      for (int p = 0; p < k; p++) {
        rows[p] = Arrays.copyOfRange(b, bOff + p * n, bOff + p * n + n);
      }
      return rows;
    }
    for (int p = 0; p < k; p++) {
      rows[p] = new double[n];
    }
    for (int j0 = 0; j0 < n; j0 += TRANSPOSE_BLOCK) {
      int j1 = Math.min(n, j0 + TRANSPOSE_BLOCK);
      for (int p = 0; p < k; p++) {
        double[] row = rows[p];
        for (int j = j0; j < j1; j++) {
          row[j] = b[bOff + j * k + p];
        }
      }
    }
    return rows;
  }

  /** Rows {@code [from, to)} of {@code c = op(A)·B (+ bias)} with the rows of B given; see the class comment. */
  static void rowKernel(
      double[] a,
      int aOff,
      boolean transA,
      double[][] bRows,
      double[] c,
      int cOff,
      int m,
      int k,
      int n,
      double[] bias,
      int from,
      int to) {
    int rs = transA ? 1 : k;
    int ps = transA ? m : 1;
    double[] c0 = new double[n];
    double[] c1 = new double[n];
    double[] c2 = new double[n];
    double[] c3 = new double[n];
    double[] init = bias != null ? bias : new double[n];
    int i = from;
    for (; i + 3 < to; i += 4) {
      int r0 = aOff + i * rs;
      int p = 0;
      for (; p + 1 < k; p += 2) {
        int q = r0 + p * ps;
        boolean first = p == 0;
        fourRowsTwoTerms(
            first ? init : c0,
            first ? init : c1,
            first ? init : c2,
            first ? init : c3,
            c0,
            c1,
            c2,
            c3,
            bRows[p],
            bRows[p + 1],
            a[q],
            a[q + ps],
            a[q + rs],
            a[q + rs + ps],
            a[q + 2 * rs],
            a[q + 2 * rs + ps],
            a[q + 3 * rs],
            a[q + 3 * rs + ps],
            n);
      }
      if (p < k) {
        int q = r0 + p * ps;
        boolean first = p == 0;
        fourRowsOneTerm(
            first ? init : c0,
            first ? init : c1,
            first ? init : c2,
            first ? init : c3,
            c0,
            c1,
            c2,
            c3,
            bRows[p],
            a[q],
            a[q + rs],
            a[q + 2 * rs],
            a[q + 3 * rs],
            n);
      }
      int o = cOff + i * n;
      double[][] rows =
          k == 0 ? new double[][] {init, init, init, init} : new double[][] {c0, c1, c2, c3};
      for (int r = 0; r < 4; r++) {
        System.arraycopy(rows[r], 0, c, o + r * n, n);
      }
    }
    for (; i < to; i++) {
      initRow(c0, bias, n);
      int r0 = aOff + i * rs;
      int p = 0;
      for (; p + 1 < k; p += 2) {
        int q = r0 + p * ps;
        double a0 = a[q];
        double a1 = a[q + ps];
        double[] b0 = bRows[p];
        double[] b1 = bRows[p + 1];
        for (int j = 0; j < n; j++) {
          c0[j] = Math.fma(a1, b1[j], Math.fma(a0, b0[j], c0[j]));
        }
      }
      if (p < k) {
        double a0 = a[r0 + p * ps];
        double[] b0 = bRows[p];
        for (int j = 0; j < n; j++) {
          c0[j] = Math.fma(a0, b0[j], c0[j]);
        }
      }
      System.arraycopy(c0, 0, c, cOff + i * n, n);
    }
  }

  /**
   * {@code c_r = s_r + a_r0·b0 + a_r1·b1} for the four rows r (s_r is the bias row on the first
   * sweep, c_r itself afterwards): the inner loop of the row kernel.
   */
  private static void fourRowsTwoTerms(
      double[] s0,
      double[] s1,
      double[] s2,
      double[] s3,
      double[] c0,
      double[] c1,
      double[] c2,
      double[] c3,
      double[] b0,
      double[] b1,
      double a00,
      double a01,
      double a10,
      double a11,
      double a20,
      double a21,
      double a30,
      double a31,
      int n) {
    for (int j = 0; j < n; j++) {
      double x0 = b0[j];
      double x1 = b1[j];
      c0[j] = Math.fma(a01, x1, Math.fma(a00, x0, s0[j]));
      c1[j] = Math.fma(a11, x1, Math.fma(a10, x0, s1[j]));
      c2[j] = Math.fma(a21, x1, Math.fma(a20, x0, s2[j]));
      c3[j] = Math.fma(a31, x1, Math.fma(a30, x0, s3[j]));
    }
  }

  /** {@code c_r = s_r + a_r·b} for the four rows r. */
  private static void fourRowsOneTerm(
      double[] s0,
      double[] s1,
      double[] s2,
      double[] s3,
      double[] c0,
      double[] c1,
      double[] c2,
      double[] c3,
      double[] b,
      double a0,
      double a1,
      double a2,
      double a3,
      int n) {
    for (int j = 0; j < n; j++) {
      double x = b[j];
      c0[j] = Math.fma(a0, x, s0[j]);
      c1[j] = Math.fma(a1, x, s1[j]);
      c2[j] = Math.fma(a2, x, s2[j]);
      c3[j] = Math.fma(a3, x, s3[j]);
    }
  }

  private static void initRow(double[] row, double[] bias, int n) {
    if (bias == null) {
      Arrays.fill(row, 0.0);
    } else {
      System.arraycopy(bias, 0, row, 0, n);
    }
  }

  /**
   * Dot-product form for products narrow in both directions: two columns of op(B) are gathered at
   * a time, then every output is a dot product, four rows by two columns at a time for eight
   * independent accumulators; with {@code acc} each is added to C instead of written.
   */
  static void dotKernel(
      double[] a,
      int aOff,
      boolean transA,
      double[] b,
      int bOff,
      boolean transB,
      double[] c,
      int cOff,
      int m,
      int k,
      int n,
      double[] bias,
      boolean acc) {
    int rs = transA ? 1 : k;
    int ps = transA ? m : 1;
    double[] col0 = new double[k];
    double[] col1 = new double[k];
    int j = 0;
    for (; j + 1 < n; j += 2) {
      gatherColumn(b, bOff, transB, k, n, j, col0);
      gatherColumn(b, bOff, transB, k, n, j + 1, col1);
      double b0 = bias == null ? 0 : bias[j];
      double b1 = bias == null ? 0 : bias[j + 1];
      int i = 0;
      for (; i + 3 < m; i += 4) {
        int q = aOff + i * rs;
        double s00 = 0;
        double s10 = 0;
        double s20 = 0;
        double s30 = 0;
        double s01 = 0;
        double s11 = 0;
        double s21 = 0;
        double s31 = 0;
        for (int p = 0; p < k; p++) {
          double x0 = col0[p];
          double x1 = col1[p];
          int qp = q + p * ps;
          double a0 = a[qp];
          double a1 = a[qp + rs];
          double a2 = a[qp + 2 * rs];
          double a3 = a[qp + 3 * rs];
          s00 = Math.fma(a0, x0, s00);
          s10 = Math.fma(a1, x0, s10);
          s20 = Math.fma(a2, x0, s20);
          s30 = Math.fma(a3, x0, s30);
          s01 = Math.fma(a0, x1, s01);
          s11 = Math.fma(a1, x1, s11);
          s21 = Math.fma(a2, x1, s21);
          s31 = Math.fma(a3, x1, s31);
        }
        int o = cOff + i * n + j;
        put(c, o, s00 + b0, acc);
        put(c, o + 1, s01 + b1, acc);
        put(c, o + n, s10 + b0, acc);
        put(c, o + n + 1, s11 + b1, acc);
        put(c, o + 2 * n, s20 + b0, acc);
        put(c, o + 2 * n + 1, s21 + b1, acc);
        put(c, o + 3 * n, s30 + b0, acc);
        put(c, o + 3 * n + 1, s31 + b1, acc);
      }
      for (; i < m; i++) {
        int q = aOff + i * rs;
        double s0 = 0;
        double s1 = 0;
        for (int p = 0; p < k; p++) {
          double ap = a[q + p * ps];
          s0 = Math.fma(ap, col0[p], s0);
          s1 = Math.fma(ap, col1[p], s1);
        }
        put(c, cOff + i * n + j, s0 + b0, acc);
        put(c, cOff + i * n + j + 1, s1 + b1, acc);
      }
    }
    if (j < n) {
      gatherColumn(b, bOff, transB, k, n, j, col0);
      double b0 = bias == null ? 0 : bias[j];
      for (int i = 0; i < m; i++) {
        int q = aOff + i * rs;
        double s = 0;
        for (int p = 0; p < k; p++) {
          s = Math.fma(a[q + p * ps], col0[p], s);
        }
        put(c, cOff + i * n + j, s + b0, acc);
      }
    }
  }

  private static void put(double[] c, int at, double v, boolean acc) {
    c[at] = acc ? c[at] + v : v;
  }

  private static void gatherColumn(double[] b, int bOff, boolean transB, int k, int n, int j, double[] col) {
    for (int p = 0; p < k; p++) {
      col[p] = transB ? b[bOff + j * k + p] : b[bOff + p * n + j];
    }
  }
}
