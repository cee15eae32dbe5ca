package org.nodelab.tensor;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link RowCombination#plain} with the Vector API: four lanes at a time, the eight inputs of a
 * lane in registers, the same fused multiply-adds in the same order.
 */
final class SimdRowCombination {
  private static final VectorSpecies<Double> S = DoubleVector.SPECIES_256;

  private SimdRowCombination() {}

  static void apply(double[] t, int rows, int cols, double[] src, int sOff, int sStride, double[] dst, int dOff,
      int dStride, int len) {
    int bound = S.loopBound(len);
    int s0 = sOff;
    int s1 = cols > 1 ? sOff + sStride : sOff;
    int s2 = cols > 2 ? sOff + 2 * sStride : sOff;
    int s3 = cols > 3 ? sOff + 3 * sStride : sOff;
    int s4 = cols > 4 ? sOff + 4 * sStride : sOff;
    int s5 = cols > 5 ? sOff + 5 * sStride : sOff;
    int s6 = cols > 6 ? sOff + 6 * sStride : sOff;
    int s7 = cols > 7 ? sOff + 7 * sStride : sOff;
    for (int l = 0; l < bound; l += 4) {
      DoubleVector x0 = DoubleVector.fromArray(S, src, s0 + l);
      DoubleVector x1 = DoubleVector.fromArray(S, src, s1 + l);
      DoubleVector x2 = DoubleVector.fromArray(S, src, s2 + l);
      DoubleVector x3 = DoubleVector.fromArray(S, src, s3 + l);
      DoubleVector x4 = DoubleVector.fromArray(S, src, s4 + l);
      DoubleVector x5 = DoubleVector.fromArray(S, src, s5 + l);
      DoubleVector x6 = DoubleVector.fromArray(S, src, s6 + l);
      DoubleVector x7 = DoubleVector.fromArray(S, src, s7 + l);
      for (int r = 0; r < rows; r++) {
        row(t, r * RowCombination.SIZE, x0, x1, x2, x3, x4, x5, x6, x7).intoArray(dst, dOff + r * dStride + l);
      }
    }
    RowCombination.plain(t, rows, cols, src, sOff, sStride, dst, dOff, dStride, bound, len);
  }

  private static DoubleVector row(double[] t, int k, DoubleVector x0, DoubleVector x1, DoubleVector x2,
      DoubleVector x3, DoubleVector x4, DoubleVector x5, DoubleVector x6, DoubleVector x7) {
    DoubleVector s = x0.mul(t[k]);
    s = x1.fma(DoubleVector.broadcast(S, t[k + 1]), s);
    s = x2.fma(DoubleVector.broadcast(S, t[k + 2]), s);
    s = x3.fma(DoubleVector.broadcast(S, t[k + 3]), s);
    s = x4.fma(DoubleVector.broadcast(S, t[k + 4]), s);
    s = x5.fma(DoubleVector.broadcast(S, t[k + 5]), s);
    s = x6.fma(DoubleVector.broadcast(S, t[k + 6]), s);
    return x7.fma(DoubleVector.broadcast(S, t[k + 7]), s);
  }
}
