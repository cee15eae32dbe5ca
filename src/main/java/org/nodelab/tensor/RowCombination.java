package org.nodelab.tensor;

/**
 * A small matrix t (at most {@link #SIZE} × {@link #SIZE}) applied to rows of values, {@code
 * dst_r = Σ_j t[r][j]·src_j} over rows of {@code len} lanes, and on both sides of an array of
 * matrices, {@code Out_λ = L·In_λ·Rᵀ} for every lane λ (the transforms of {@link Winograd} on many
 * tiles at once). Each value is the chain {@code s = fma(t[r][j], x_j, s)} over j = 1..7 from
 * {@code t[r][0]·x_0}, the missing columns taken with coefficient zero, so the Vector API and the
 * plain loops give the same bits. The eight inputs of a lane and its outputs stay in registers.
 */
final class RowCombination {
  /** Rows and columns of the largest matrix (F(6×6, 3×3) has α = 8). */
  static final int SIZE = 8;

  /** Lanes per block of {@link #twoSided}: the intermediate block (8 × 8 × LANES) stays in L1. */
  static final int LANES = 32;

  private final double[] square;
  private final int rows;
  private final int cols;

  /** The rows × cols matrix {@code t} (row-major), at most {@link #SIZE} × {@link #SIZE}. */
  RowCombination(double[] t, int rows, int cols) {
    if (rows > SIZE || cols > SIZE || t.length != rows * cols) {
      throw new IllegalArgumentException("a " + rows + " × " + cols + " matrix of " + t.length
          + " values: expected at most " + SIZE + " × " + SIZE);
    }
    this.rows = rows;
    this.cols = cols;
    square = new double[SIZE * SIZE];
    for (int r = 0; r < rows; r++) {
      System.arraycopy(t, r * cols, square, r * SIZE, cols);
    }
  }

  int rows() {
    return rows;
  }

  int cols() {
    return cols;
  }

  /**
   * For r below rows: {@code dst[dOff + r·dStride + l] = Σ_j t[r][j]·src[sOff + j·sStride + l]}
   * for l below {@code len}; {@code dst} must not overlap {@code src}.
   */
  void apply(double[] src, int sOff, int sStride, double[] dst, int dOff, int dStride, int len) {
    if (Simd.on()) {
      SimdRowCombination.apply(square, rows, cols, src, sOff, sStride, dst, dOff, dStride, len);
    } else {
      plain(square, rows, cols, src, sOff, sStride, dst, dOff, dStride, 0, len);
    }
  }

  /**
   * {@code Out[i][j] = Σ_a Σ_b left[i][a]·In[a][b]·right[j][b]} for every lane l below {@code
   * len}, with {@code In[a][b]} at {@code src[sOff + a·sA + b·sB + l]} and {@code Out[i][j]} at
   * {@code dst[dOff + i·dI + j·dJ + l]}, in blocks of {@link #LANES} lanes through {@code scratch}
   * (at least {@code SIZE·SIZE·LANES} values).
   */
  static void twoSided(RowCombination left, RowCombination right, double[] src, int sOff, int sA, int sB,
      double[] dst, int dOff, int dI, int dJ, int len, double[] scratch) {
    for (int l0 = 0; l0 < len; l0 += LANES) {
      int block = Math.min(LANES, len - l0);
      for (int b = 0; b < right.cols; b++) {
        left.apply(src, sOff + b * sB + l0, sA, scratch, b * LANES, SIZE * LANES, block);
      }
      for (int i = 0; i < left.rows; i++) {
        right.apply(scratch, i * SIZE * LANES, LANES, dst, dOff + i * dI + l0, dJ, block);
      }
    }
  }

  /** The plain loops of {@link #apply} from lane {@code from} on, with the padded 8 × 8 matrix. */
  static void plain(double[] t, int rows, int cols, double[] src, int sOff, int sStride, double[] dst, int dOff,
      int dStride, int from, int len) {
    double[] x = new double[SIZE];
    for (int l = from; l < len; l++) {
      for (int j = 0; j < SIZE; j++) {
        x[j] = src[sOff + (j < cols ? j : 0) * sStride + l];
      }
      for (int r = 0; r < rows; r++) {
        double s = t[r * SIZE] * x[0];
        for (int j = 1; j < SIZE; j++) {
          s = Math.fma(t[r * SIZE + j], x[j], s);
        }
        dst[dOff + r * dStride + l] = s;
      }
    }
  }
}
