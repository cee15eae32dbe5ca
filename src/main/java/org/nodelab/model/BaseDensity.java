package org.nodelab.model;

import org.nodelab.tensor.Tensor;

/**
 * The distribution of a flow at time 0: a log-density (differentiable) and a sampler.
 * {@link #standardNormal()} by default; {@link #normal(double)} for an isotropic Gaussian of another
 * variance (torchdiffeq's {@code cnf.py} uses 0.1).
 */
public interface BaseDensity {

  /**
   * The log-density of each row.
   *
   * @param z points, shape {@code [batch, dim]}
   * @return shape {@code [batch]}
   */
  Tensor logDensity(Tensor z);

  /**
   * Draws points.
   *
   * @param n how many
   * @param dim their dimension
   * @param seed the seed
   * @return shape {@code [n, dim]}
   */
  Tensor sample(int n, int dim, long seed);

  /**
   * {@code N(0, I)}.
   *
   * @return the standard normal density, in any dimension
   */
  static BaseDensity standardNormal() {
    return normal(1);
  }

  /**
   * {@code N(0, σ²I)}: {@code log p(z) = −‖z‖²/(2σ²) − (d/2)·log(2πσ²)}.
   *
   * @param variance σ², positive
   * @return the density, for {@code cnf(f).base(...)}
   */
  static BaseDensity normal(double variance) {
    if (!(variance > 0) || !Double.isFinite(variance)) {
      throw new IllegalArgumentException("a normal base density needs a positive finite variance, got " + variance);
    }
    return new BaseDensity() {
      @Override
      public Tensor logDensity(Tensor z) {
        if (z.rank() != 2) {
          throw new IllegalArgumentException(
              "the base density takes points [batch, dim], got shape " + java.util.Arrays.toString(z.shape()));
        }
        double constant = -0.5 * z.dim(1) * Math.log(2 * Math.PI * variance);
        return z.square().sum(1, false).mul(-0.5 / variance).add(constant);
      }

      @Override
      public Tensor sample(int n, int dim, long seed) {
        return Tensor.randn(seed, n, dim).mul(Math.sqrt(variance));
      }

      @Override
      public String toString() {
        return "N(0, " + variance + " I)";
      }
    };
  }
}
