package org.nodelab.tensor;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The two products of {@link SmallMlp} with the Vector API on four-lane vectors along the chunk's
 * rows: every element is the same chain of fused multiply-adds as in the plain loops, so the bits
 * agree. Loaded only where {@link Simd#AVAILABLE}.
 */
final class SimdSmallMlp {
  private static final VectorSpecies<Double> S = DoubleVector.SPECIES_256;
  private static final int L = 4;
  private static final int C = SmallMlp.CHUNK;

  private SimdSmallMlp() {}

  static void layer(double[] w, int k, int m, double[] bias, double[] a, int aOff, double[] z, int zOff) {
    int j = 0;
    for (; j + 3 < m; j += 4) {
      double b0 = bias == null ? 0 : bias[j];
      double b1 = bias == null ? 0 : bias[j + 1];
      double b2 = bias == null ? 0 : bias[j + 2];
      double b3 = bias == null ? 0 : bias[j + 3];
      for (int c = 0; c < C; c += 2 * L) {
        DoubleVector x0 = DoubleVector.broadcast(S, b0);
        DoubleVector x1 = DoubleVector.broadcast(S, b1);
        DoubleVector x2 = DoubleVector.broadcast(S, b2);
        DoubleVector x3 = DoubleVector.broadcast(S, b3);
        DoubleVector y0 = x0;
        DoubleVector y1 = x1;
        DoubleVector y2 = x2;
        DoubleVector y3 = x3;
        for (int p = 0; p < k; p++) {
          int ai = aOff + p * C + c;
          DoubleVector u = DoubleVector.fromArray(S, a, ai);
          DoubleVector v = DoubleVector.fromArray(S, a, ai + L);
          int wi = p * m + j;
          DoubleVector w0 = DoubleVector.broadcast(S, w[wi]);
          DoubleVector w1 = DoubleVector.broadcast(S, w[wi + 1]);
          DoubleVector w2 = DoubleVector.broadcast(S, w[wi + 2]);
          DoubleVector w3 = DoubleVector.broadcast(S, w[wi + 3]);
          x0 = w0.fma(u, x0);
          y0 = w0.fma(v, y0);
          x1 = w1.fma(u, x1);
          y1 = w1.fma(v, y1);
          x2 = w2.fma(u, x2);
          y2 = w2.fma(v, y2);
          x3 = w3.fma(u, x3);
          y3 = w3.fma(v, y3);
        }
        int o = zOff + j * C + c;
        x0.intoArray(z, o);
        y0.intoArray(z, o + L);
        x1.intoArray(z, o + C);
        y1.intoArray(z, o + C + L);
        x2.intoArray(z, o + 2 * C);
        y2.intoArray(z, o + 2 * C + L);
        x3.intoArray(z, o + 3 * C);
        y3.intoArray(z, o + 3 * C + L);
      }
    }
    for (; j < m; j++) {
      double b0 = bias == null ? 0 : bias[j];
      for (int c = 0; c < C; c += 4 * L) {
        DoubleVector s0 = DoubleVector.broadcast(S, b0);
        DoubleVector s1 = s0;
        DoubleVector s2 = s0;
        DoubleVector s3 = s0;
        for (int p = 0; p < k; p++) {
          int ai = aOff + p * C + c;
          DoubleVector wv = DoubleVector.broadcast(S, w[p * m + j]);
          s0 = wv.fma(DoubleVector.fromArray(S, a, ai), s0);
          s1 = wv.fma(DoubleVector.fromArray(S, a, ai + L), s1);
          s2 = wv.fma(DoubleVector.fromArray(S, a, ai + 2 * L), s2);
          s3 = wv.fma(DoubleVector.fromArray(S, a, ai + 3 * L), s3);
        }
        int o = zOff + j * C + c;
        s0.intoArray(z, o);
        s1.intoArray(z, o + L);
        s2.intoArray(z, o + 2 * L);
        s3.intoArray(z, o + 3 * L);
      }
    }
  }

  /**
   * {@link SmallMlp#gradWeightsLanes}: blocks of two inputs by four outputs (eight chains), then the
   * last odd output column by blocks of four inputs and the last odd input row by blocks of four
   * outputs, so that few single chains are left.
   */
  static void gradWeightsLanes(double[] a, int aOff, int k, double[] gz, int m, double[] acc) {
    int pEnd = k & ~1;
    int jEnd = m & ~3;
    for (int p = 0; p < pEnd; p += 2) {
      for (int j = 0; j < jEnd; j += 4) {
        lanesBlock(a, aOff + p * C, gz, j, acc, (p * m + j) * L, m * L);
      }
    }
    for (int j = jEnd; j < m; j++) {
      int p = 0;
      for (; p + 3 < k; p += 4) {
        lanesColumn(a, aOff + p * C, gz, j, acc, (p * m + j) * L, m * L);
      }
      for (; p < k; p++) {
        lanesOne(a, aOff + p * C, gz, j * C, acc, (p * m + j) * L);
      }
    }
    if (pEnd < k) {
      int p = pEnd;
      for (int j = 0; j < jEnd; j += 4) {
        lanesRow(a, aOff + p * C, gz, j, acc, (p * m + j) * L);
      }
    }
  }

  private static void lanesBlock(double[] a, int a0, double[] gz, int j, double[] acc, int o, int next) {
    DoubleVector s0 = DoubleVector.fromArray(S, acc, o);
    DoubleVector s1 = DoubleVector.fromArray(S, acc, o + L);
    DoubleVector s2 = DoubleVector.fromArray(S, acc, o + 2 * L);
    DoubleVector s3 = DoubleVector.fromArray(S, acc, o + 3 * L);
    DoubleVector t0 = DoubleVector.fromArray(S, acc, o + next);
    DoubleVector t1 = DoubleVector.fromArray(S, acc, o + next + L);
    DoubleVector t2 = DoubleVector.fromArray(S, acc, o + next + 2 * L);
    DoubleVector t3 = DoubleVector.fromArray(S, acc, o + next + 3 * L);
    int g = j * C;
    for (int c = 0; c < C; c += L) {
      DoubleVector u = DoubleVector.fromArray(S, a, a0 + c);
      DoubleVector v = DoubleVector.fromArray(S, a, a0 + C + c);
      DoubleVector g0 = DoubleVector.fromArray(S, gz, g + c);
      DoubleVector g1 = DoubleVector.fromArray(S, gz, g + C + c);
      DoubleVector g2 = DoubleVector.fromArray(S, gz, g + 2 * C + c);
      DoubleVector g3 = DoubleVector.fromArray(S, gz, g + 3 * C + c);
      s0 = u.fma(g0, s0);
      s1 = u.fma(g1, s1);
      s2 = u.fma(g2, s2);
      s3 = u.fma(g3, s3);
      t0 = v.fma(g0, t0);
      t1 = v.fma(g1, t1);
      t2 = v.fma(g2, t2);
      t3 = v.fma(g3, t3);
    }
    s0.intoArray(acc, o);
    s1.intoArray(acc, o + L);
    s2.intoArray(acc, o + 2 * L);
    s3.intoArray(acc, o + 3 * L);
    t0.intoArray(acc, o + next);
    t1.intoArray(acc, o + next + L);
    t2.intoArray(acc, o + next + 2 * L);
    t3.intoArray(acc, o + next + 3 * L);
  }

  /** Four inputs {@code a0 + i·C} by one output column {@code j}; accumulators {@code next} apart. */
  private static void lanesColumn(double[] a, int a0, double[] gz, int j, double[] acc, int o, int next) {
    DoubleVector s0 = DoubleVector.fromArray(S, acc, o);
    DoubleVector s1 = DoubleVector.fromArray(S, acc, o + next);
    DoubleVector s2 = DoubleVector.fromArray(S, acc, o + 2 * next);
    DoubleVector s3 = DoubleVector.fromArray(S, acc, o + 3 * next);
    int g = j * C;
    for (int c = 0; c < C; c += L) {
      DoubleVector gv = DoubleVector.fromArray(S, gz, g + c);
      s0 = DoubleVector.fromArray(S, a, a0 + c).fma(gv, s0);
      s1 = DoubleVector.fromArray(S, a, a0 + C + c).fma(gv, s1);
      s2 = DoubleVector.fromArray(S, a, a0 + 2 * C + c).fma(gv, s2);
      s3 = DoubleVector.fromArray(S, a, a0 + 3 * C + c).fma(gv, s3);
    }
    s0.intoArray(acc, o);
    s1.intoArray(acc, o + next);
    s2.intoArray(acc, o + 2 * next);
    s3.intoArray(acc, o + 3 * next);
  }

  /** One input row by four output columns from {@code j}. */
  private static void lanesRow(double[] a, int a0, double[] gz, int j, double[] acc, int o) {
    DoubleVector s0 = DoubleVector.fromArray(S, acc, o);
    DoubleVector s1 = DoubleVector.fromArray(S, acc, o + L);
    DoubleVector s2 = DoubleVector.fromArray(S, acc, o + 2 * L);
    DoubleVector s3 = DoubleVector.fromArray(S, acc, o + 3 * L);
    int g = j * C;
    for (int c = 0; c < C; c += L) {
      DoubleVector u = DoubleVector.fromArray(S, a, a0 + c);
      s0 = u.fma(DoubleVector.fromArray(S, gz, g + c), s0);
      s1 = u.fma(DoubleVector.fromArray(S, gz, g + C + c), s1);
      s2 = u.fma(DoubleVector.fromArray(S, gz, g + 2 * C + c), s2);
      s3 = u.fma(DoubleVector.fromArray(S, gz, g + 3 * C + c), s3);
    }
    s0.intoArray(acc, o);
    s1.intoArray(acc, o + L);
    s2.intoArray(acc, o + 2 * L);
    s3.intoArray(acc, o + 3 * L);
  }

  private static void lanesOne(double[] a, int a0, double[] gz, int g, double[] acc, int o) {
    DoubleVector s0 = DoubleVector.fromArray(S, acc, o);
    for (int c = 0; c < C; c += L) {
      s0 = DoubleVector.fromArray(S, a, a0 + c).fma(DoubleVector.fromArray(S, gz, g + c), s0);
    }
    s0.intoArray(acc, o);
  }

  /** {@code g[gOff + i] *= σ'} from the outputs {@code y[yOff + i]}, for tanh, ELU and ReLU (as {@link SmallMlp#derivativePlain}). */
  static void derivative(Activation act, double[] y, int yOff, double[] g, int gOff, int n) {
    int i = 0;
    int end = n - n % L;
    DoubleVector one = DoubleVector.broadcast(S, 1.0);
    DoubleVector zero = DoubleVector.zero(S);
    for (; i < end; i += L) {
      DoubleVector yv = DoubleVector.fromArray(S, y, yOff + i);
      DoubleVector gv = DoubleVector.fromArray(S, g, gOff + i);
      DoubleVector r;
      if (act == Activation.TANH) {
        r = gv.mul(one.sub(yv.mul(yv)));
      } else {
        VectorMask<Double> positive = yv.compare(VectorOperators.GT, 0.0);
        r = act == Activation.ELU ? gv.mul(yv.add(one)).blend(gv, positive) : zero.blend(gv, positive);
      }
      r.intoArray(g, gOff + i);
    }
    SmallMlp.derivativePlain(act, y, yOff + i, g, gOff + i, n - i);
  }
}
