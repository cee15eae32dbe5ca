package org.nodelab.tensor;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link PackedProduct#multiply} with the Vector API: a 6 × 8 micro-kernel holding its tile in
 * twelve 256-bit accumulators (enough independent chains to cover the fused multiply-add latency
 * on two pipes), two vector loads of B and six broadcasts of A per step of p: fifteen of the
 * sixteen AVX2 registers, so nothing spills (a 4 × 12 tile needs all sixteen, and ran at half
 * the speed). Loaded only where
 * {@link Simd#AVAILABLE}.
 */
final class SimdPackedProduct {
  private static final VectorSpecies<Double> S = DoubleVector.SPECIES_256;
  private static final int MR = PackedProduct.MR;
  private static final int NR = PackedProduct.NR;
  /** Steps of p per pass: a panel of B, DEPTH × NR doubles (16 KB), stays in the L1 cache. */
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
    DoubleVector c10 = DoubleVector.fromArray(S, s, so + sl);
    DoubleVector c11 = DoubleVector.fromArray(S, s, so + sl + 4);
    DoubleVector c20 = DoubleVector.fromArray(S, s, so + 2 * sl);
    DoubleVector c21 = DoubleVector.fromArray(S, s, so + 2 * sl + 4);
    DoubleVector c30 = DoubleVector.fromArray(S, s, so + 3 * sl);
    DoubleVector c31 = DoubleVector.fromArray(S, s, so + 3 * sl + 4);
    DoubleVector c40 = DoubleVector.fromArray(S, s, so + 4 * sl);
    DoubleVector c41 = DoubleVector.fromArray(S, s, so + 4 * sl + 4);
    DoubleVector c50 = DoubleVector.fromArray(S, s, so + 5 * sl);
    DoubleVector c51 = DoubleVector.fromArray(S, s, so + 5 * sl + 4);
    for (int p = 0; p < k; p++) {
      int bq = b + p * NR;
      int aq = a + p * MR;
      DoubleVector b0 = DoubleVector.fromArray(S, bp, bq);
      DoubleVector b1 = DoubleVector.fromArray(S, bp, bq + 4);
      DoubleVector x = DoubleVector.broadcast(S, ap[aq]);
      c00 = b0.fma(x, c00);
      c01 = b1.fma(x, c01);
      x = DoubleVector.broadcast(S, ap[aq + 1]);
      c10 = b0.fma(x, c10);
      c11 = b1.fma(x, c11);
      x = DoubleVector.broadcast(S, ap[aq + 2]);
      c20 = b0.fma(x, c20);
      c21 = b1.fma(x, c21);
      x = DoubleVector.broadcast(S, ap[aq + 3]);
      c30 = b0.fma(x, c30);
      c31 = b1.fma(x, c31);
      x = DoubleVector.broadcast(S, ap[aq + 4]);
      c40 = b0.fma(x, c40);
      c41 = b1.fma(x, c41);
      x = DoubleVector.broadcast(S, ap[aq + 5]);
      c50 = b0.fma(x, c50);
      c51 = b1.fma(x, c51);
    }
    store(c00, c, o, acc);
    store(c01, c, o + 4, acc);
    store(c10, c, o + ldc, acc);
    store(c11, c, o + ldc + 4, acc);
    store(c20, c, o + 2 * ldc, acc);
    store(c21, c, o + 2 * ldc + 4, acc);
    store(c30, c, o + 3 * ldc, acc);
    store(c31, c, o + 3 * ldc + 4, acc);
    store(c40, c, o + 4 * ldc, acc);
    store(c41, c, o + 4 * ldc + 4, acc);
    store(c50, c, o + 5 * ldc, acc);
    store(c51, c, o + 5 * ldc + 4, acc);
  }

  private static void store(DoubleVector v, double[] c, int at, boolean acc) {
    (acc ? DoubleVector.fromArray(S, c, at).add(v) : v).intoArray(c, at);
  }
}
