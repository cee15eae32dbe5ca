package org.nodelab.tensor;

/**
 * The products of {@link Recurrence} on rows padded to {@link #width} (a whole number of blocks of
 * four vectors; pad columns hold zeros): {@code out[b, :] += Σ_p in[b, p]·m[p, :]} and {@code gw[p, :]
 * += Σ_b a[b, p]·g[b, :]}, each element a chain of fused multiply-adds in the order of {@code p}
 * (or {@code b}), on the Vector API when it runs and in plain loops otherwise, with the same bits.
 */
final class RecurrenceKernels {
  private RecurrenceKernels() {}

  /** The padded row width for {@code n} columns. */
  static int width(int n) {
    int block = 4 * (Simd.AVAILABLE ? SimdMath.lanes() : 4);
    return (n + block - 1) / block * block;
  }

  /** {@code out[b, :] += Σ_{p < k} in[b, p]·m[p, :]} for {@code rows} rows of {@code width}; rows of in are {@code inStride} apart. */
  static void rowsTimes(double[] in, int inOff, int inStride, int k, double[] m, double[] out, int outOff, int rows,
      int width) {
    if (Simd.on()) {
      SimdRecurrence.rowsTimes(in, inOff, inStride, k, m, out, outOff, rows, width);
      return;
    }
    for (int b = 0; b < rows; b++) {
      int o = outOff + b * width;
      int i = inOff + b * inStride;
      for (int j = 0; j < width; j++) {
        double acc = out[o + j];
        for (int p = 0; p < k; p++) {
          acc = Math.fma(in[i + p], m[p * width + j], acc);
        }
        out[o + j] = acc;
      }
    }
  }

  /** {@code gw[p, :] += Σ_b a[b, p]·g[b, :]} for {@code p < k}, over {@code rows} rows of g of {@code width} (of a: {@code aStride} apart). */
  static void outer(double[] a, int aOff, int aStride, double[] g, double[] gw, int rows, int k, int width) {
    if (Simd.on()) {
      SimdRecurrence.outer(a, aOff, aStride, g, gw, rows, k, width);
      return;
    }
    for (int p = 0; p < k; p++) {
      for (int j = 0; j < width; j++) {
        double acc = gw[p * width + j];
        for (int b = 0; b < rows; b++) {
          acc = Math.fma(a[aOff + b * aStride + p], g[b * width + j], acc);
        }
        gw[p * width + j] = acc;
      }
    }
  }
}
