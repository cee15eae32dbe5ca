package org.nodelab.ode;

import org.nodelab.ode.control.ErrorEstimate;

/**
 * The {@link Stepper} of a {@link Rosenbrock} method: one Jacobian {@code J} and time derivative
 * {@code fₜ} per step start (kept when a step is rejected and retried from the same point), one
 * factorisation of {@code W = I/(hγ) − J} per attempted step, one linear solve per stage. On tensors
 * the stages and solves are taped ({@code J} as a constant), so gradients flow through the steps.
 *
 * @param <S> state type
 */
final class RosenbrockStep<S> extends ImplicitStepper<S> {
  private static final double CBRT_EPS = Math.cbrt(Math.ulp(1.0));

  private final Rosenbrock tab;
  private final int n;
  private final int s;
  private final double[] jac;
  private final double[] w;
  private final double[] dT;
  private final EmbeddedError err;
  /** NaN values for the proposal of a failed attempt (copied: on arrays the copy becomes the buffer). */
  private final double[] failedState;
  private final Lu lu;
  private final S[] u;
  private final S[] terms;
  private final double[] weights;
  private final S[] denseVectors;
  private final S[] denseTerms;
  private final double[] denseWeights;
  private static final double[] ONE = {1};
  private final S[] single;
  private final S[] pair;
  private boolean taped;
  private S y;
  private S yNew;
  private S f0;
  private S stage;
  private S rhs;
  private S timeDerivative;
  private S shiftedF;
  private S interpolated;
  private double t;
  private double h;
  private boolean jacobianReady;
  private boolean denseReady;
  private boolean singular;

  RosenbrockStep(StateSpace<S> space, Rosenbrock tab, S like, int n) {
    super(space, like);
    this.tab = tab;
    this.n = n;
    this.s = tab.stages();
    this.jac = new double[n * n];
    this.w = new double[n * n];
    this.dT = new double[n];
    this.err = new EmbeddedError(n, tab::e);
    this.failedState = new double[n];
    java.util.Arrays.fill(failedState, Double.NaN);
    this.lu = new Lu(n);
    this.u = space.newArray(s);
    for (int i = 0; i < s; i++) {
      u[i] = space.buffer(like);
    }
    this.terms = space.newArray(s + 1);
    this.weights = new double[s + 1];
    this.denseVectors = space.newArray(tab.denseVectors());
    for (int r = 0; r < denseVectors.length; r++) {
      denseVectors[r] = space.buffer(like);
    }
    this.denseTerms = space.newArray(2 + denseVectors.length);
    this.denseWeights = new double[2 + denseVectors.length];
    this.single = space.newArray(1);
    this.pair = space.newArray(2);
    this.y = space.buffer(like);
    this.yNew = space.buffer(like);
    this.f0 = space.buffer(like);
    this.stage = space.buffer(like);
    this.rhs = space.buffer(like);
    this.shiftedF = space.buffer(like);
    this.interpolated = space.buffer(like);
  }

  @Override
  public void start(double t0, S y0) {
    y = y == null ? y0 : copy(y0, y);
    t = t0;
    f0 = evaluate(t0, y, f0);
    jacobianReady = false;
  }

  private S copy(S from, S to) {
    weights[0] = 0;
    terms[0] = from;
    return space.combine(from, weights, terms, 0, to);
  }

  @Override
  public S state() {
    return y;
  }

  @Override
  public S derivative() {
    return f0;
  }

  @Override
  public void attempt(double h) {
    this.h = h;
    denseReady = false;
    if (!jacobianReady) {
      prepareJacobian();
    }
    taped = space.isTaped(y) || space.isTaped(f0);
    double diagonal = 1 / (h * tab.gamma());
    for (int k = 0; k < n * n; k++) {
      w[k] = -jac[k];
    }
    for (int i = 0; i < n; i++) {
      w[i * n + i] += diagonal;
    }
    factorizations++;
    singular = !lu.factor(w);
    if (singular) {
      yNew = space.fromValues(failedState.clone(), y);
      return;
    }
    for (int i = 0; i < s; i++) {
      S fi;
      if (i == 0) {
        fi = f0;
      } else {
        for (int j = 0; j < i; j++) {
          weights[j] = tab.a(i, j);
        }
        stage = space.combine(y, weights, u, i, stage);
        evaluation = evaluate(t + tab.c(i) * h, stage, evaluation);
        fi = evaluation;
      }
      for (int j = 0; j < i; j++) {
        terms[j] = u[j];
        weights[j] = tab.cMatrix(i, j) / h;
      }
      terms[i] = timeDerivative;
      weights[i] = h * tab.d(i);
      rhs = space.combine(fi, weights, terms, tab.d(i) == 0 ? i : i + 1, rhs);
      u[i] = space.solve(lu, rhs, u[i]);
      if (taped) {
        u[i] = space.solve(lu, space.combine(rhs, ONE, jacobianTerm(u[i]), 1, null), null);
      }
    }
    for (int i = 0; i < s; i++) {
      weights[i] = tab.m(i);
    }
    yNew = space.combine(y, weights, u, s, yNew);
  }

