package org.nodelab.tensor;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link RowCombination#apply} with the Vector API: four lanes at a time, the eight inputs of a
 * lane in registers, the same fused multiply-adds in the same order.
 */
final class SimdRowCombination {
  private static final VectorSpecies<Double> S = DoubleVector.SPECIES_256;

  private SimdRowCombination() {}

  static void apply(double[] t, int rows, int[] starts, double[] src, double[] dst, int dOff, int dStride, int len) {
    int bound = S.loopBound(len);
    int s0 = starts[0];
    int s1 = starts[1];
    int s2 = starts[2];
    int s3 = starts[3];
    int s4 = starts[4];
    int s5 = starts[5];
    int s6 = starts[6];
    int s7 = starts[7];
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
        int k = r * RowCombination.SIZE;
        DoubleVector s = x0.mul(t[k]);
        s = x1.fma(DoubleVector.broadcast(S, t[k + 1]), s);
        s = x2.fma(DoubleVector.broadcast(S, t[k + 2]), s);
        s = x3.fma(DoubleVector.broadcast(S, t[k + 3]), s);
        s = x4.fma(DoubleVector.broadcast(S, t[k + 4]), s);
        s = x5.fma(DoubleVector.broadcast(S, t[k + 5]), s);
        s = x6.fma(DoubleVector.broadcast(S, t[k + 6]), s);
        s = x7.fma(DoubleVector.broadcast(S, t[k + 7]), s);
        s.intoArray(dst, dOff + r * dStride + l);
      }
    }
    RowCombination.apply(t, rows, starts, src, dst, dOff, dStride, bound, len);
  }
}
