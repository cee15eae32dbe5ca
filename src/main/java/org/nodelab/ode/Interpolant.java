package org.nodelab.ode;

/**
 * The continuous extension of a Runge–Kutta step: {@code y(t₀ + θh) = y₀ + h Σᵢ bᵢ(θ) kᵢ} for
 * {@code θ ∈ [0, 1]}, with {@code bᵢ(1) = bᵢ}. Costs no extra evaluation.
 */
@FunctionalInterface
public interface Interpolant {

  /**
   * Writes {@code bᵢ(θ)} for every stage into {@code weights}.
   *
   * @param theta the fraction of the step, in [0, 1]
   * @param weights one entry per stage, overwritten
   */
  void weights(double theta, double[] weights);

  /**
   * The interpolant {@code bᵢ(θ) = Σ_d P[i][d] θ^{d+1}} given by its polynomial coefficients, one row
   * per stage (the form of scipy's {@code P} matrices).
   *
   * @param p the coefficients, {@code p[i][d]} of {@code θ^{d+1}} for stage i
   * @return the interpolant of degree {@code p[i].length}
   */
  static Interpolant polynomial(double[][] p) {
    double[][] coefficients = new double[p.length][];
    for (int i = 0; i < p.length; i++) {
      coefficients[i] = p[i].clone();
    }
    return (theta, w) -> {
      for (int i = 0; i < coefficients.length; i++) {
        double[] row = coefficients[i];
        double s = 0;
        for (int d = row.length - 1; d >= 0; d--) {
          s = (s + row[d]) * theta;
        }
        w[i] = s;
      }
    };
  }
}
