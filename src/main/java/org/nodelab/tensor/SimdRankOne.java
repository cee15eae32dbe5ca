package org.nodelab.tensor;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** The loops of {@link RankOneUnits} on the JDK's Vector API (the same formulas, sums in another order). */
final class SimdRankOne {
  private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;

  private SimdRankOne() {}

  /**
   * Row by row, so that each row of {@code h} stays in the first-level cache: {@code h = tanh(zW + B)}
   * into {@code h}, then {@code scale·h·U} and {@code scale·(Σc − Σ_k h_k²·c_k)} into {@code y}.
   */
  static void forward(double[] z, double[] weights, double[] bias, double[] h, double[] ut, double[] c, double cSum,
      double scale, double[] y, int n, int d, int w) {
    int upper = SPECIES.loopBound(w);
    int cols = d + 1;
    for (int b = 0; b < n; b++) {
      int row = b * w;
      int k = 0;
      for (; k < upper; k += SPECIES.length()) {
        DoubleVector acc = DoubleVector.fromArray(SPECIES, bias, k);
        for (int i = 0; i < d; i++) {
          acc = DoubleVector.fromArray(SPECIES, weights, i * w + k).fma(bc(z[b * d + i]), acc);
        }
        acc.intoArray(h, row + k);
      }
      for (; k < w; k++) {
        double acc = bias[k];
        for (int i = 0; i < d; i++) {
          acc += z[b * d + i] * weights[i * w + k];
        }
        h[row + k] = acc;
      }
      SimdMath.tanh(h, h, row, row + w);
      for (int i = 0; i < d; i++) {
        y[b * cols + i] = scale * dot(h, row, ut, i * w, w, upper);
      }
      DoubleVector acc = DoubleVector.zero(SPECIES);
      k = 0;
      for (; k < upper; k += SPECIES.length()) {
        DoubleVector hv = DoubleVector.fromArray(SPECIES, h, row + k);
        acc = hv.mul(hv).fma(DoubleVector.fromArray(SPECIES, c, k), acc);
      }
      double s = acc.reduceLanes(VectorOperators.ADD);
      for (; k < w; k++) {
        s += h[row + k] * h[row + k] * c[k];
      }
      y[b * cols + d] = scale * (cSum - s);
    }
  }

  /** The backward pass of {@link RankOneUnits}: accumulates into the non-null gradient buffers. */
  static void backward(double[] g, double[] z, double[] weights, double[] h, double[] ut, double[] c, double scale,
      double[] gz, double[] gw, double[] gb, double[] gut, double[] gc, int n, int d, int w) {
    int upper = SPECIES.loopBound(w);
    int lanes = SPECIES.length();
    int cols = d + 1;
    double[] gpre = new double[w];
    for (int b = 0; b < n; b++) {
      int row = b * w;
      double gdiv = scale * g[b * cols + d];
      double minusTwoGdiv = -2 * gdiv;
      int k = 0;
      for (; k < upper; k += lanes) {
        DoubleVector hv = DoubleVector.fromArray(SPECIES, h, row + k);
        DoubleVector slope = hv.mul(hv).neg().add(1.0);
        DoubleVector gp = hv.mul(DoubleVector.fromArray(SPECIES, c, k)).mul(minusTwoGdiv);
        for (int i = 0; i < d; i++) {
          double gi = scale * g[b * cols + i];
          gp = DoubleVector.fromArray(SPECIES, ut, i * w + k).fma(bc(gi), gp);
          if (gut != null) {
            hv.fma(bc(gi), DoubleVector.fromArray(SPECIES, gut, i * w + k)).intoArray(gut, i * w + k);
          }
        }
        if (gc != null) {
          slope.fma(bc(gdiv), DoubleVector.fromArray(SPECIES, gc, k)).intoArray(gc, k);
        }
        gp = gp.mul(slope);
        gp.intoArray(gpre, k);
        if (gb != null) {
          gp.add(DoubleVector.fromArray(SPECIES, gb, k)).intoArray(gb, k);
        }
      }
      for (; k < w; k++) {
        double hk = h[row + k];
        double slope = 1 - hk * hk;
        double gp = minusTwoGdiv * hk * c[k];
        for (int i = 0; i < d; i++) {
          double gi = scale * g[b * cols + i];
          gp += gi * ut[i * w + k];
          if (gut != null) {
            gut[i * w + k] += gi * hk;
          }
        }
        if (gc != null) {
          gc[k] += gdiv * slope;
        }
        gp *= slope;
        gpre[k] = gp;
        if (gb != null) {
          gb[k] += gp;
        }
      }
      for (int i = 0; i < d; i++) {
        int wRow = i * w;
        if (gz != null) {
          gz[b * d + i] += dot(gpre, 0, weights, wRow, w, upper);
        }
        if (gw != null) {
          double zi = z[b * d + i];
          int j = 0;
          for (; j < upper; j += lanes) {
            DoubleVector.fromArray(SPECIES, gpre, j).fma(bc(zi), DoubleVector.fromArray(SPECIES, gw, wRow + j))
                .intoArray(gw, wRow + j);
          }
          for (; j < w; j++) {
            gw[wRow + j] += zi * gpre[j];
          }
        }
      }
    }
  }

  private static DoubleVector bc(double x) {
    return DoubleVector.broadcast(SPECIES, x);
  }

  private static double dot(double[] a, int aOff, double[] b, int bOff, int n, int upper) {
    DoubleVector acc = DoubleVector.zero(SPECIES);
    int k = 0;
    for (; k < upper; k += SPECIES.length()) {
      acc = DoubleVector.fromArray(SPECIES, a, aOff + k).fma(DoubleVector.fromArray(SPECIES, b, bOff + k), acc);
    }
    double s = acc.reduceLanes(VectorOperators.ADD);
    for (; k < n; k++) {
      s += a[aOff + k] * b[bOff + k];
    }
    return s;
  }
}
