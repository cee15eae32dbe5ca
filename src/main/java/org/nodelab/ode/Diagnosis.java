package org.nodelab.ode;

import java.util.Locale;

/**
 * The failures of a solve, worded for the user: where it stopped, the last few step sizes, the
 * offending components, and what to try. Keeps a ring of recent step sizes without allocating.
 */
final class Diagnosis {
  private static final int RECENT = 6;
  private static final String NEURAL_ADVICE = "smoother activations (tanh, softplus) or weight decay to keep the "
      + "dynamics of a neural field tame";

  private final String method;
  private final double[] recent = new double[RECENT];
  private int count;
  private String stiffness = "";

  Diagnosis(String method) {
    this.method = method;
  }

  /** Records a step size that is about to be tried. */
  void remember(double h) {
    recent[count % RECENT] = h;
    count++;
  }

  /**
   * Notes that the explicit method's steps are held at its stability limit ({@code |h|·ρ} near {@code
   * boundary}) while its error estimates pass: the signature of a stiff problem, named in later failures.
   */
  void looksStiff(double t, double hRho, double boundary) {
    if (stiffness.isEmpty()) {
      stiffness = String.format(Locale.ROOT, ". The problem looks stiff: from t = %.6g on, %s's steps stayed at its "
          + "stability limit (|h|·ρ ≈ %.2f against %.2f, ρ the largest eigenvalue of ∂f/∂y in size) while the error "
          + "estimates stayed small, so stability, not accuracy, sets the step. Use an implicit solver: "
          + "Solvers.rodas5() (Rosenbrock, one Jacobian per step), Solvers.kvaerno5() (ESDIRK with Newton) or "
          + "Solvers.radau5() (Radau IIA, fewest evaluations at tight tolerances)",
          t, method, hRho, boundary);
    }
  }

  /** The last few step sizes tried, oldest first. */
  double[] recentSteps() {
    int n = Math.min(count, RECENT);
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      out[i] = recent[(count - n + i) % RECENT];
    }
    return out;
  }

  OdeException interrupted(double t, double h) {
    return failure(OdeException.Kind.INTERRUPTED, t, h,
        "the solving thread was interrupted at t = %s; the solve stopped (the interrupt flag stays set)%s", t,
        stiffness);
  }

  OdeException maxSteps(int maxSteps, double t, double h, double t0, double tEnd) {
    return failure(OdeException.Kind.MAX_STEPS_EXCEEDED, t, h,
        "more than maxSteps = %d steps needed; stopped at t = %s of [%s, %s] with h = %s, recent steps %s%s. "
            + "Try looser tolerances (rtol/atol), raising maxSteps, a fixed-step method, or " + NEURAL_ADVICE,
        maxSteps, t, t0, tEnd, h, steps(), stiffness);
  }

  OdeException stepTooSmall(double t, double h, double floor, boolean byMinStep) {
    return failure(OdeException.Kind.STEP_SIZE_TOO_SMALL, t, h,
        "step size %s at t = %s is below %s (%s); recent steps %s%s. The problem may be stiff, or the solution "
            + "may blow up near t = %s: try looser tolerances (rtol/atol), a fixed-step method, or " + NEURAL_ADVICE,
        h, t, floor, byMinStep ? "minStep" : "the round-off limit, 10 ulp of t", steps(), stiffness, t);
  }

  OdeException nonFinite(String what, double[] values, double t, double h) {
    return failure(OdeException.Kind.NON_FINITE, t, h,
        "the %s became non-finite in the step from t = %s with h = %s; offending components: %s. Recent steps "
            + "%s. Check the right-hand side for overflow or division by zero; for neural fields try smaller "
            + "initial weights, " + NEURAL_ADVICE,
        what, t, h, OdeException.components(values, 8), steps());
  }

  OdeException implicitFailure(String reason, double t, double h) {
    return failure(OdeException.Kind.NON_FINITE, t, h,
        "the step from t = %s with h = %s could not be computed: %s. Recent steps %s. With a fixed step, take a "
            + "smaller one or use error control (rtol/atol); otherwise check the right-hand side for overflow",
        t, h, reason, steps());
  }

  OdeException nonFiniteAtStart(String what, double[] values, double t) {
    return failure(OdeException.Kind.NON_FINITE, t, Double.NaN,
        "the %s is not finite at t = %s; offending components: %s", what, t, OdeException.components(values, 8));
  }

  private String steps() {
    return OdeException.steps(recentSteps());
  }

  private OdeException failure(OdeException.Kind kind, double t, double h, String format, Object... args) {
    String message = method + ": " + String.format(Locale.ROOT, format, args);
    return new OdeException(kind, message, t, h, recentSteps());
  }
}
