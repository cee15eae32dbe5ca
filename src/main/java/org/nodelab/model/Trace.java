package org.nodelab.model;

/**
 * How a continuous normalizing flow computes {@code tr(∂f/∂z)}: {@link #exact()} by {@code d}
 * vector–Jacobian products per evaluation (one per dimension), or {@link #hutchinson(long)} by one,
 * {@code εᵀ(∂f/∂z)ε} with noise ε drawn once per solve (Hutchinson 1989; Grathwohl et al. 2019).
 */
public sealed interface Trace permits Trace.Exact, Trace.Hutchinson {

  /**
   * The exact trace: d vector–Jacobian products per evaluation.
   *
   * @return the exact trace
   */
  static Exact exact() {
    return Exact.INSTANCE;
  }

  /**
   * Hutchinson's unbiased estimator with Rademacher noise (±1) from {@code seed}; a new draw for
   * every solve, the same draws for the same seed.
   *
   * @param seed the seed of the noise
   * @return the estimator, for {@code cnf(f).trace(...)}
   */
  static Hutchinson hutchinson(long seed) {
    return new Hutchinson(seed, false);
  }

  /** The exact trace. */
  final class Exact implements Trace {
    static final Exact INSTANCE = new Exact();

    private Exact() {}

    @Override
    public String toString() {
      return "exact";
    }
  }

  /**
   * Hutchinson's estimator.
   *
   * @param seed the seed of the noise
   * @param isGaussian standard normal noise instead of Rademacher
   */
  record Hutchinson(long seed, boolean isGaussian) implements Trace {
    /**
     * The same estimator with standard normal noise (higher variance than Rademacher's).
     *
     * @return a new estimator with the same seed
     */
    public Hutchinson gaussian() {
      return new Hutchinson(seed, true);
    }

    @Override
    public String toString() {
      return "hutchinson(" + seed + (isGaussian ? ", gaussian" : "") + ")";
    }
  }
}
