package org.nodelab.tensor;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The sums and backward loops of {@link GroupNormalization} on the JDK's Vector API, four lanes wide on every
 * machine: lane j holds the partial sum the plain loops keep in their j-th accumulator, so both give
 * the same bits; the ReLU's mask is a blend rather than a branch. Loaded only where {@link
 * Simd#AVAILABLE}.
 */
final class SimdGroupNorm {
  private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_256;
  private static final DoubleVector ZERO = DoubleVector.zero(SPECIES);

  private SimdGroupNorm() {}

  /**
   * {@code sums[0] = Σ ĝ}, {@code sums[1] = Σ ĝ·(x − μ)·r} over {@code [from, to)}, with {@code ĝ = g}
   * masked by {@code reluOut > 0} when {@code reluOut} is given; {@code sums[2..10)} is scratch space.
   */
  static void channelSums(double[] xd, double[] reluOut, double[] g, int from, int to, double mu, double r,
      double[] sums) {
    // The partial sums live in sums[2..10): C2 (JDK 17) boxes vectors carried around a loop.
    ZERO.intoArray(sums, 2);
    ZERO.intoArray(sums, 6);
    int i = from;
    int upper = from + SPECIES.loopBound(to - from);
    for (; i < upper; i += 4) {
      DoubleVector gi = DoubleVector.fromArray(SPECIES, g, i);
      if (reluOut != null) {
        gi = ZERO.blend(gi, DoubleVector.fromArray(SPECIES, reluOut, i).compare(VectorOperators.GT, 0.0));
      }
      DoubleVector.fromArray(SPECIES, sums, 2).add(gi).intoArray(sums, 2);
      DoubleVector.fromArray(SPECIES, sums, 6).add(gi.mul(DoubleVector.fromArray(SPECIES, xd, i).sub(mu).mul(r)))
          .intoArray(sums, 6);
    }
    double a0 = sums[2];
    double b0 = sums[6];
    for (; i < to; i++) {
      double gi = reluOut == null || reluOut[i] > 0 ? g[i] : 0;
      a0 += gi;
      b0 += gi * ((xd[i] - mu) * r);
    }
    sums[0] = (a0 + sums[3]) + (sums[4] + sums[5]);
    sums[1] = (b0 + sums[7]) + (sums[8] + sums[9]);
  }

  /**
   * {@code Σ (a[i] − shift)^p} over {@code [from, to)} for p = 1 ({@code squares} false) or 2, in
   * four lanes combined as the plain loops combine their four partial sums; {@code scratch[0..4)} is
   * scratch space.
   */
  static double sum(double[] a, int from, int to, double shift, boolean squares, double[] scratch) {
    ZERO.intoArray(scratch, 0);
    int i = from;
    for (int upper = from + SPECIES.loopBound(to - from); i < upper; i += 4) {
      DoubleVector d = DoubleVector.fromArray(SPECIES, a, i);
      if (squares) {
        d = d.sub(shift);
        d = d.mul(d);
      }
      DoubleVector.fromArray(SPECIES, scratch, 0).add(d).intoArray(scratch, 0);
    }
    double s0 = scratch[0];
    for (; i < to; i++) {
      double d = squares ? a[i] - shift : a[i];
      s0 += squares ? d * d : d;
    }
    return (s0 + scratch[1]) + (scratch[2] + scratch[3]);
  }

  /** {@code gx += r·(ĝ·w − meanG − (x − μ)·r·meanGh)} over {@code [from, to)}. */
  static void inputGradient(double[] xd, double[] reluOut, double[] g, int from, int to, double mu, double r,
      double w, double meanG, double meanGh, double[] gx) {
    int i = from;
    for (int upper = from + SPECIES.loopBound(to - from); i < upper; i += 4) {
      DoubleVector gi = DoubleVector.fromArray(SPECIES, g, i);
      if (reluOut != null) {
        gi = ZERO.blend(gi, DoubleVector.fromArray(SPECIES, reluOut, i).compare(VectorOperators.GT, 0.0));
      }
      DoubleVector xh = DoubleVector.fromArray(SPECIES, xd, i).sub(mu).mul(r);
      DoubleVector d = gi.mul(w).sub(meanG).sub(xh.mul(meanGh)).mul(r);
      DoubleVector.fromArray(SPECIES, gx, i).add(d).intoArray(gx, i);
    }
    for (; i < to; i++) {
      double gi = reluOut == null || reluOut[i] > 0 ? g[i] : 0;
      gx[i] += r * (gi * w - meanG - (xd[i] - mu) * r * meanGh);
    }
  }
}