  /**
   * The gradient of {@code J(y, θ)·uᵢ} with a zero value, so that the taped solve {@code W·uᵢ = rhs +
   * (J·uᵢ − detach(J·uᵢ))} has the value of the plain one and the exact derivative of {@code uᵢ =
   * W⁻¹·rhs} with respect to {@code J} as well ({@code duᵢ = W⁻¹·(d rhs + dJ·uᵢ)}). {@code J·uᵢ} is
   * the directional difference {@code (f(t, y + εūᵢ) − f(t, y))/ε} ({@code ūᵢ} the value of
   * {@code uᵢ}), taped through {@code y} and the field's parameters: one more evaluation per stage.
   */
  private S[] jacobianTerm(S ui) {
    double[] direction = space.values(ui);
    double[] state = space.values(y);
    double norm = 0;
    double size = 0;
    for (int j = 0; j < n; j++) {
      norm += direction[j] * direction[j];
      size += state[j] * state[j];
    }
    if (norm == 0) {
      single[0] = space.zeroWithGradient(f0);
      return single;
    }
    double eps = Math.sqrt(Math.ulp(1.0)) * (1 + Math.sqrt(size)) / Math.sqrt(norm);
    pair[0] = space.fromValues(direction, y);
    double[] step = {eps};
    single[0] = pair[0];
    S shifted = space.combine(y, step, single, 1, null);
    S fShifted = evaluate(t, shifted, null);
    pair[0] = fShifted;
    pair[1] = f0;
    S jv = space.combine(null, new double[] {1 / eps, -1 / eps}, pair, 2, null);
    single[0] = space.zeroWithGradient(jv);
    return single;
  }

  /**
   * {@code J} and {@code fₜ} at the step start, off the tape. {@code fₜ} is a central difference with
   * increment {@code ε^{1/3}·max(1, |t|)}, after a first forward probe: when {@code f(t + δ, y)}
   * equals {@code f(t, y)} exactly the field does not depend on {@code t} and {@code fₜ = 0}.
   */
  private void prepareJacobian() {
    jacobians++;
    evaluations += space.jacobian(t, y, f0, jac);
    double[] fy = space.values(f0);
    double delta = CBRT_EPS * Math.max(1, Math.abs(t));
    double up = (t + delta) - t;
    shiftedF = space.evaluateDetached(t + up, y, shiftedF);
    evaluations++;
    double[] shifted = space.values(shiftedF);
    if (java.util.Arrays.equals(shifted, fy)) {
      java.util.Arrays.fill(dT, 0);
    } else {
      System.arraycopy(shifted, 0, dT, 0, n);
      double down = t - (t - delta);
      shiftedF = space.evaluateDetached(t - down, y, shiftedF);
      evaluations++;
      shifted = space.values(shiftedF);
      for (int i = 0; i < n; i++) {
        dT[i] = (dT[i] - shifted[i]) / (up + down);
      }
    }
    timeDerivative = space.fromValues(dT, y);
    jacobianReady = true;
  }

  @Override
  public S proposal() {
    return yNew;
  }

  /** The embedded estimate {@code Σ eᵢuᵢ / h} (infinite, and the proposal NaN, when {@code W} was singular). */
  @Override
  public ErrorEstimate error() {
    return err.of(space, u, s, h, singular);
  }

  @Override
  public String failure() {
    return singular ? "the matrix I/(hγ) − ∂f/∂y is singular (or not finite)" : null;
  }

  @Override
  public void advance() {
    t += h;
    S old = y;
    y = yNew;
    yNew = old;
    f0 = evaluate(t, y, f0);
    jacobianReady = false;
  }

  /** {@code (1 − θ)·y + θ·y₁ + θ(1 − θ)·(D₀ + θD₁ + θ²D₂)}. */
  @Override
  public S interpolate(double theta) {
    if (!denseReady) {
      for (int r = 0; r < denseVectors.length; r++) {
        for (int i = 0; i < s; i++) {
          weights[i] = tab.dense(r, i);
        }
        denseVectors[r] = space.combine(null, weights, u, s, denseVectors[r]);
      }
      denseReady = true;
    }
    double one = 1 - theta;
    denseTerms[0] = y;
    denseTerms[1] = yNew;
    denseWeights[0] = one;
    denseWeights[1] = theta;
    double power = theta * one;
    for (int r = 0; r < denseVectors.length; r++) {
      denseTerms[2 + r] = denseVectors[r];
      denseWeights[2 + r] = power;
      power *= theta;
    }
    interpolated = space.combine(null, denseWeights, denseTerms, denseTerms.length, interpolated);
    return interpolated;
  }
}
