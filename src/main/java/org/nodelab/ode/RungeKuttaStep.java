package org.nodelab.ode;

import org.nodelab.ode.control.ErrorEstimate;

/**
 * The one explicit Runge–Kutta {@link Stepper}: stages, solution, error estimate and dense output of a
 * {@link ButcherTableau} on any {@link StateSpace}, with FSAL reuse. A new instance per solve holds
 * the stage buffers; for {@code double[]} states nothing is allocated per step.
 *
 * @param <S> state type
 */
final class RungeKuttaStep<S> implements Stepper<S>, ErrorEstimate {
  private final StateSpace<S> space;
  private final ButcherTableau tab;
  private final int s;
  private final boolean fsal;
  private final double[][] rowWeights;
  private final double[] solutionWeights;
  private final double[][] stageValues;
  private final double[] err;
  private final double[] err3;
  private final S[] k;
  private final S[] terms;
  private final double[] termWeights;
  private final double[][] denseRowWeights;
  private final double[] hermiteWeights = new double[4];
  private final S[] hermiteTerms;
  private final double[] penultimate;
  private double stiffness = Double.NaN;
  private S y;
  private S yNew;
  private S stage;
  private S f1;
  private S interpolated;
  private double t;
  private double h;
  private boolean f1Ready;
  private boolean extrasReady;
  private long evaluations;
  private long denseEvaluations;

  RungeKuttaStep(StateSpace<S> space, ButcherTableau tab, S like, int n) {
    this.space = space;
    this.tab = tab;
    this.s = tab.stages();
    this.fsal = tab.isFsal();
    this.rowWeights = new double[s][];
    for (int i = 1; i < s; i++) {
      rowWeights[i] = new double[i];
    }
    this.solutionWeights = new double[s];
    this.stageValues = new double[s][];
    this.err = tab.isAdaptive() ? new double[n] : null;
    this.penultimate = tab.isAdaptive() && s >= 3 ? new double[n] : null;
    this.err3 = tab.hasSecondErrorEstimate() ? new double[n] : null;
    this.k = space.newArray(s);
    for (int i = 0; i < s; i++) {
      k[i] = space.buffer(like);
    }
    int extra = tab.denseStages();
    this.terms = space.newArray(tab.denseTerms());
    for (int i = s; i < terms.length; i++) {
      terms[i] = space.buffer(like);
    }
    this.termWeights = new double[tab.denseTerms()];
    this.denseRowWeights = new double[extra][];
    for (int m = 0; m < extra; m++) {
      denseRowWeights[m] = new double[s + 1 + m];
    }
    this.hermiteTerms = space.newArray(4);
    this.y = space.buffer(like);
    this.yNew = space.buffer(like);
    this.stage = space.buffer(like);
    this.f1 = extra > 0 ? terms[s] : space.buffer(like);
    this.interpolated = space.buffer(like);
  }

  /** Starts at {@code (t0, y0)}: {@code k₀ = f(t0, y0)} ({@code y0} is copied, never written). */
  @Override
  public void start(double t0, S y0) {
    y = y == null ? y0 : space.combine(y0, solutionWeights, k, 0, y);
    t = t0;
    k[0] = evaluate(t0, y, k[0]);
  }

  /** The state at the start of the current step. */
  @Override
  public S state() {
    return y;
  }

  /** {@code f} at the start of the current step ({@code k₀}). */
  @Override
  public S derivative() {
    return k[0];
  }

  /** The proposed state at the end of the last attempted step. */
  @Override
  public S proposal() {
    return yNew;
  }

  /** Stage {@code i} of the last attempt. */
  @Override
  public S stage(int i) {
    return k[i];
  }

  /** Tries a step of signed size {@code h} from the current state: stages {@code 1..s−1} and {@code y₁}. */
  @Override
  public void attempt(double h) {
    this.h = h;
    f1Ready = false;
    extrasReady = false;
    for (int i = 1; i < s; i++) {
      double[] w = rowWeights[i];
      for (int j = 0; j < i; j++) {
        w[j] = h * tab.a(i, j);
      }
      stage = space.combine(y, w, k, i, stage);
      k[i] = evaluate(t + tab.c(i) * h, stage, k[i]);
      if (penultimate != null && i == s - 2) {
        System.arraycopy(space.values(stage), 0, penultimate, 0, penultimate.length);
      }
    }
    stiffness = penultimate == null ? Double.NaN : stiffnessEstimate(h);
    for (int j = 0; j < s; j++) {
      solutionWeights[j] = h * tab.b(j);
    }
    yNew = space.combine(y, solutionWeights, k, s, yNew);
  }

  /**
   * Hairer's estimate of {@code |h|·ρ} from the last two stages (Solving ODEs II, IV.2): {@code |h|·‖kₛ₋₁
   * − kₛ₋₂‖ / ‖Yₛ₋₁ − Yₛ₋₂‖}, the Lipschitz constant of {@code f} along the step's last direction.
   */
  private double stiffnessEstimate(double h) {
    double[] last = space.values(stage);
    double[] k1 = space.values(k[s - 1]);
    double[] k2 = space.values(k[s - 2]);
    double num = 0;
    double den = 0;
    for (int j = 0; j < last.length; j++) {
      double dk = k1[j] - k2[j];
      double dy = last[j] - penultimate[j];
      num += dk * dk;
      den += dy * dy;
    }
    return den > 0 ? Math.abs(h) * Math.sqrt(num / den) : Double.NaN;
  }

