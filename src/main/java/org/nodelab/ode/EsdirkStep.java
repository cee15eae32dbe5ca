package org.nodelab.ode;

import java.util.Arrays;
import org.nodelab.ode.control.ErrorEstimate;
import org.nodelab.ode.control.Tolerances;

/**
 * The {@link Stepper} of an {@link Esdirk} method: each implicit stage {@code zᵢ = h f(t + cᵢh, baseᵢ
 * + γzᵢ)} is solved by simplified Newton iterations with {@code M = I − hγJ}, stopped on Hairer's
 * rate-based test (Solving ODEs II, IV.8: {@code θ/(1 − θ)·‖Δz‖ ≤ κ} in the error-control norm).
 * {@code J} is kept across steps while Newton converges quickly, refreshed when it converges
 * slowly or fails (the step is then retried with a fresh {@code J}, and only then rejected); {@code
 * M} is refactored only when {@code h} or {@code J} changes, and {@link #keepStep} holds {@code h}
 * when the controller would change it by less than 20%. On tensors the Newton iterations are
 * taped, so gradients flow through them ({@code M} as a constant: its solves have a backward).
 *
 * @param <S> state type
 */
final class EsdirkStep<S> extends NewtonStepper<S> {
  private static final int MAX_ITERATIONS = 10;
  private static final double SLOW_RATE = 0.1;

  private final Esdirk tab;
  private final int s;
  private final double kappa;
  private final double[] jac;
  private final double[] m;
  private final EmbeddedError err;
  /** NaN values for the proposal of a failed attempt (copied: on arrays the copy becomes the buffer). */
  private final double[] failedState;
  private final Lu lu;
  private final S[] z;
  private final double[] weights;
  private final S[] hermiteTerms;
  private final S[] interpolationTerms;
  private final double[] hermiteWeights = new double[4];
  private S y;
  private S yNew;
  private S f0;
  private S f1;
  private S base;
  private S stage;
  private S residual;
  private S delta;
  private S interpolated;
  private double t;
  private boolean exactDerivative;
  private double eta = 1;

  EsdirkStep(StateSpace<S> space, Esdirk tab, Tolerances tolerances, S like, int n) {
    super(space, like, tolerances, n);
    this.tab = tab;
    this.s = tab.stages();
    double rtol = tolerances.relative(0);
    this.kappa = Math.max(10 * Math.ulp(1.0) / Math.max(rtol, 1e-300), Math.min(0.03, Math.sqrt(rtol)));
    this.jac = new double[n * n];
    this.m = new double[n * n];
    this.err = new EmbeddedError(n, tab::e);
    this.failedState = new double[n];
    java.util.Arrays.fill(failedState, Double.NaN);
    this.lu = new Lu(n);
    this.z = space.newArray(s);
    for (int i = 0; i < s; i++) {
      z[i] = space.buffer(like);
    }
    this.weights = new double[s];
    this.hermiteTerms = space.newArray(4);
    this.interpolationTerms = space.newArray(4);
    this.y = space.buffer(like);
    this.yNew = space.buffer(like);
    this.f0 = space.buffer(like);
    this.f1 = space.buffer(like);
    this.base = space.buffer(like);
    this.stage = space.buffer(like);
    this.residual = space.buffer(like);
    this.delta = space.buffer(like);
    this.interpolated = space.buffer(like);
  }

  @Override
  public void start(double t0, S y0) {
    if (y != null) {
      weights[0] = 0;
      hermiteTerms[0] = y0;
      y = space.combine(y0, weights, hermiteTerms, 0, y);
    } else {
      y = y0;
    }
    t = t0;
    f0 = evaluate(t0, y, f0);
    exactDerivative = true;
  }

  @Override
  public S state() {
    return y;
  }

  @Override
  public S derivative() {
    return f0;
  }

  /** Stages by Newton; a failed Newton solve is retried once with a fresh Jacobian, then reported as a failed step. */
  @Override
  public void attempt(double h) {
    if (!solveNewton(h, space.values(y))) {
      yNew = space.fromValues(failedState.clone(), y);
    }
  }

  /** {@code J} at the step start; {@code f₀} is evaluated afresh for it (after a step it is Newton's {@code z/h}). */
  @Override
  protected void computeJacobian() {
    if (!exactDerivative) {
      f0 = evaluate(t, y, f0);
      exactDerivative = true;
    }
    evaluations += space.jacobian(t, y, f0, jac);
  }

  @Override
  protected boolean factorMatrices(double h) {
    double hg = h * tab.gamma();
    for (int k = 0; k < n * n; k++) {
      m[k] = -hg * jac[k];
    }
    for (int i = 0; i < n; i++) {
      m[i * n + i] += 1;
    }
    return lu.factor(m);
  }

