package org.nodelab.tensor;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link PackedProduct#multiply} with the Vector API: a 4 × 12 micro-kernel holding its tile in
 * twelve 256-bit accumulators (enough independent chains to cover the fused multiply-add latency
 * on two pipes), three vector loads of B and four broadcasts of A per step of p. Loaded only where
 * {@link Simd#AVAILABLE}.
 */
final class SimdPackedProduct {
  private static final VectorSpecies<Double> S = DoubleVector.SPECIES_256;
  private static final int MR = PackedProduct.MR;
  private static final int NR = PackedProduct.NR;
  /** Steps of p per pass: a panel of B, DEPTH × NR doubles (24 KB), stays in the L1 cache. */
  private static final int DEPTH = 256;
  private static final double[] ZERO = new double[NR];
  private static final ThreadLocal<double[]> TILE = ThreadLocal.withInitial(() -> new double[MR * NR]);

  private SimdPackedProduct() {}

  static void multiply(double[] ap, int aOff, double[] bp, int bOff, int m, int k, int n, double[] c, int cOff, int ldc,
      boolean acc) {
    int panels = PackedProduct.panels(n);
    int blocks = PackedProduct.blocks(m);
    double[] tile = TILE.get();
    int depth = acc ? Math.max(k, 1) : DEPTH;
    for (int p0 = 0; p0 < k || p0 == 0; p0 += depth) {
      int kc = Math.min(depth, k - p0);
      boolean resume = p0 > 0;
      for (int q = 0; q < panels; q++) {
        int j0 = q * NR;
        boolean fullWidth = j0 + NR <= n;
        int b = bOff + q * k * NR + p0 * NR;
        for (int blk = 0; blk < blocks; blk++) {
          int i0 = blk * MR;
          int a = aOff + blk * k * MR + p0 * MR;
          if (fullWidth && i0 + MR <= m) {
            kernel(ap, a, bp, b, kc, c, cOff + i0 * ldc + j0, ldc, acc, resume);
          } else {
            PackedProduct.loadTile(tile, c, cOff, ldc, i0, j0, m, n, resume);
            kernel(ap, a, bp, b, kc, tile, 0, NR, false, resume);
            PackedProduct.storeTile(tile, c, cOff, ldc, i0, j0, m, n, acc);
          }
        }
      }
    }
  }

  /**
   * One MR × NR tile over {@code k} steps of p: the chains start at zero, or with {@code resume} at
   * the partial sums already in the tile; with {@code acc} the result is added to the tile.
   */
  private static void kernel(double[] ap, int a, double[] bp, int b, int k, double[] c, int o, int ldc, boolean acc,
      boolean resume) {
    double[] s = resume ? c : ZERO;
    int so = resume ? o : 0;
    int sl = resume ? ldc : 0;
    DoubleVector c00 = DoubleVector.fromArray(S, s, so);
    DoubleVector c01 = DoubleVector.fromArray(S, s, so + 4);
    DoubleVector c02 = DoubleVector.fromArray(S, s, so + 8);
    DoubleVector c10 = DoubleVector.fromArray(S, s, so + sl);
    DoubleVector c11 = DoubleVector.fromArray(S, s, so + sl + 4);
    DoubleVector c12 = DoubleVector.fromArray(S, s, so + sl + 8);
    DoubleVector c20 = DoubleVector.fromArray(S, s, so + 2 * sl);
    DoubleVector c21 = DoubleVector.fromArray(S, s, so + 2 * sl + 4);
    DoubleVector c22 = DoubleVector.fromArray(S, s, so + 2 * sl + 8);
    DoubleVector c30 = DoubleVector.fromArray(S, s, so + 3 * sl);
    DoubleVector c31 = DoubleVector.fromArray(S, s, so + 3 * sl + 4);
    DoubleVector c32 = DoubleVector.fromArray(S, s, so + 3 * sl + 8);
    for (int p = 0; p < k; p++) {
      int bq = b + p * NR;
      int aq = a + p * MR;
      DoubleVector b0 = DoubleVector.fromArray(S, bp, bq);
      DoubleVector b1 = DoubleVector.fromArray(S, bp, bq + 4);
      DoubleVector b2 = DoubleVector.fromArray(S, bp, bq + 8);
      DoubleVector x = DoubleVector.broadcast(S, ap[aq]);
      c00 = b0.fma(x, c00);
      c01 = b1.fma(x, c01);
      c02 = b2.fma(x, c02);
      x = DoubleVector.broadcast(S, ap[aq + 1]);
      c10 = b0.fma(x, c10);
      c11 = b1.fma(x, c11);
      c12 = b2.fma(x, c12);
      x = DoubleVector.broadcast(S, ap[aq + 2]);
      c20 = b0.fma(x, c20);
      c21 = b1.fma(x, c21);
      c22 = b2.fma(x, c22);
      x = DoubleVector.broadcast(S, ap[aq + 3]);
      c30 = b0.fma(x, c30);
      c31 = b1.fma(x, c31);
      c32 = b2.fma(x, c32);
    }
    store(c00, c, o, acc);
    store(c01, c, o + 4, acc);
    store(c02, c, o + 8, acc);
    store(c10, c, o + ldc, acc);
    store(c11, c, o + ldc + 4, acc);
    store(c12, c, o + ldc + 8, acc);
    store(c20, c, o + 2 * ldc, acc);
    store(c21, c, o + 2 * ldc + 4, acc);
    store(c22, c, o + 2 * ldc + 8, acc);
    store(c30, c, o + 3 * ldc, acc);
    store(c31, c, o + 3 * ldc + 4, acc);
    store(c32, c, o + 3 * ldc + 8, acc);
  }

  private static void store(DoubleVector v, double[] c, int at, boolean acc) {
    (acc ? DoubleVector.fromArray(S, c, at).add(v) : v).intoArray(c, at);
  }
}
