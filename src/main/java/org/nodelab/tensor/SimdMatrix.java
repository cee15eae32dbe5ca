package org.nodelab.tensor;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The products of {@link MatrixKernels} with the Vector API, reading the operands where they lie
 * (no row copies, no buffers per call). Every output element is the same chain of fused
 * multiply-adds over {@code p = 0..k−1} as in the plain kernels, so the bits agree: {@link
 * #biasFirst} starts the chain at the bias (the row kernel's order) and vectorises along an output
 * row; {@link #biasLast} starts it at zero, adds the bias at the end (the transposed and dot-product
 * kernels' order) and vectorises along an output column. With {@code acc} each result is added to
 * the output ({@code c = c + result}, as a gradient accumulates) instead of written. Loaded only
 * where {@link Simd#AVAILABLE}.
 */
final class SimdMatrix {
  private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
  private static final int L = SPECIES.length();

  /** Output rows per block of {@link #biasLast}: its columns of op(A), k × 128 doubles, stay in L2. */
  private static final int BLOCK = 128;

  /** Per-thread room for a transposed operand and for a block of outputs before they are scattered. */
  private static final ThreadLocal<double[][]> SCRATCH =
      ThreadLocal.withInitial(() -> new double[][] {new double[1024], new double[4 * L]});

  private SimdMatrix() {}

  /**
   * Rows {@code [from, to)} of {@code c = op(A)·B'} (+ bias first), where {@code op(A)[i, p] =
   * a[aOff + i·rs + p·ps]} and row p of B' is {@code b[bOff + p·bStride ..]} (n values).
   */
  static void biasFirst(double[] a, int aOff, int rs, int ps, double[] b, int bOff, int bStride, double[] c,
      int cOff, int k, int n, double[] bias, boolean acc, int from, int to) {
    int nv = n - n % L;
    int i = from;
    for (; i + 3 < to; i += 4) {
      int q = aOff + i * rs;
      int o = cOff + i * n;
      int j = 0;
      for (; j + 2 * L <= nv; j += 2 * L) {
        fourRowsTwoVectors(a, q, rs, ps, b, bOff + j, bStride, c, o + j, n, k, bias, j, acc);
      }
      for (; j < nv; j += L) {
        fourRowsOneVector(a, q, rs, ps, b, bOff + j, bStride, c, o + j, n, k, bias, j, acc);
      }
      for (int r = 0; r < 4; r++) {
        scalarTail(a, q + r * rs, ps, b, bOff, bStride, c, o + r * n, k, bias, nv, n, acc);
      }
    }
    for (; i < to; i++) {
      int q = aOff + i * rs;
      int o = cOff + i * n;
      int j = 0;
      for (; j + 4 * L <= nv; j += 4 * L) {
        oneRowFourVectors(a, q, ps, b, bOff + j, bStride, c, o + j, k, bias, j, acc);
      }
      for (; j < nv; j += L) {
        DoubleVector sum = init(bias, j);
        for (int p = 0; p < k; p++) {
          sum = DoubleVector.fromArray(SPECIES, b, bOff + p * bStride + j).fma(bc(a[q + p * ps]), sum);
        }
        store(sum, c, o + j, acc);
      }
      scalarTail(a, q, ps, b, bOff, bStride, c, o, k, bias, nv, n, acc);
    }
  }

  /** Writes {@code v} at {@code c[at..]}, or adds it to what is there ({@code acc}: {@code c = c + v}). */
  private static void store(DoubleVector v, double[] c, int at, boolean acc) {
    (acc ? DoubleVector.fromArray(SPECIES, c, at).add(v) : v).intoArray(c, at);
  }

  private static void put(double[] c, int at, double v, boolean acc) {
    c[at] = acc ? c[at] + v : v;
  }

  private static DoubleVector bc(double x) {
    return DoubleVector.broadcast(SPECIES, x);
  }

  private static DoubleVector init(double[] bias, int j) {
    return bias == null ? DoubleVector.zero(SPECIES) : DoubleVector.fromArray(SPECIES, bias, j);
  }

  private static void fourRowsTwoVectors(double[] a, int q, int rs, int ps, double[] b, int bOff, int bStride,
      double[] c, int o, int n, int k, double[] bias, int j, boolean acc) {
    DoubleVector c00 = init(bias, j);
    DoubleVector c01 = init(bias, j + L);
    DoubleVector c10 = c00;
    DoubleVector c11 = c01;
    DoubleVector c20 = c00;
    DoubleVector c21 = c01;
    DoubleVector c30 = c00;
    DoubleVector c31 = c01;
    for (int p = 0; p < k; p++) {
      int row = bOff + p * bStride;
      DoubleVector x0 = DoubleVector.fromArray(SPECIES, b, row);
      DoubleVector x1 = DoubleVector.fromArray(SPECIES, b, row + L);
      int qp = q + p * ps;
      double a0 = a[qp];
      double a1 = a[qp + rs];
      double a2 = a[qp + 2 * rs];
      double a3 = a[qp + 3 * rs];
      c00 = x0.fma(bc(a0), c00);
      c01 = x1.fma(bc(a0), c01);
      c10 = x0.fma(bc(a1), c10);
      c11 = x1.fma(bc(a1), c11);
      c20 = x0.fma(bc(a2), c20);
      c21 = x1.fma(bc(a2), c21);
      c30 = x0.fma(bc(a3), c30);
      c31 = x1.fma(bc(a3), c31);
    }
    store(c00, c, o, acc);
    store(c01, c, o + L, acc);
    store(c10, c, o + n, acc);
    store(c11, c, o + n + L, acc);
    store(c20, c, o + 2 * n, acc);
    store(c21, c, o + 2 * n + L, acc);
    store(c30, c, o + 3 * n, acc);
    store(c31, c, o + 3 * n + L, acc);
  }

  /** One output row, four vectors of it at a time: independent chains, as the row-block kernels have. */
  private static void oneRowFourVectors(double[] a, int q, int ps, double[] b, int bOff, int bStride, double[] c,
      int o, int k, double[] bias, int j, boolean acc) {
    DoubleVector s0 = init(bias, j);
    DoubleVector s1 = init(bias, j + L);
    DoubleVector s2 = init(bias, j + 2 * L);
    DoubleVector s3 = init(bias, j + 3 * L);
    for (int p = 0; p < k; p++) {
      int row = bOff + p * bStride;
      DoubleVector x = bc(a[q + p * ps]);
      s0 = DoubleVector.fromArray(SPECIES, b, row).fma(x, s0);
      s1 = DoubleVector.fromArray(SPECIES, b, row + L).fma(x, s1);
      s2 = DoubleVector.fromArray(SPECIES, b, row + 2 * L).fma(x, s2);
      s3 = DoubleVector.fromArray(SPECIES, b, row + 3 * L).fma(x, s3);
    }
    store(s0, c, o, acc);
    store(s1, c, o + L, acc);
    store(s2, c, o + 2 * L, acc);
    store(s3, c, o + 3 * L, acc);
  }

  private static void fourRowsOneVector(double[] a, int q, int rs, int ps, double[] b, int bOff, int bStride,
      double[] c, int o, int n, int k, double[] bias, int j, boolean acc) {
    DoubleVector c0 = init(bias, j);
    DoubleVector c1 = c0;
    DoubleVector c2 = c0;
    DoubleVector c3 = c0;
    for (int p = 0; p < k; p++) {
      DoubleVector x = DoubleVector.fromArray(SPECIES, b, bOff + p * bStride);
      int qp = q + p * ps;
      c0 = x.fma(bc(a[qp]), c0);
      c1 = x.fma(bc(a[qp + rs]), c1);
      c2 = x.fma(bc(a[qp + 2 * rs]), c2);
      c3 = x.fma(bc(a[qp + 3 * rs]), c3);
    }
    store(c0, c, o, acc);
    store(c1, c, o + n, acc);
    store(c2, c, o + 2 * n, acc);
    store(c3, c, o + 3 * n, acc);
  }

  /** Columns {@code [from, n)} of one output row, element by element. */
  private static void scalarTail(double[] a, int q, int ps, double[] b, int bOff, int bStride, double[] c, int o,
      int k, double[] bias, int from, int n, boolean acc) {
    for (int j = from; j < n; j++) {
      double s = bias == null ? 0 : bias[j];
      for (int p = 0; p < k; p++) {
        s = Math.fma(a[q + p * ps], b[bOff + p * bStride + j], s);
      }
      put(c, o + j, s, acc);
    }
  }

  /**
   * Rows {@code [from, to)} of {@code c = op(A)·op(B) + bias} with each chain started at zero and
   * the bias (0 when null) added last; {@code op(A)[i, p] = a[aOff + i·rs + p·ps]}, {@code op(B)[p,
   * j] = b[bOff + p·bp + j·bj]}. Columns of op(A) are read in place when contiguous ({@code rs ==
   * 1}), else copied block by block into this thread's scratch.
   */
  static void biasLast(double[] a, int aOff, int rs, int ps, double[] b, int bOff, int bp, int bj, double[] c,
      int cOff, int k, int n, double[] bias, boolean acc, int from, int to) {
    for (int i0 = from; i0 < to; i0 += BLOCK) {
      biasLastBlock(a, aOff, rs, ps, b, bOff, bp, bj, c, cOff, k, n, bias, acc, i0, Math.min(to, i0 + BLOCK));
    }
  }

  private static void biasLastBlock(double[] a, int aOff, int rs, int ps, double[] b, int bOff, int bp, int bj,
      double[] c, int cOff, int k, int n, double[] bias, boolean acc, int from, int to) {
    int len = to - from;
    double[][] scratch = SCRATCH.get();
    double[] cols;
    int colOff;
    int colStride;
    if (rs == 1) {
      cols = a;
      colOff = aOff + from;
      colStride = ps;
    } else {
      if (scratch[0].length < k * len) {
        scratch[0] = new double[k * len];
      }
      cols = scratch[0];
      for (int i = 0; i < len; i++) {
        int q = aOff + (from + i) * rs;
        for (int p = 0; p < k; p++) {
          cols[p * len + i] = a[q + p * ps];
        }
      }
      colOff = 0;
      colStride = len;
    }
    double[] lanes = scratch[1];
    int o = cOff + from * n;
    int j = 0;
    for (; j + 1 < n; j += 2) {
      twoColumns(cols, colOff, colStride, len, b, bOff + j * bj, bp, bj, c, o + j, n, k,
          bias == null ? 0 : bias[j], bias == null ? 0 : bias[j + 1], lanes, acc);
    }
    if (j < n) {
      oneColumn(cols, colOff, colStride, len, b, bOff + j * bj, bp, c, o + j, n, k, bias == null ? 0 : bias[j], lanes, acc);
    }
  }

  /**
   * Rows {@code [from, to)} of {@code c = A·B (+ bias last)} for a row-major A [m, k] and B [k, n],
   * vectorised along each output row (columns past the last whole vector one by one): the chain of {@link #biasLast} (from zero,
   * fused multiply-adds over p in order, then the bias) without transposing a block of A, so the
   * same bits; for the narrow outputs (n below {@link MatrixKernels#MIN_ROW}) that biasLast serves.
   */
  static void narrowRows(double[] a, int aOff, double[] b, int bOff, double[] c, int cOff, int k, int n,
      double[] bias, boolean acc, int from, int to) {
    int nv = n - n % L;
    for (int i = from; i < to; i++) {
      int q = aOff + i * k;
      int o = cOff + i * n;
      for (int j = 0; j < nv; j += L) {
        DoubleVector s = DoubleVector.zero(SPECIES);
        for (int p = 0; p < k; p++) {
          s = bc(a[q + p]).fma(DoubleVector.fromArray(SPECIES, b, bOff + p * n + j), s);
        }
        s = bias == null ? s.add(0.0) : s.add(DoubleVector.fromArray(SPECIES, bias, j));
        if (acc) {
          s = DoubleVector.fromArray(SPECIES, c, o + j).add(s);
        }
        s.intoArray(c, o + j);
      }
      for (int j = nv; j < n; j++) {
        double s = 0;
        for (int p = 0; p < k; p++) {
          s = Math.fma(a[q + p], b[bOff + p * n + j], s);
        }
        put(c, o + j, s + (bias == null ? 0 : bias[j]), acc);
      }
    }
  }

  /** Output columns j and j + 1 of a block: two rows of the transposed product at once. */
  private static void twoColumns(double[] cols, int colOff, int colStride, int len, double[] b, int bCol, int bp,
      int bj, double[] c, int o, int n, int k, double bias0, double bias1, double[] lanes, boolean acc) {
    int lv = len - len % L;
    int i = 0;
    for (; i + 2 * L <= lv; i += 2 * L) {
      DoubleVector s00 = DoubleVector.zero(SPECIES);
      DoubleVector s01 = s00;
      DoubleVector s10 = s00;
      DoubleVector s11 = s00;
      for (int p = 0; p < k; p++) {
        int at = colOff + p * colStride + i;
        DoubleVector x0 = DoubleVector.fromArray(SPECIES, cols, at);
        DoubleVector x1 = DoubleVector.fromArray(SPECIES, cols, at + L);
        double b0 = b[bCol + p * bp];
        double b1 = b[bCol + p * bp + bj];
        s00 = x0.fma(bc(b0), s00);
        s01 = x1.fma(bc(b0), s01);
        s10 = x0.fma(bc(b1), s10);
        s11 = x1.fma(bc(b1), s11);
      }
      s00.add(bias0).intoArray(lanes, 0);
      s01.add(bias0).intoArray(lanes, L);
      s10.add(bias1).intoArray(lanes, 2 * L);
      s11.add(bias1).intoArray(lanes, 3 * L);
      for (int r = 0; r < 2 * L; r++) {
        put(c, o + (i + r) * n, lanes[r], acc);
        put(c, o + (i + r) * n + 1, lanes[2 * L + r], acc);
      }
    }
    for (; i < lv; i += L) {
      DoubleVector s0 = DoubleVector.zero(SPECIES);
      DoubleVector s1 = s0;
      for (int p = 0; p < k; p++) {
        DoubleVector x = DoubleVector.fromArray(SPECIES, cols, colOff + p * colStride + i);
        s0 = x.fma(bc(b[bCol + p * bp]), s0);
        s1 = x.fma(bc(b[bCol + p * bp + bj]), s1);
      }
      s0.add(bias0).intoArray(lanes, 0);
      s1.add(bias1).intoArray(lanes, L);
      for (int r = 0; r < L; r++) {
        put(c, o + (i + r) * n, lanes[r], acc);
        put(c, o + (i + r) * n + 1, lanes[L + r], acc);
      }
    }
    for (; i < len; i++) {
      double s0 = 0;
      double s1 = 0;
      for (int p = 0; p < k; p++) {
        double x = cols[colOff + p * colStride + i];
        s0 = Math.fma(x, b[bCol + p * bp], s0);
        s1 = Math.fma(x, b[bCol + p * bp + bj], s1);
      }
      put(c, o + i * n, s0 + bias0, acc);
      put(c, o + i * n + 1, s1 + bias1, acc);
    }
  }

  /** Output column j of a block: one row of the transposed product. */
  private static void oneColumn(double[] cols, int colOff, int colStride, int len, double[] b, int bCol, int bp,
      double[] c, int o, int n, int k, double bias, double[] lanes, boolean acc) {
    int lv = len - len % L;
    int i = 0;
    for (; i + 2 * L <= lv; i += 2 * L) {
      DoubleVector s0 = DoubleVector.zero(SPECIES);
      DoubleVector s1 = s0;
      for (int p = 0; p < k; p++) {
        int at = colOff + p * colStride + i;
        double x = b[bCol + p * bp];
        s0 = DoubleVector.fromArray(SPECIES, cols, at).fma(bc(x), s0);
        s1 = DoubleVector.fromArray(SPECIES, cols, at + L).fma(bc(x), s1);
      }
      s0.add(bias).intoArray(lanes, 0);
      s1.add(bias).intoArray(lanes, L);
      for (int r = 0; r < 2 * L; r++) {
        put(c, o + (i + r) * n, lanes[r], acc);
      }
    }
    for (; i < lv; i += L) {
      DoubleVector s0 = DoubleVector.zero(SPECIES);
      for (int p = 0; p < k; p++) {
        s0 = DoubleVector.fromArray(SPECIES, cols, colOff + p * colStride + i).fma(bc(b[bCol + p * bp]), s0);
      }
      s0.add(bias).intoArray(lanes, 0);
      for (int r = 0; r < L; r++) {
        put(c, o + (i + r) * n, lanes[r], acc);
      }
    }
    for (; i < len; i++) {
      double s = 0;
      for (int p = 0; p < k; p++) {
        s = Math.fma(cols[colOff + p * colStride + i], b[bCol + p * bp], s);
      }
      put(c, o + i * n, s + bias, acc);
    }
  }
}