  /** All stages of the attempt; false when Newton diverged or did not converge in time. */
  @Override
  protected boolean solveStages() {
    weights[0] = h;
    hermiteTerms[0] = f0;
    z[0] = space.combine(null, weights, hermiteTerms, 1, z[0]);
    double slowest = 0;
    for (int i = 1; i < s; i++) {
      for (int j = 0; j < i; j++) {
        weights[j] = tab.predictor(i, j);
      }
      z[i] = space.combine(null, weights, z, i, z[i]);
      for (int j = 0; j < i; j++) {
        weights[j] = tab.a(i, j);
      }
      base = space.combine(y, weights, z, i, base);
      double rate = newton(i);
      if (Double.isNaN(rate)) {
        return false;
      }
      slowest = Math.max(slowest, rate);
    }
    if (slowest > SLOW_RATE) {
      refreshJacobian = true;
    }
    for (int j = 0; j < s; j++) {
      weights[j] = tab.b(j);
    }
    yNew = space.combine(y, weights, z, s, yNew);
    return true;
  }

  /** Newton on stage {@code i}; returns the largest contraction rate seen, NaN on failure. */
  private double newton(int i) {
    double previous = Double.NaN;
    double rate = 0;
    eta = Math.pow(Math.max(eta, Math.ulp(1.0)), 0.8);
    double gamma = tab.gamma();
    double time = t + tab.c(i) * h;
    for (int k = 0; k < MAX_ITERATIONS; k++) {
      weights[0] = gamma;
      hermiteTerms[0] = z[i];
      stage = space.combine(base, weights, hermiteTerms, 1, stage);
      evaluation = evaluate(time, stage, evaluation);
      weights[0] = -h;
      hermiteTerms[0] = evaluation;
      residual = space.combine(z[i], weights, hermiteTerms, 1, residual);
      delta = space.solve(lu, residual, delta);
      weights[0] = -1;
      hermiteTerms[0] = delta;
      z[i] = space.combine(z[i], weights, hermiteTerms, 1, z[i]);
      double norm = scaledNorm(space.values(delta));
      if (!Double.isFinite(norm)) {
        return Double.NaN;
      }
      if (k > 0) {
        double theta = norm / previous;
        rate = Math.max(rate, theta);
        if (theta >= 1 || Math.pow(theta, MAX_ITERATIONS - 1 - k) / (1 - theta) * norm > kappa) {
          return Double.NaN;
        }
        eta = theta / (1 - theta);
      }
      if (eta * norm <= kappa || norm == 0) {
        return rate;
      }
      previous = norm;
    }
    return Double.NaN;
  }

  @Override
  public S proposal() {
    return yNew;
  }

  /**
   * {@code Σ eᵢzᵢ / h}; after a failed Newton solve infinite and the proposal NaN, so that an adaptive
   * solve retries a smaller step and a fixed-step solve stops with a diagnosis instead of going on.
   */
  @Override
  public ErrorEstimate error() {
    return err.of(space, z, s, h, failed);
  }

  @Override
  public String failure() {
    return failed ? "Newton's iterations on the implicit stages did not converge, even with a fresh Jacobian" : null;
  }

  /** Moves on; {@code f(t₁, y₁) = z_last/h} (stiffly accurate, first same as last), {@code J} kept. */
  @Override
  public void advance() {
    t += h;
    S old = y;
    y = yNew;
    yNew = old;
    f0 = endDerivative(f0);
    exactDerivative = false;
    moved();
  }

  private S endDerivative(S out) {
    weights[0] = 1 / h;
    hermiteTerms[0] = z[s - 1];
    return space.combine(null, weights, hermiteTerms, 1, out);
  }

  /** Keeps the factored step when the controller would change it by a factor in {@code [1, 1.2]}. */
  @Override
  public double keepStep(double hAbs, double proposed) {
    return proposed >= hAbs && proposed <= 1.2 * hAbs ? hAbs : proposed;
  }

  /** Cubic Hermite interpolation of {@code y₀, y₁, f₀, f₁}. */
  @Override
  public S interpolate(double theta) {
    f1 = endDerivative(f1);
    double t2 = theta * theta;
    double t3 = t2 * theta;
    double[] hw = hermiteWeights;
    hw[0] = 2 * t3 - 3 * t2 + 1;
    hw[1] = -2 * t3 + 3 * t2;
    hw[2] = h * (t3 - 2 * t2 + theta);
    hw[3] = h * (t3 - t2);
    S[] terms = interpolationTerms;
    terms[0] = y;
    terms[1] = yNew;
    terms[2] = f0;
    terms[3] = f1;
    interpolated = space.combine(null, hw, terms, 4, interpolated);
    return interpolated;
  }
}
