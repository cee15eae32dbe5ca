package org.nodelab.tensor;

/**
 * General matrix multiply-accumulate {@code C += A·B} on flat arrays addressed by (offset, row
 * stride, column stride), so transposed operands cost nothing to describe.
 *
 * <p>Why row arrays: C2 (JDK 17) vectorises {@code c[j] += a·b[j]} only when load and store use
 * the same index expression, because it cannot rule out that two offsets into one array overlap.
 * So the operands are copied into arrays of rows (one {@code double[]} per row, index {@code j} in
 * each) and the product runs as a register-blocked sequence of such loops over four rows at once;
 * the orientation ({@code C} or {@code Cᵀ}) is chosen so that the vectorised loop is the longer
 * side. Copies cost {@code O(nk + km + nm)} against {@code O(nkm)} multiply-adds.
 */
final class Gemm {
  private Gemm() {}

  /** A matrix view: element (i, j) is {@code data[off + i·rs + j·cs]}. */
  record View(double[] data, int off, int rs, int cs) {
    double get(int i, int j) {
      return data[off + i * rs + j * cs];
    }

    View transposed() {
      return new View(data, off, cs, rs);
    }
  }

  /** {@code C (n×m) += A (n×k) · B (k×m)}. */
  static void multiplyAdd(int n, int k, int m, View a, View b, View c) {
    if (n == 0 || m == 0 || k == 0) {
      return;
    }
    if ((long) n * k * m <= SMALL) {
      direct(n, k, m, a, b, c);
    } else if (m >= n || m >= 64) {
      double[][] bRows = rows(b, k, m);
      double[][] cRows = rows(c, n, m);
      blocked(n, k, m, a, bRows, cRows);
      store(cRows, c, n, m);
    } else {
      View bt = b.transposed();
      double[][] aRows = rows(a.transposed(), k, n);
      double[][] cRows = rows(c.transposed(), m, n);
      blocked(m, k, n, bt, aRows, cRows);
      store(cRows, c.transposed(), m, n);
    }
  }

  /** Below this many multiply-adds, copying into rows costs more than it saves. */
  private static final long SMALL = 16384;

  /**
   * Small products without row arrays: the axpy form {@code c[i,:] += a(i,p)·b[p,:]} when rows of
   * {@code c} are long enough to vectorise, else dot products of contiguous rows of {@code a} and
   * {@code bᵀ} with four accumulators. Strided operands are first copied into contiguous arrays
   * (O(nk + km) against O(nkm) multiply-adds).
   */
  private static void direct(int n, int k, int m, View a, View b, View c) {
    double[] cd = c.data;
    if (m >= 8 && c.cs == 1) {
      double[] bd = b.data;
      int bOff = b.off;
      int bRs = b.rs;
      if (b.cs != 1) {
        bd = contiguous(b, k, m);
        bOff = 0;
        bRs = m;
      }
      for (int i = 0; i < n; i++) {
        int ci = c.off + i * c.rs;
        for (int p = 0; p < k; p++) {
          double aip = a.get(i, p);
          int bp = bOff + p * bRs;
          for (int j = 0; j < m; j++) {
            cd[ci + j] += aip * bd[bp + j];
          }
        }
      }
      return;
    }
    double[] ad = a.cs == 1 ? a.data : contiguous(a, n, k);
    int aOff = a.cs == 1 ? a.off : 0;
    int aRs = a.cs == 1 ? a.rs : k;
    double[] bt = contiguous(b.transposed(), m, k);
    for (int i = 0; i < n; i++) {
      int ai = aOff + i * aRs;
      for (int j = 0; j < m; j++) {
        int bj = j * k;
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int p = 0;
        for (; p + 4 <= k; p += 4) {
          s0 += ad[ai + p] * bt[bj + p];
          s1 += ad[ai + p + 1] * bt[bj + p + 1];
          s2 += ad[ai + p + 2] * bt[bj + p + 2];
          s3 += ad[ai + p + 3] * bt[bj + p + 3];
        }
        for (; p < k; p++) {
          s0 += ad[ai + p] * bt[bj + p];
        }
        cd[c.off + i * c.rs + j * c.cs] += (s0 + s1) + (s2 + s3);
      }
    }
  }

  /** The {@code n×m} view copied into a row-major array. */
  private static double[] contiguous(View v, int n, int m) {
    double[] out = new double[n * m];
    for (int i = 0; i < n; i++) {
      int base = v.off + i * v.rs;
      for (int j = 0; j < m; j++) {
        out[i * m + j] = v.data[base + j * v.cs];
      }
    }
    return out;
  }

  private static double[][] rows(View v, int n, int m) {
    double[][] r = new double[n][m];
    double[] d = v.data;
    for (int i = 0; i < n; i++) {
      double[] row = r[i];
      int base = v.off + i * v.rs;
      if (v.cs == 1) {
        System.arraycopy(d, base, row, 0, m);
      } else {
        for (int j = 0; j < m; j++) {
          row[j] = d[base + j * v.cs];
        }
      }
    }
    return r;
  }

  private static void store(double[][] r, View v, int n, int m) {
    double[] d = v.data;
    for (int i = 0; i < n; i++) {
      double[] row = r[i];
      int base = v.off + i * v.rs;
      if (v.cs == 1) {
        System.arraycopy(row, 0, d, base, m);
      } else {
        for (int j = 0; j < m; j++) {
          d[base + j * v.cs] = row[j];
        }
      }
    }
  }

  /** {@code c[i] += Σ_p a(i, p)·b[p]} four rows of {@code c} at a time. */
  private static void blocked(int n, int k, int m, View a, double[][] b, double[][] c) {
    int i = 0;
    for (; i + 4 <= n; i += 4) {
      double[] c0 = c[i];
      double[] c1 = c[i + 1];
      double[] c2 = c[i + 2];
      double[] c3 = c[i + 3];
      for (int p = 0; p < k; p++) {
        double a0 = a.get(i, p);
        double a1 = a.get(i + 1, p);
        double a2 = a.get(i + 2, p);
        double a3 = a.get(i + 3, p);
        double[] bp = b[p];
        for (int j = 0; j < m; j++) {
          double w = bp[j];
          c0[j] += a0 * w;
          c1[j] += a1 * w;
          c2[j] += a2 * w;
          c3[j] += a3 * w;
        }
      }
    }
    for (; i < n; i++) {
      double[] ci = c[i];
      for (int p = 0; p < k; p++) {
        double ai = a.get(i, p);
        double[] bp = b[p];
        for (int j = 0; j < m; j++) {
          ci[j] += ai * bp[j];
        }
      }
    }
  }
}
