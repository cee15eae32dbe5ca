package org.nodelab.ode.control;

/**
 * Hairer's starting step (Hairer, Nørsett &amp; Wanner, Solving ODEs I, 2nd ed., II.4, "Starting
 * step size"), as scipy's {@code select_initial_step} and torchdiffeq: with {@code d₀ = ‖y₀‖},
 * {@code d₁ = ‖f(t₀, y₀)‖} (norms scaled by {@code atol + rtol·|y₀|}), a trial {@code h₀ = 0.01·d₀/d₁}
 * (or 1e-6 when either is below 1e-5), one explicit Euler step to estimate the second derivative
 * {@code d₂ = ‖f(t₀ + h₀, y₀ + h₀f₀) − f₀‖ / h₀}, and then {@code h₁ = (0.01 / max(d₁, d₂))^{1/(q+1)}};
 * the result is {@code min(100·h₀, h₁)}, never beyond the interval or {@code maxStep}. It costs one
 * evaluation besides {@code f(t₀, y₀)}, which the solver reuses as its first stage.
 */
public final class InitialStep {
  private InitialStep() {}

  /** The right-hand side for the one probing evaluation (never recorded on a gradient tape). */
  @FunctionalInterface
  public interface Probe {
    /**
     * Evaluates the derivative.
     *
     * @param t time of the probe
     * @param y state of the probe (may be kept by the callee)
     * @return {@code f(t, y)} as values
     */
    double[] derivative(double t, double[] y);
  }

  /**
   * The starting step size (positive; the sign comes from {@code direction}).
   *
   * @param tolerances tolerances and norm blocks
   * @param maxStep the largest step allowed
   * @param t0 initial time
   * @param y0 initial state
   * @param f0 {@code f(t0, y0)}
   * @param direction +1 forward, −1 backward in time
   * @param interval {@code |t_end − t0|}
   * @param errorOrder order {@code q} of the embedded error estimate
   * @param probe evaluates {@code f} once
   * @return {@code |h|} for the first step
   */
  public static double estimate(Tolerances tolerances, double maxStep, double t0, double[] y0, double[] f0,
      double direction, double interval, int errorOrder, Probe probe) {
    int n = tolerances.normedComponents(y0.length);
    double d0 = 0;
    double d1 = 0;
    for (int j = 0; j < n; j++) {
      double scale = tolerances.absolute(j) + Math.abs(y0[j]) * tolerances.relative(j);
      d0 += square(y0[j] / scale);
      d1 += square(f0[j] / scale);
    }
    d0 = Math.sqrt(d0 / n);
    d1 = Math.sqrt(d1 / n);
    double h0 = d0 < 1e-5 || d1 < 1e-5 ? 1e-6 : 0.01 * d0 / d1;
    h0 = Math.min(h0, interval);
    double[] y1 = new double[y0.length];
    for (int j = 0; j < y1.length; j++) {
      y1[j] = y0[j] + h0 * direction * f0[j];
    }
    double[] f1 = probe.derivative(t0 + h0 * direction, y1);
    double d2 = 0;
    for (int j = 0; j < n; j++) {
      double scale = tolerances.absolute(j) + Math.abs(y0[j]) * tolerances.relative(j);
      d2 += square((f1[j] - f0[j]) / scale);
    }
    d2 = Math.sqrt(d2 / n) / h0;
    if (!Double.isFinite(d2)) {
      // The probe met a non-finite derivative: start small and let the first step diagnose it.
      return Math.min(h0, maxStep);
    }
    double h1 = d1 <= 1e-15 && d2 <= 1e-15
        ? Math.max(1e-6, h0 * 1e-3)
        : Math.pow(0.01 / Math.max(d1, d2), 1.0 / (errorOrder + 1));
    return Math.min(Math.min(100 * h0, h1), Math.min(interval, maxStep));
  }

  private static double square(double x) {
    return x * x;
  }
}
