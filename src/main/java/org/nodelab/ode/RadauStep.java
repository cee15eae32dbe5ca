package org.nodelab.ode;

import java.util.Arrays;
import org.nodelab.ode.control.ErrorEstimate;
import org.nodelab.ode.control.Tolerances;

/**
 * The {@link Stepper} of the {@link Radau} IIA method, as in Hairer &amp; Wanner's RADAU5 (Solving
 * ODEs II, IV.8): simplified Newton iterations on the transformed stages {@code W = T⁻¹Z}, one
 * real and one complex system per iteration, started from the previous step's collocation
 * polynomial and stopped on the rate-based test {@code θ/(1 − θ)·‖ΔW‖ ≤ κ}; {@code J} is kept
 * across steps while Newton converges quickly, refreshed (and the step retried) when it fails; the
 * error estimate {@code (γ/h − J)⁻¹(f₀ + Σ Eᵢzᵢ/h)} is refined by one more evaluation on the first
 * step and after a rejection, as RADAU5 does. It works on the states' values and does not record
 * its Newton iterations on a gradient tape: with tensors, use it with adjoint gradients or none.
 *
 * @param <S> state type
 */
final class RadauStep<S> extends NewtonStepper<S> {
  private static final int MAX_ITERATIONS = 7;
  private static final double JACOBIAN_RATE = 1e-3;

  private final Radau tab;
  private final S like;
  private final double kappa;
  private final double[] jac;
  private final Lu real;
  private final ComplexLu complex;
  private final double[][] z = new double[3][];
  private final double[][] w = new double[3][];
  private final double[][] fz = new double[3][];
  private final double[][] q = new double[3][];
  private final double[] stageState;
  private final double[] dReal;
  private final double[] dRe;
  private final double[] dIm;
  private final double[] errorValues;
  private final double[] errorPerUnitStep;
  private final ErrorEstimate estimate;
  private final double[] yOld;
  private double[] y;
  private double[] yNew;
  private double[] f0;
  private double[] interpolated;
  private double t;
  private double previousH = Double.NaN;
  private boolean retry = true;
  private boolean havePolynomial;
  private int iterations;
  private double rate = Double.NaN;
  private double eta = 1;
  private final double[][] qNow = new double[3][];
  private final double[] m;

  RadauStep(StateSpace<S> space, Radau tab, Tolerances tolerances, S like, int n) {
    super(space, like, tolerances, n);
    this.tab = tab;
    this.like = like;
    double rtol = tolerances.relative(0);
    this.kappa = Math.max(10 * Math.ulp(1.0) / Math.max(rtol, 1e-300), Math.min(0.03, Math.sqrt(rtol)));
    this.jac = new double[n * n];
    this.real = new Lu(n);
    this.complex = new ComplexLu(n);
    for (int i = 0; i < 3; i++) {
      z[i] = new double[n];
      w[i] = new double[n];
      fz[i] = new double[n];
      q[i] = new double[n];
      qNow[i] = new double[n];
    }
    this.m = new double[n * n];
    this.stageState = new double[n];
    this.dReal = new double[n];
    this.dRe = new double[n];
    this.dIm = new double[n];
    this.errorValues = new double[n];
    this.errorPerUnitStep = new double[n];
    this.estimate = ErrorEstimate.of(errorPerUnitStep);
    this.yOld = new double[n];
    this.y = new double[n];
    this.yNew = new double[n];
    this.f0 = new double[n];
    this.interpolated = new double[n];
  }

  @Override
  public void start(double t0, S y0) {
    if (space.isTaped(y0)) {
      throw notTaped();
    }
    System.arraycopy(space.values(y0), 0, y, 0, n);
    t = t0;
    S derivative = evaluate(t0, space.fromValues(y, like), evaluation);
    if (space.isTaped(derivative)) {
      throw notTaped();
    }
    System.arraycopy(space.values(derivative), 0, f0, 0, n);
  }

  private static IllegalArgumentException notTaped() {
    return new IllegalArgumentException("radau5 does not record its Newton iterations for backpropagation: with a "
        + "field whose parameters need gradients use .gradients(adjoint), or rodas5/kvaerno5 for direct gradients");
  }

  /** {@code f(time, state)} into {@code out}, counted, never on a tape. */
  private void f(double time, double[] state, double[] out) {
    evaluations++;
    S result = space.evaluateDetached(time, space.fromValues(state, like), evaluation);
    evaluation = result;
    double[] v = space.values(result);
    if (v != out) {
      System.arraycopy(v, 0, out, 0, n);
    }
  }

