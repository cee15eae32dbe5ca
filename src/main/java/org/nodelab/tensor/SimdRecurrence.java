package org.nodelab.tensor;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The two products of {@link RecurrenceKernels} with the Vector API, on rows padded to a whole
 * number of blocks of four vectors. Every element is the same chain of fused multiply-adds as in
 * the plain loops, so the bits agree. Loaded only where {@link Simd#AVAILABLE}.
 */
final class SimdRecurrence {
  private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
  private static final int L = SPECIES.length();

  private SimdRecurrence() {}

  /**
   * The product in two small methods (row pairs, then the last odd row), so that C2 compiles each
   * with every vector operation intrinsified.
   */
  static void rowsTimes(double[] in, int inOff, int inStride, int k, double[] m, double[] out, int outOff, int rows,
      int width) {
    int pairs = rows & ~1;
    for (int j = 0; j < width; j += 4 * L) {
      rowPairs(in, inOff, inStride, k, m, out, outOff, pairs, width, j);
      if (pairs < rows) {
        lastRow(in, inOff, inStride, k, m, out, outOff, pairs, width, j);
      }
    }
  }

  private static void rowPairs(double[] in, int inOff, int inStride, int k, double[] m, double[] out, int outOff,
      int pairs, int width, int j) {
    for (int b = 0; b < pairs; b += 2) {
      int o0 = outOff + b * width + j;
      int o1 = o0 + width;
      DoubleVector a0 = DoubleVector.fromArray(SPECIES, out, o0);
      DoubleVector a1 = DoubleVector.fromArray(SPECIES, out, o0 + L);
      DoubleVector a2 = DoubleVector.fromArray(SPECIES, out, o0 + 2 * L);
      DoubleVector a3 = DoubleVector.fromArray(SPECIES, out, o0 + 3 * L);
      DoubleVector c0 = DoubleVector.fromArray(SPECIES, out, o1);
      DoubleVector c1 = DoubleVector.fromArray(SPECIES, out, o1 + L);
      DoubleVector c2 = DoubleVector.fromArray(SPECIES, out, o1 + 2 * L);
      DoubleVector c3 = DoubleVector.fromArray(SPECIES, out, o1 + 3 * L);
      int i0 = inOff + b * inStride;
      int i1 = i0 + inStride;
      for (int p = 0; p < k; p++) {
        int r = p * width + j;
        DoubleVector m0 = DoubleVector.fromArray(SPECIES, m, r);
        DoubleVector m1 = DoubleVector.fromArray(SPECIES, m, r + L);
        DoubleVector m2 = DoubleVector.fromArray(SPECIES, m, r + 2 * L);
        DoubleVector m3 = DoubleVector.fromArray(SPECIES, m, r + 3 * L);
        DoubleVector x = DoubleVector.broadcast(SPECIES, in[i0 + p]);
        DoubleVector y = DoubleVector.broadcast(SPECIES, in[i1 + p]);
        a0 = x.fma(m0, a0);
        a1 = x.fma(m1, a1);
        a2 = x.fma(m2, a2);
        a3 = x.fma(m3, a3);
        c0 = y.fma(m0, c0);
        c1 = y.fma(m1, c1);
        c2 = y.fma(m2, c2);
        c3 = y.fma(m3, c3);
      }
      a0.intoArray(out, o0);
      a1.intoArray(out, o0 + L);
      a2.intoArray(out, o0 + 2 * L);
      a3.intoArray(out, o0 + 3 * L);
      c0.intoArray(out, o1);
      c1.intoArray(out, o1 + L);
      c2.intoArray(out, o1 + 2 * L);
      c3.intoArray(out, o1 + 3 * L);
    }
  }

  private static void lastRow(double[] in, int inOff, int inStride, int k, double[] m, double[] out, int outOff,
      int b, int width, int j) {
    int o0 = outOff + b * width + j;
    DoubleVector a0 = DoubleVector.fromArray(SPECIES, out, o0);
    DoubleVector a1 = DoubleVector.fromArray(SPECIES, out, o0 + L);
    DoubleVector a2 = DoubleVector.fromArray(SPECIES, out, o0 + 2 * L);
    DoubleVector a3 = DoubleVector.fromArray(SPECIES, out, o0 + 3 * L);
    int i0 = inOff + b * inStride;
    for (int p = 0; p < k; p++) {
      int r = p * width + j;
      DoubleVector x = DoubleVector.broadcast(SPECIES, in[i0 + p]);
      a0 = x.fma(DoubleVector.fromArray(SPECIES, m, r), a0);
      a1 = x.fma(DoubleVector.fromArray(SPECIES, m, r + L), a1);
      a2 = x.fma(DoubleVector.fromArray(SPECIES, m, r + 2 * L), a2);
      a3 = x.fma(DoubleVector.fromArray(SPECIES, m, r + 3 * L), a3);
    }
    a0.intoArray(out, o0);
    a1.intoArray(out, o0 + L);
    a2.intoArray(out, o0 + 2 * L);
    a3.intoArray(out, o0 + 3 * L);
  }

  /** The sums in two small methods (pairs of {@code p}, then the last odd one), each fully intrinsified. */
  static void outer(double[] a, int aOff, int aStride, double[] g, double[] gw, int rows, int k, int width) {
    int pairs = k & ~1;
    for (int j = 0; j < width; j += 4 * L) {
      for (int p = 0; p < pairs; p += 2) {
        outerPair(a, aOff, aStride, g, gw, rows, p, width, j);
      }
      if (pairs < k) {
        outerOne(a, aOff, aStride, g, gw, rows, pairs, width, j);
      }
    }
  }

  private static void outerPair(double[] a, int aOff, int aStride, double[] g, double[] gw, int rows, int p,
      int width, int j) {
    int o = p * width + j;
    int q = o + width;
    DoubleVector s0 = DoubleVector.fromArray(SPECIES, gw, o);
    DoubleVector s1 = DoubleVector.fromArray(SPECIES, gw, o + L);
    DoubleVector s2 = DoubleVector.fromArray(SPECIES, gw, o + 2 * L);
    DoubleVector s3 = DoubleVector.fromArray(SPECIES, gw, o + 3 * L);
    DoubleVector u0 = DoubleVector.fromArray(SPECIES, gw, q);
    DoubleVector u1 = DoubleVector.fromArray(SPECIES, gw, q + L);
    DoubleVector u2 = DoubleVector.fromArray(SPECIES, gw, q + 2 * L);
    DoubleVector u3 = DoubleVector.fromArray(SPECIES, gw, q + 3 * L);
    for (int b = 0; b < rows; b++) {
      int r = b * width + j;
      int ai = aOff + b * aStride + p;
      DoubleVector x = DoubleVector.broadcast(SPECIES, a[ai]);
      DoubleVector z = DoubleVector.broadcast(SPECIES, a[ai + 1]);
      DoubleVector g0 = DoubleVector.fromArray(SPECIES, g, r);
      DoubleVector g1 = DoubleVector.fromArray(SPECIES, g, r + L);
      DoubleVector g2 = DoubleVector.fromArray(SPECIES, g, r + 2 * L);
      DoubleVector g3 = DoubleVector.fromArray(SPECIES, g, r + 3 * L);
      s0 = x.fma(g0, s0);
      s1 = x.fma(g1, s1);
      s2 = x.fma(g2, s2);
      s3 = x.fma(g3, s3);
      u0 = z.fma(g0, u0);
      u1 = z.fma(g1, u1);
      u2 = z.fma(g2, u2);
      u3 = z.fma(g3, u3);
    }
    s0.intoArray(gw, o);
    s1.intoArray(gw, o + L);
    s2.intoArray(gw, o + 2 * L);
    s3.intoArray(gw, o + 3 * L);
    u0.intoArray(gw, q);
    u1.intoArray(gw, q + L);
    u2.intoArray(gw, q + 2 * L);
    u3.intoArray(gw, q + 3 * L);
  }

  private static void outerOne(double[] a, int aOff, int aStride, double[] g, double[] gw, int rows, int p,
      int width, int j) {
    int o = p * width + j;
    DoubleVector s0 = DoubleVector.fromArray(SPECIES, gw, o);
    DoubleVector s1 = DoubleVector.fromArray(SPECIES, gw, o + L);
    DoubleVector s2 = DoubleVector.fromArray(SPECIES, gw, o + 2 * L);
    DoubleVector s3 = DoubleVector.fromArray(SPECIES, gw, o + 3 * L);
    for (int b = 0; b < rows; b++) {
      int r = b * width + j;
      DoubleVector x = DoubleVector.broadcast(SPECIES, a[aOff + b * aStride + p]);
      s0 = x.fma(DoubleVector.fromArray(SPECIES, g, r), s0);
      s1 = x.fma(DoubleVector.fromArray(SPECIES, g, r + L), s1);
      s2 = x.fma(DoubleVector.fromArray(SPECIES, g, r + 2 * L), s2);
      s3 = x.fma(DoubleVector.fromArray(SPECIES, g, r + 3 * L), s3);
    }
    s0.intoArray(gw, o);
    s1.intoArray(gw, o + L);
    s2.intoArray(gw, o + 2 * L);
    s3.intoArray(gw, o + 3 * L);
  }
}
