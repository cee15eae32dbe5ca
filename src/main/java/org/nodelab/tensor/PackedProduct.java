package org.nodelab.tensor;

/**
 * The matrix products of the convolutions on packed operands: A as blocks of {@link #MR} rows,
 * stored {@code [block][p][row]}, and B as panels of {@link #NR} columns, stored {@code
 * [panel][p][column]}, zero-padded to whole blocks and panels, so that a register-blocked
 * micro-kernel reads both as sequential streams (Goto and van de Geijn 2008). Each output element
 * is the chain of fused multiply-adds {@code s = fma(a_p, b_p, s)} over {@code p = 0..k−1} from
 * zero, as in {@link MatrixKernels}, so the bits agree with the row kernels.
 */
final class PackedProduct {
  /** Rows of A per block (a tile of the micro-kernel is MR × NR). */
  static final int MR = 6;

  /** Columns of B per panel: two vectors of four doubles. */
  static final int NR = 8;

  private PackedProduct() {}

  /** Doubles a packed A of m rows and inner size k takes. */
  static int rowsLength(int m, int k) {
    return blocks(m) * k * MR;
  }

  /** Doubles a packed B of n columns and inner size k takes. */
  static int columnsLength(int k, int n) {
    return panels(n) * k * NR;
  }

  static int blocks(int m) {
    return (m + MR - 1) / MR;
  }

  static int panels(int n) {
    return (n + NR - 1) / NR;
  }

  /**
   * Packs A (m × k) with {@code A[i, p] = a[off + i·rowStride + p·colStride]} into {@code dst} as
   * blocks of MR rows, the missing rows of the last block zero.
   */
  static void packRows(double[] a, int off, int rowStride, int colStride, int m, int k, double[] dst) {
    packRows(a, off, rowStride, colStride, m, k, dst, 0);
  }

  /** {@link #packRows} into {@code dst} from {@code dstOff}. */
  static void packRows(double[] a, int off, int rowStride, int colStride, int m, int k, double[] dst, int dstOff) {
    for (int blk = 0; blk < blocks(m); blk++) {
      int base = dstOff + blk * k * MR;
      for (int r = 0; r < MR; r++) {
        int i = blk * MR + r;
        if (i >= m) {
          for (int p = 0; p < k; p++) {
            dst[base + p * MR + r] = 0;
          }
          continue;
        }
        int src = off + i * rowStride;
        for (int p = 0; p < k; p++) {
          dst[base + p * MR + r] = a[src + p * colStride];
        }
      }
    }
  }

  /**
   * Packs B (k × n) with {@code B[p, j] = b[off + p·rowStride + j·colStride]} into {@code dst} as
   * panels of NR columns, the missing columns of the last panel zero.
   */
  static void packColumns(double[] b, int off, int rowStride, int colStride, int k, int n, double[] dst) {
    for (int q = 0; q < panels(n); q++) {
      int base = q * k * NR;
      int width = Math.min(NR, n - q * NR);
      for (int p = 0; p < k; p++) {
        int src = off + p * rowStride + q * NR * colStride;
        int d = base + p * NR;
        if (colStride == 1) {
          System.arraycopy(b, src, dst, d, width);
        } else {
          for (int jj = 0; jj < width; jj++) {
            dst[d + jj] = b[src + jj * colStride];
          }
        }
        for (int jj = width; jj < NR; jj++) {
          dst[d + jj] = 0;
        }
      }
    }
  }

  /**
   * {@code C = A·B} (or {@code C += A·B} with {@code acc}) for packed A (m × k) from {@code aOff}
   * and packed B (k × n) from {@code bOff}, C row-major with row stride {@code ldc} from {@code cOff}.
   */
  static void multiply(double[] ap, int aOff, double[] bp, int bOff, int m, int k, int n, double[] c, int cOff,
      int ldc, boolean acc) {
    if (Simd.on()) {
      SimdPackedProduct.multiply(ap, aOff, bp, bOff, m, k, n, c, cOff, ldc, acc);
    } else {
      plain(ap, aOff, bp, bOff, m, k, n, c, cOff, ldc, acc);
    }
  }

  /** {@link #multiply} on scalar loops (where the Vector API is absent or not yet compiled): the same bits. */
  static void plain(double[] ap, int aOff, double[] bp, int bOff, int m, int k, int n, double[] c, int cOff, int ldc,
      boolean acc) {
    double[] tile = new double[MR * NR];
    for (int q = 0; q < panels(n); q++) {
      int bBase = bOff + q * k * NR;
      for (int blk = 0; blk < blocks(m); blk++) {
        int aBase = aOff + blk * k * MR;
        java.util.Arrays.fill(tile, 0);
        for (int p = 0; p < k; p++) {
          for (int r = 0; r < MR; r++) {
            double x = ap[aBase + p * MR + r];
            for (int jj = 0; jj < NR; jj++) {
              tile[r * NR + jj] = Math.fma(x, bp[bBase + p * NR + jj], tile[r * NR + jj]);
            }
          }
        }
        storeTile(tile, c, cOff, ldc, blk * MR, q * NR, m, n, acc);
      }
    }
  }

  /** Fills the tile with the valid part of C at row {@code i0}, column {@code j0} ({@code resume}), else zero. */
  static void loadTile(double[] tile, double[] c, int cOff, int ldc, int i0, int j0, int m, int n, boolean resume) {
    java.util.Arrays.fill(tile, 0);
    if (!resume) {
      return;
    }
    int rows = Math.min(MR, m - i0);
    int cols = Math.min(NR, n - j0);
    for (int r = 0; r < rows; r++) {
      System.arraycopy(c, cOff + (i0 + r) * ldc + j0, tile, r * NR, cols);
    }
  }

  /** Writes (or adds) the valid part of an MR × NR tile at row {@code i0}, column {@code j0} of C. */
  static void storeTile(double[] tile, double[] c, int cOff, int ldc, int i0, int j0, int m, int n, boolean acc) {
    int rows = Math.min(MR, m - i0);
    int cols = Math.min(NR, n - j0);
    for (int r = 0; r < rows; r++) {
      int at = cOff + (i0 + r) * ldc + j0;
      for (int jj = 0; jj < cols; jj++) {
        c[at + jj] = acc ? c[at + jj] + tile[r * NR + jj] : tile[r * NR + jj];
      }
    }
  }
}