  /** {@code |h|·ρ} of the last attempt (NaN when not estimated), against {@link ButcherTableau#realStabilityBoundary()}. */
  @Override
  public double stiffness() {
    return stiffness;
  }

  /** The embedded error estimate of the last attempt (this stepper, its vectors in reused buffers). */
  @Override
  public ErrorEstimate error() {
    for (int i = 0; i < s; i++) {
      stageValues[i] = space.values(k[i]);
    }
    estimate(err, false);
    if (err3 != null) {
      estimate(err3, true);
    }
    return this;
  }

  /** {@code Σ eᵢkᵢ} of the last attempt, as computed by {@link #error()}. */
  @Override
  public double[] primary() {
    return err;
  }

  /** {@code Σ e3ᵢkᵢ} of the last attempt, or null. */
  @Override
  public double[] secondary() {
    return err3;
  }

  /** The tableau's combination, see {@link ButcherTableau#combineErrors}. */
  @Override
  public double combine(double primarySquares, double secondarySquares, int n) {
    return tab.combineErrors(primarySquares, secondarySquares, n);
  }

  /** {@code out = Σᵢ eᵢ·kᵢ}, stage by stage (each element's sum in stage order, from 0). */
  private void estimate(double[] out, boolean third) {
    java.util.Arrays.fill(out, 0);
    for (int i = 0; i < s; i++) {
      double ei = third ? tab.e3(i) : tab.e(i);
      double[] v = stageValues[i];
      for (int j = 0; j < out.length; j++) {
        out[j] += ei * v[j];
      }
    }
  }

  /** Moves to the end of the accepted step; {@code f(t₁, y₁)} becomes {@code k₀} (FSAL, or evaluated). */
  @Override
  public void advance() {
    t += h;
    S old = y;
    y = yNew;
    yNew = old;
    if (fsal) {
      swapFirstWith(s - 1);
    } else if (f1Ready) {
      S first = k[0];
      k[0] = f1;
      f1 = first;
    } else {
      k[0] = evaluate(t, y, k[0]);
    }
  }

  private void swapFirstWith(int i) {
    S first = k[0];
    k[0] = k[i];
    k[i] = first;
  }

  /** The state at {@code t + θh} inside the accepted step (dense output, or cubic Hermite). */
  @Override
  public S interpolate(double theta) {
    if (tab.interpolant() == null) {
      return hermite(theta);
    }
    if (tab.denseStages() > 0) {
      prepareDenseStages();
    }
    tab.interpolant().weights(theta, termWeights);
    for (int i = 0; i < termWeights.length; i++) {
      termWeights[i] *= h;
    }
    if (tab.denseStages() == 0) {
      System.arraycopy(k, 0, terms, 0, s);
    }
    interpolated = space.combine(y, termWeights, terms, termWeights.length, interpolated);
    return interpolated;
  }

  /** {@code f(t₁, y₁)} and the extra stages, once per step that needs them. */
  private void prepareDenseStages() {
    endDerivative();
    System.arraycopy(k, 0, terms, 0, s);
    terms[s] = f1;
    if (extrasReady) {
      return;
    }
    for (int m = 0; m < tab.denseStages(); m++) {
      int count = s + 1 + m;
      double[] w = denseRowWeights[m];
      for (int j = 0; j < count; j++) {
        w[j] = h * tab.denseA(m, j);
      }
      stage = space.combine(y, w, terms, count, stage);
      terms[count] = evaluate(t + tab.denseC(m) * h, stage, terms[count]);
      denseEvaluations++;
    }
    extrasReady = true;
  }

  /** {@code f(t₁, y₁)}: the last stage of an FSAL method, else evaluated once and reused by {@link #advance()}. */
  private S endDerivative() {
    if (fsal) {
      return k[s - 1];
    }
    if (!f1Ready) {
      f1 = evaluate(t + h, yNew, f1);
      f1Ready = true;
    }
    return f1;
  }

  private S hermite(double theta) {
    S end = endDerivative();
    double t2 = theta * theta;
    double t3 = t2 * theta;
    hermiteWeights[0] = 2 * t3 - 3 * t2 + 1;
    hermiteWeights[1] = -2 * t3 + 3 * t2;
    hermiteWeights[2] = h * (t3 - 2 * t2 + theta);
    hermiteWeights[3] = h * (t3 - t2);
    hermiteTerms[0] = y;
    hermiteTerms[1] = yNew;
    hermiteTerms[2] = k[0];
    hermiteTerms[3] = end;
    interpolated = space.combine(null, hermiteWeights, hermiteTerms, 4, interpolated);
    return interpolated;
  }

  /** Called when the solve ends: an {@code f(t₁, y₁)} computed for output and never reused was extra. */
  @Override
  public void finish() {
    if (f1Ready) {
      denseEvaluations++;
    }
  }

  private S evaluate(double time, S state, S out) {
    evaluations++;
    return space.evaluate(time, state, out);
  }

  /** Right-hand-side evaluations so far, dense ones included. */
  @Override
  public long evaluations() {
    return evaluations;
  }

  /** Evaluations made only for output between steps. */
  @Override
  public long denseEvaluations() {
    return denseEvaluations;
  }

  /** Number of stages. */
  @Override
  public int stages() {
    return s;
  }
}
