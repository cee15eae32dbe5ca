package org.nodelab.tensor;

import static org.nodelab.tensor.VectorMath.C2;
import static org.nodelab.tensor.VectorMath.C3;
import static org.nodelab.tensor.VectorMath.C4;
import static org.nodelab.tensor.VectorMath.C5;
import static org.nodelab.tensor.VectorMath.C6;
import static org.nodelab.tensor.VectorMath.C7;
import static org.nodelab.tensor.VectorMath.C8;
import static org.nodelab.tensor.VectorMath.C9;
import static org.nodelab.tensor.VectorMath.C10;
import static org.nodelab.tensor.VectorMath.C11;
import static org.nodelab.tensor.VectorMath.C12;
import static org.nodelab.tensor.VectorMath.C13;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link VectorMath#tanh} with the Vector API, in one pass: the same operations in the same order
 * (so the same bits), except that {@code 2^k} is built directly in the exponent field, {@code
 * (bits(k + 1.5·2^52) << 52) + bits(1.0)}, instead of from k's binary digits, which plain loops
 * need because C2 does not vectorise bit casts, and that the clamp of {@code 2x} to ±38.2 is a
 * compare and blend (the same values, NaN included, in fewer instructions than {@code min/max}).
 * Loaded only where {@link Simd#AVAILABLE}.
 */
final class SimdMath {
  private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
  private static final double INV_LN2 = 1.4426950408889634;
  private static final double LN2_HI = 6.93147180369123816490e-01;
  private static final double LN2_LO = 1.90821492927058770002e-10;
  private static final double SHIFT = 0x1.8p52;
  private static final double TANH_U_MAX = 38.2;
  private static final long ONE_BITS = Double.doubleToRawLongBits(1.0);
  private static final DoubleVector ONE = DoubleVector.broadcast(SPECIES, 1.0);
  private static final DoubleVector LN2_HI_V = DoubleVector.broadcast(SPECIES, LN2_HI);
  private static final DoubleVector LN2_LO_V = DoubleVector.broadcast(SPECIES, LN2_LO);

  private SimdMath() {}

  /** Lanes of the preferred double vector. */
  static int lanes() {
    return SPECIES.length();
  }

  /** {@code y = tanh(x)} for the elements {@code [start, end)} (in place allowed). */
  static void tanh(double[] x, double[] y, int start, int end) {
    int i = start;
    for (int upper = start + SPECIES.loopBound(end - start); i < upper; i += SPECIES.length()) {
      DoubleVector v = DoubleVector.fromArray(SPECIES, x, i);
      DoubleVector u = v.add(v);
      u = u.blend(TANH_U_MAX, u.compare(VectorOperators.GT, TANH_U_MAX));
      u = u.blend(-TANH_U_MAX, u.compare(VectorOperators.LT, -TANH_U_MAX));
      DoubleVector shifted = u.mul(INV_LN2).add(SHIFT);
      DoubleVector k = shifted.sub(SHIFT);
      DoubleVector minusK = k.neg();
      DoubleVector r = minusK.fma(LN2_LO_V, minusK.fma(LN2_HI_V, u));
      DoubleVector s = shifted.reinterpretAsLongs().lanewise(VectorOperators.LSHL, 52).add(ONE_BITS)
          .reinterpretAsDoubles();
      DoubleVector m = s.mul(expm1Poly(r)).sub(ONE.sub(s));
      m.div(m.add(2)).intoArray(y, i);
    }
    for (; i < end; i++) {
      double v = x[i];
      double u = Math.max(-TANH_U_MAX, Math.min(TANH_U_MAX, v + v));
      double shifted = u * INV_LN2 + SHIFT;
      double k = shifted - SHIFT;
      double r = Math.fma(-k, LN2_LO, Math.fma(-k, LN2_HI, u));
      double s = Double.longBitsToDouble((Double.doubleToRawLongBits(shifted) << 52) + ONE_BITS);
      double m = s * VectorMath.expm1Poly(r) - (1 - s);
      y[i] = m / (m + 2);
    }
  }

  /**
   * {@code y = x > 0 ? x : e^x − 1} (ELU, α = 1) for the elements {@code [start, end)}, in place
   * allowed: {@code e^x − 1} as in {@link #tanh} ({@code 2^k·expm1(r) − (1 − 2^k)}, accurate relative
   * to small |x|); {@link VectorMath#elu(double)} gives the same bits.
   */
  static void elu(double[] x, double[] y, int start, int end) {
    int i = start;
    for (int upper = start + SPECIES.loopBound(end - start); i < upper; i += SPECIES.length()) {
      DoubleVector v = DoubleVector.fromArray(SPECIES, x, i);
      DoubleVector u = v.max(VectorMath.ELU_X_MIN).min(0.0);
      DoubleVector shifted = u.mul(INV_LN2).add(SHIFT);
      DoubleVector k = shifted.sub(SHIFT);
      DoubleVector minusK = k.neg();
      DoubleVector r = minusK.fma(LN2_LO_V, minusK.fma(LN2_HI_V, u));
      DoubleVector s = shifted.reinterpretAsLongs().lanewise(VectorOperators.LSHL, 52).add(ONE_BITS)
          .reinterpretAsDoubles();
      DoubleVector m = s.mul(expm1Poly(r)).sub(ONE.sub(s));
      m.blend(v, v.compare(VectorOperators.GT, 0.0)).intoArray(y, i);
    }
    for (; i < end; i++) {
      y[i] = VectorMath.elu(x[i]);
    }
  }

  /** {@link VectorMath#expm1Poly} lane-wise, the same operations in the same order. */
  private static DoubleVector expm1Poly(DoubleVector r) {
    DoubleVector r2 = r.mul(r);
    DoubleVector r4 = r2.mul(r2);
    DoubleVector b0 = r2.fma(r.fma(C5, C4), r.fma(C3, C2));
    DoubleVector b1 = r2.fma(r.fma(C9, C8), r.fma(C7, C6));
    DoubleVector b2 = r2.fma(r.fma(C13, C12), r.fma(C11, C10));
    return r.mul(r.fma(r4.mul(r4).fma(b2, r4.fma(b1, b0)), ONE));
  }

  /** {@code gb[j] += Σ_r g[r·cols + j]} for columns {@code [from, to)}, rows added in order. */
  static void sumRowsInto(double[] g, double[] gb, int rows, int cols, int from, int to) {
    int j = from;
    for (int upper = from + SPECIES.loopBound(to - from); j < upper; j += SPECIES.length()) {
      DoubleVector sum = DoubleVector.fromArray(SPECIES, gb, j);
      for (int r = 0; r < rows; r++) {
        sum = sum.add(DoubleVector.fromArray(SPECIES, g, r * cols + j));
      }
      sum.intoArray(gb, j);
    }
    for (; j < to; j++) {
      double sum = gb[j];
      for (int r = 0; r < rows; r++) {
        sum += g[r * cols + j];
      }
      gb[j] = sum;
    }
  }
}
