package org.nodelab.tensor;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The backward loops of {@link GroupNormalization} on the JDK's Vector API, four lanes wide on every
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
   * masked by {@code reluOut > 0} when {@code reluOut} is given.
   */
  static void channelSums(double[] xd, double[] reluOut, double[] g, int from, int to, double mu, double r,
      double[] sums) {
    DoubleVector a = ZERO;
    DoubleVector b = ZERO;
    int i = from;
    for (int upper = from + SPECIES.loopBound(to - from); i < upper; i += 4) {
      DoubleVector gi = DoubleVector.fromArray(SPECIES, g, i);
      if (reluOut != null) {
        gi = ZERO.blend(gi, DoubleVector.fromArray(SPECIES, reluOut, i).compare(VectorOperators.GT, 0.0));
      }
      a = a.add(gi);
      b = b.add(gi.mul(DoubleVector.fromArray(SPECIES, xd, i).sub(mu).mul(r)));
    }
    double a0 = a.lane(0);
    double b0 = b.lane(0);
    for (; i < to; i++) {
      double gi = reluOut == null || reluOut[i] > 0 ? g[i] : 0;
      a0 += gi;
      b0 += gi * ((xd[i] - mu) * r);
    }
    sums[0] = (a0 + a.lane(1)) + (a.lane(2) + a.lane(3));
    sums[1] = (b0 + b.lane(1)) + (b.lane(2) + b.lane(3));
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