  @Override
  public S state() {
    return space.fromValues(y, like);
  }

  @Override
  public S derivative() {
    return space.fromValues(f0, like);
  }

  /** Stages by simplified Newton; a failure with a kept Jacobian is retried once with a fresh one. */
  @Override
  public void attempt(double h) {
    if (solveNewton(h, y)) {
      for (int j = 0; j < n; j++) {
        yNew[j] = y[j] + z[2][j];
      }
      estimateError();
    } else {
      Arrays.fill(yNew, Double.NaN);
    }
    retry = true;
  }

  @Override
  protected void computeJacobian() {
    evaluations += space.jacobian(t, space.fromValues(y, like), space.fromValues(f0, like), jac);
  }

  @Override
  protected boolean factorMatrices(double h) {
    double g = tab.gamma() / h;
    for (int k = 0; k < n * n; k++) {
      m[k] = -jac[k];
    }
    for (int i = 0; i < n; i++) {
      m[i * n + i] += g;
    }
    return real.factor(m) && complex.factorShifted(tab.alpha() / h, tab.beta() / h, jac);
  }

  /** Newton on the collocation system; false when it diverged or did not converge in time. */
  @Override
  protected boolean solveStages() {
    startingGuess();
    for (int i = 0; i < 3; i++) {
      Arrays.fill(w[i], 0);
      for (int k = 0; k < 3; k++) {
        double tik = tab.ti(i, k);
        for (int j = 0; j < n; j++) {
          w[i][j] += tik * z[k][j];
        }
      }
    }
    double g = tab.gamma() / h;
    double al = tab.alpha() / h;
    double be = tab.beta() / h;
    double previous = Double.NaN;
    eta = Math.pow(Math.max(eta, Math.ulp(1.0)), 0.8);
    for (int k = 0; k < MAX_ITERATIONS; k++) {
      for (int i = 0; i < 3; i++) {
        for (int j = 0; j < n; j++) {
          stageState[j] = y[j] + z[i][j];
        }
        f(t + tab.c(i) * h, stageState, fz[i]);
      }
      iterations = k + 1;
      for (int j = 0; j < n; j++) {
        double f1 = fz[0][j];
        double f2 = fz[1][j];
        double f3 = fz[2][j];
        double w1 = w[0][j];
        double w2 = w[1][j];
        double w3 = w[2][j];
        dReal[j] = tab.ti(0, 0) * f1 + tab.ti(0, 1) * f2 + tab.ti(0, 2) * f3 - g * w1;
        dRe[j] = tab.ti(1, 0) * f1 + tab.ti(1, 1) * f2 + tab.ti(1, 2) * f3 - (al * w2 - be * w3);
        dIm[j] = tab.ti(2, 0) * f1 + tab.ti(2, 1) * f2 + tab.ti(2, 2) * f3 - (be * w2 + al * w3);
      }
      real.solve(dReal);
      complex.solve(dRe, dIm);
      double sum = 0;
      for (int j = 0; j < n; j++) {
        double a = dReal[j] / scale[j];
        double b = dRe[j] / scale[j];
        double c = dIm[j] / scale[j];
        sum += a * a + b * b + c * c;
      }
      double norm = Math.sqrt(sum / (3 * n));
      if (!Double.isFinite(norm)) {
        return false;
      }
      if (k > 0) {
        rate = norm / previous;
        if (rate >= 1 || Math.pow(rate, MAX_ITERATIONS - 1 - k) / (1 - rate) * norm > kappa) {
          return false;
        }
        eta = rate / (1 - rate);
      }
      for (int j = 0; j < n; j++) {
        w[0][j] += dReal[j];
        w[1][j] += dRe[j];
        w[2][j] += dIm[j];
      }
      for (int i = 0; i < 3; i++) {
        double t0 = tab.t(i, 0);
        double t1 = tab.t(i, 1);
        double t2 = tab.t(i, 2);
        for (int j = 0; j < n; j++) {
          z[i][j] = t0 * w[0][j] + t1 * w[1][j] + t2 * w[2][j];
        }
      }
      if (norm == 0 || eta * norm <= kappa) {
        return true;
      }
      previous = norm;
    }
    return false;
  }

  /** {@code zᵢ} from the last accepted step's collocation polynomial at {@code t + cᵢh}, zero on the first step. */
  private void startingGuess() {
    if (!havePolynomial) {
      for (int i = 0; i < 3; i++) {
        Arrays.fill(z[i], 0);
      }
      return;
    }
    for (int i = 0; i < 3; i++) {
      double x = 1 + tab.c(i) * h / previousH;
      polynomial(x, z[i]);
      for (int j = 0; j < n; j++) {
        z[i][j] -= y[j];
      }
    }
  }

