package org.nodelab.tensor;

/**
 * Linear combinations of rows, {@code dst_r = Σ_j t[r][j]·src_j} over rows of {@code len} values
 * (the small transform matrices of {@link Winograd} applied to many tiles at once), for at most
 * {@link #SIZE} rows and columns: each value is the chain {@code s = fma(t[r][j], x_j, s)} over
 * j = 1..7 from {@code t[r][0]·x_0}, the missing columns taken with coefficient zero, so the
 * Vector API and the plain loops give the same bits. The eight inputs of a value and its eight outputs stay in
 * registers: each input is read once and each output written once.
 */
final class RowCombination {
  /** Rows and columns of the largest matrix (F(6×6, 3×3) has α = 8). */
  static final int SIZE = 8;

  private RowCombination() {}

  /**
   * For r below {@code rows}: {@code dst[dOff + r·dStride + l] = Σ_j t[r·cols + j]·src[sOff +
   * j·sStride + l]} for l below {@code len}; {@code dst} must not overlap {@code src}.
   */
  static void apply(double[] t, int rows, int cols, double[] src, int sOff, int sStride, double[] dst, int dOff,
      int dStride, int len) {
    if (rows > SIZE || cols > SIZE) {
      throw new IllegalArgumentException("a " + rows + " × " + cols + " transform: expected at most " + SIZE + " × "
          + SIZE);
    }
    double[] square = new double[SIZE * SIZE];
    int[] starts = new int[SIZE];
    for (int j = 0; j < SIZE; j++) {
      starts[j] = sOff + (j < cols ? j : 0) * sStride;
      for (int r = 0; r < rows && j < cols; r++) {
        square[r * SIZE + j] = t[r * cols + j];
      }
    }
    if (Simd.on()) {
      SimdRowCombination.apply(square, rows, starts, src, dst, dOff, dStride, len);
    } else {
      apply(square, rows, starts, src, dst, dOff, dStride, 0, len);
    }
  }

  /** The plain loops of {@link #apply} from lane {@code from} on, with the padded 8 × 8 matrix. */
  static void apply(double[] t, int rows, int[] starts, double[] src, double[] dst, int dOff, int dStride, int from,
      int len) {
    double[] x = new double[SIZE];
    for (int l = from; l < len; l++) {
      for (int j = 0; j < SIZE; j++) {
        x[j] = src[starts[j] + l];
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