  /** The last accepted step's collocation polynomial at {@code t_old + x·h_old} into {@code out}. */
  private void polynomial(double x, double[] out) {
    double x2 = x * x;
    double x3 = x2 * x;
    for (int j = 0; j < n; j++) {
      out[j] = yOld[j] + q[0][j] * x + q[1][j] * x2 + q[2][j] * x3;
    }
  }

  private void estimateError() {
    for (int j = 0; j < n; j++) {
      double ze = (tab.e(0) * z[0][j] + tab.e(1) * z[1][j] + tab.e(2) * z[2][j]) / h;
      errorValues[j] = f0[j] + ze;
      dReal[j] = ze;
    }
    real.solve(errorValues);
    if (retry && errorNorm() > 1) {
      for (int j = 0; j < n; j++) {
        stageState[j] = y[j] + errorValues[j];
      }
      f(t, stageState, errorValues);
      for (int j = 0; j < n; j++) {
        errorValues[j] += dReal[j];
      }
      real.solve(errorValues);
    }
    for (int j = 0; j < n; j++) {
      errorPerUnitStep[j] = errorValues[j] / h;
    }
  }

  private double errorNorm() {
    double sum = 0;
    for (int j = 0; j < n; j++) {
      double sc = tolerances.absolute(j) + tolerances.relative(j) * Math.max(Math.abs(y[j]), Math.abs(yNew[j]));
      double x = errorValues[j] / sc;
      sum += x * x;
    }
    return Math.sqrt(sum / n);
  }

  @Override
  public S proposal() {
    return space.fromValues(yNew, like);
  }

  /** The estimate per unit step; infinite after a failed Newton solve, so that the step is retried smaller. */
  @Override
  public ErrorEstimate error() {
    if (failed) {
      Arrays.fill(errorPerUnitStep, Double.POSITIVE_INFINITY);
    }
    return estimate;
  }

  @Override
  public String failure() {
    return failed ? "Newton's iterations on the Radau stages did not converge, even with a fresh Jacobian" : null;
  }

  /**
   * Moves on: keeps the collocation polynomial for the next starting guess, evaluates {@code f} at
   * the new state, and asks for a fresh {@code J} when Newton needed more than one iteration and
   * contracted slower than {@code θ = 10⁻³} (RADAU5's rule).
   */
  @Override
  public void advance() {
    coefficients(q);
    System.arraycopy(y, 0, yOld, 0, n);
    havePolynomial = true;
    previousH = h;
    t += h;
    double[] old = y;
    y = yNew;
    yNew = old;
    f(t, y, f0);
    moved();
    if (iterations > 1 && rate > JACOBIAN_RATE) {
      refreshJacobian = true;
    }
    retry = false;
  }

  /** Keeps the factored step when Newton is fast and the controller would grow it by less than 20% (RADAU5). */
  /**
   * The controller's proposal scaled by RADAU5's safety for slow Newton iterations, {@code (1 +
   * 2k_max)/(k + 2k_max)} after {@code k} iterations; the factored step is kept when the Jacobian
   * stays and the change would be a growth by less than 20%.
   */
  @Override
  public double keepStep(double hAbs, double proposed) {
    double scaled = proposed * Math.min(1, (1.0 + 2 * MAX_ITERATIONS) / (iterations + 2 * MAX_ITERATIONS));
    return !refreshJacobian && scaled >= hAbs && scaled <= 1.2 * hAbs ? hAbs : scaled;
  }

  /** The collocation polynomial of the last accepted step, {@code y₀ + Σₖ (Σᵢ Pᵢₖzᵢ) θ^{k+1}}. */
  @Override
  public S interpolate(double theta) {
    coefficients(qNow);
    double x2 = theta * theta;
    double x3 = x2 * theta;
    double[] out = interpolated;
    for (int j = 0; j < n; j++) {
      out[j] = y[j] + qNow[0][j] * theta + qNow[1][j] * x2 + qNow[2][j] * x3;
    }
    return space.fromValues(out, like);
  }

  private void coefficients(double[][] out) {
    for (int k = 0; k < 3; k++) {
      Arrays.fill(out[k], 0);
      for (int i = 0; i < 3; i++) {
        double p = tab.dense(i, k);
        for (int j = 0; j < n; j++) {
          out[k][j] += p * z[i][j];
        }
      }
    }
  }
}
