package org.nodelab.ode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The one explicit Runge–Kutta engine: stepping, error control, dense output and diagnosis for
 * every {@link ButcherTableau}, on any {@link StateSpace}. A new instance holds the per-solve
 * state (buffers, counters); the {@link Solver} it reads is immutable.
 *
 * @param <S> state type
 */
final class Integrator<S> {
  private static final int RECENT = 6;

  private final StateSpace<S> space;
  private final Solver solver;
  private final ButcherTableau tab;
  private final int s;
  private final boolean fsal;
  private final double[][] stageWeights;
  private final double[] outWeights;
  private final double[] hermite = new double[4];
  private final double[] recent = new double[RECENT];
  private final double[][] stageValues;
  private final List<TraceStep> trace;
  private int recentCount;
  private long evaluations;
  private long accepted;
  private long rejected;

  Integrator(StateSpace<S> space, Solver solver) {
    this.space = space;
    this.solver = solver;
    this.tab = solver.tableau();
    this.s = tab.stages();
    this.fsal = tab.isFsal();
    this.stageWeights = new double[s + 1][];
    for (int i = 1; i <= s; i++) {
      stageWeights[i] = new double[i];
    }
    this.outWeights = new double[s];
    this.stageValues = new double[s][];
    this.trace = solver.tracing() ? new ArrayList<>() : null;
  }

  /** The states at {@code times} ({@code times[0]} is the initial time, {@code y0} the state there). */
  List<S> solve(S y0, double[] times) {
    checkTimes(times);
    List<S> outputs = new ArrayList<>(times.length);
    outputs.add(space.keep(y0));
    if (times.length == 1) {
      return outputs;
    }
    double dir = Math.signum(times[1] - times[0]);
    double tEnd = times[times.length - 1];
    double t = times[0];
    S[] k = space.newArray(s);
    for (int i = 0; i < s; i++) {
      k[i] = space.buffer(y0);
    }
    S copy = space.buffer(y0);
    S y = copy == null ? y0 : space.combine(y0, new double[0], k, 0, copy);
    S yNew = space.buffer(y0);
    S stage = space.buffer(y0);
    S f1Buffer = space.buffer(y0);
    S interpolated = space.buffer(y0);
    checkFinite(space.values(y), "initial state", t, Double.NaN);
    k[0] = space.evaluate(t, y, k[0]);
    evaluations++;
    checkFinite(space.values(k[0]), "derivative at the initial state", t, Double.NaN);
    boolean adaptive = tab.isAdaptive();
    double hAbs = adaptive ? initialStep(y, k[0], t, tEnd, dir) : Double.NaN;
    double errPrev = 1e-4;
    boolean stepRejected = false;
    int next = 1;
    while (true) {
      if (Interrupts.isRequested()) {
        throw failure(OdeException.Kind.INTERRUPTED, "the solve was interrupted at t = %s", t, dir * hAbs, t);
      }
      if (accepted + rejected >= solver.maxSteps()) {
        throw failure(OdeException.Kind.MAX_STEPS_EXCEEDED,
            "more than maxSteps = %d steps needed; stopped at t = %s of [%s, %s], last step %s, recent steps %s. "
                + "Try looser tolerances (rtol/atol), raising maxSteps, a fixed-step method, smoother "
                + "activations (tanh, softplus) or weight decay to keep the dynamics tame",
            t, dir * hAbs, solver.maxSteps(), t, times[0], tEnd, dir * hAbs, OdeException.steps(recentSteps()));
      }
      if (adaptive) {
        hAbs = Math.min(hAbs, solver.maxStep());
        if (!stepRejected) {
          hAbs = Math.max(hAbs, 10 * Math.ulp(t));
        }
        double floor = Math.max(10 * Math.ulp(t), solver.minStep());
        if (hAbs < floor || hAbs == 0) {
          throw failure(OdeException.Kind.STEP_SIZE_TOO_SMALL,
              "step size %s at t = %s is below %s (%s); recent steps %s. The problem may be stiff or the "
                  + "dynamics may blow up: try looser tolerances, a fixed-step method, smoother activations "
                  + "or weight decay",
              t, dir * hAbs, dir * hAbs, t, floor, solver.minStep() > 0 ? "minStep" : "round-off limit",
              OdeException.steps(recentSteps()));
        }
      } else {
        hAbs = Double.isNaN(solver.fixedStep()) ? Math.abs(times[next] - t) : solver.fixedStep();
      }
      double tNew;
      if (adaptive) {
        tNew = t + dir * hAbs;
        if (dir * (tNew - tEnd) > 0) {
          tNew = tEnd;
        }
      } else if (Double.isNaN(solver.fixedStep())) {
        tNew = times[next];
      } else {
        // Counted from t0, so that round-off does not accumulate into a sliver of a last step.
        tNew = times[0] + dir * (accepted + 1) * hAbs;
        if (dir * (tNew - tEnd) > -1e-9 * hAbs) {
          tNew = tEnd;
        }
      }
      double h = tNew - t;
      remember(h);
      for (int i = 1; i < s; i++) {
        double[] w = stageWeights[i];
        for (int j = 0; j < i; j++) {
          w[j] = h * tab.a(i, j);
        }
        stage = space.combine(y, w, k, i, stage);
        k[i] = space.evaluate(t + tab.c(i) * h, stage, k[i]);
        evaluations++;
      }
      double[] wb = stageWeights[s];
      for (int j = 0; j < s; j++) {
        wb[j] = h * tab.b(j);
      }
      yNew = space.combine(y, wb, k, s, yNew);
      double ratio = Double.NaN;
      if (adaptive) {
        ratio = errorRatio(h, k, y, yNew);
        if (!(ratio < 1)) {
          rejected++;
          record(t, h, ratio, false);
          if (Double.isNaN(ratio) || Double.isInfinite(ratio)) {
            hAbs *= solver.factorMin();
            if (hAbs < Math.max(10 * Math.ulp(t), solver.minStep())) {
              throw nonFinite(k, yNew, t, h);
            }
          } else {
            hAbs *= Math.max(solver.factorMin(), solver.safety() * Math.pow(ratio, -1.0 / (tab.errorOrder() + 1)));
          }
          stepRejected = true;
          continue;
        }
        double factor = stepFactor(ratio, errPrev);
        if (stepRejected) {
          factor = Math.min(1, factor);
        }
        errPrev = Math.max(ratio, 1e-4);
        hAbs = Math.abs(h) * factor;
        stepRejected = false;
      } else {
        double[] v = space.values(yNew);
        if (!allFinite(v)) {
          throw nonFinite(k, yNew, t, h);
        }
      }
      accepted++;
      record(t, h, ratio, true);
      S f1 = fsal ? k[s - 1] : null;
      while (next < times.length && dir * (times[next] - tNew) <= 0) {
        double tau = times[next];
        if (tau == tNew) {
          outputs.add(space.keep(yNew));
        } else {
          double theta = (tau - t) / h;
          if (tab.interpolant() != null) {
            tab.interpolant().weights(theta, outWeights);
            for (int i = 0; i < s; i++) {
              outWeights[i] *= h;
            }
            interpolated = space.combine(y, outWeights, k, s, interpolated);
          } else {
            if (f1 == null) {
              f1 = f1Buffer = space.evaluate(tNew, yNew, f1Buffer);
              evaluations++;
            }
            interpolated = hermite(theta, h, y, yNew, k[0], f1, interpolated);
          }
          outputs.add(space.keep(interpolated));
        }
        next++;
      }
      if (next == times.length) {
        return outputs;
      }
      t = tNew;
      S old = y;
      y = yNew;
      yNew = old;
      if (fsal) {
        S first = k[0];
        k[0] = k[s - 1];
        k[s - 1] = first;
      } else if (f1 != null) {
        S first = k[0];
        k[0] = f1;
        f1Buffer = first;
      } else {
        k[0] = space.evaluate(t, y, k[0]);
        evaluations++;
      }
    }
  }

  private S hermite(double theta, double h, S y0, S y1, S f0, S f1, S out) {
    double t2 = theta * theta;
    double t3 = t2 * theta;
    hermite[0] = 2 * t3 - 3 * t2 + 1;
    hermite[1] = -2 * t3 + 3 * t2;
    hermite[2] = h * (t3 - 2 * t2 + theta);
    hermite[3] = h * (t3 - t2);
    S[] terms = space.newArray(4);
    terms[0] = y0;
    terms[1] = y1;
    terms[2] = f0;
    terms[3] = f1;
    return space.combine(null, hermite, terms, 4, out);
  }

  /** scipy's factor {@code min(max, safety·ratio^{−1/(q+1)})}, or Hairer's PI form. */
  private double stepFactor(double ratio, double errPrev) {
    if (ratio == 0) {
      return solver.factorMax();
    }
    double exponent = 1.0 / (tab.errorOrder() + 1);
    double factor;
    if (solver.piBeta() > 0) {
      double alpha = exponent - 0.75 * solver.piBeta();
      factor = solver.safety() * Math.pow(ratio, -alpha) * Math.pow(errPrev, solver.piBeta());
    } else {
      factor = solver.safety() * Math.pow(ratio, -exponent);
    }
    return Math.max(solver.factorMin(), Math.min(solver.factorMax(), factor));
  }

  /** The error norm relative to the tolerance (scipy's RK45 and DOP853 estimates). */
  private double errorRatio(double h, S[] k, S y, S yNew) {
    double[] y0 = space.values(y);
    double[] y1 = space.values(yNew);
    checkToleranceLength(y0.length);
    int n = normed(y0.length);
    double[][] kv = stageValues;
    for (int i = 0; i < s; i++) {
      kv[i] = space.values(k[i]);
    }
    if (solver.blocks() != null) {
      return mixedRatio(h, y0, y1, kv);
    }
    boolean rms = solver.norm() == Solver.Norm.RMS;
    double sum5 = 0;
    double sum3 = 0;
    double max = 0;
    for (int j = 0; j < n; j++) {
      double scale = solver.atol(j) + solver.rtol(j) * Math.max(Math.abs(y0[j]), Math.abs(y1[j]));
      double e5 = 0;
      double e3 = 0;
      for (int i = 0; i < s; i++) {
        e5 += tab.e(i) * kv[i][j];
        if (tab.hasSecondErrorEstimate()) {
          e3 += tab.e3(i) * kv[i][j];
        }
      }
      e5 /= scale;
      e3 /= scale;
      sum5 += e5 * e5;
      sum3 += e3 * e3;
      max = Math.max(max, Math.abs(e5));
      if (Double.isNaN(e5)) {
        return Double.NaN;
      }
    }
    if (!rms) {
      return Math.abs(h) * max;
    }
    if (tab.hasSecondErrorEstimate()) {
      if (sum5 == 0 && sum3 == 0) {
        return 0;
      }
      return Math.abs(h) * sum5 / Math.sqrt((sum5 + 0.01 * sum3) * n);
    }
    return Math.abs(h) * Math.sqrt(sum5 / n);
  }

  /** Hairer's starting step (Solving ODEs I, II.4), as scipy's {@code select_initial_step}. */
  private double initialStep(S y, S f0, double t0, double tEnd, double dir) {
    if (!Double.isNaN(solver.initialStep())) {
      return solver.initialStep();
    }
    double[] y0 = space.values(y);
    double[] d = space.values(f0);
    checkToleranceLength(y0.length);
    int n = normed(y0.length);
    double interval = Math.abs(tEnd - t0);
    double d0 = 0;
    double d1 = 0;
    for (int j = 0; j < n; j++) {
      double scale = solver.atol(j) + Math.abs(y0[j]) * solver.rtol(j);
      d0 += sq(y0[j] / scale);
      d1 += sq(d[j] / scale);
    }
    d0 = Math.sqrt(d0 / n);
    d1 = Math.sqrt(d1 / n);
    double h0 = d0 < 1e-5 || d1 < 1e-5 ? 1e-6 : 0.01 * d0 / d1;
    h0 = Math.min(h0, interval);
    double[] y1 = new double[y0.length];
    for (int j = 0; j < y1.length; j++) {
      y1[j] = y0[j] + h0 * dir * d[j];
    }
    S probe = space.fromValues(y1, y);
    double[] f1 = space.values(space.evaluateDetached(t0 + h0 * dir, probe, space.buffer(y)));
    evaluations++;
    double d2 = 0;
    for (int j = 0; j < n; j++) {
      double scale = solver.atol(j) + Math.abs(y0[j]) * solver.rtol(j);
      d2 += sq((f1[j] - d[j]) / scale);
    }
    d2 = Math.sqrt(d2 / n) / h0;
    double h1 = d1 <= 1e-15 && d2 <= 1e-15
        ? Math.max(1e-6, h0 * 1e-3)
        : Math.pow(0.01 / Math.max(d1, d2), 1.0 / (tab.errorOrder() + 1));
    return Math.min(Math.min(100 * h0, h1), Math.min(interval, solver.maxStep()));
  }

  /** Components entering the error norm: all, or those of the counted blocks. */
  private int normed(int n) {
    int[] blocks = solver.blocks();
    if (blocks == null) {
      return n;
    }
    int total = 0;
    for (int b : blocks) {
      total += b;
    }
    if (total != n) {
      throw new IllegalArgumentException("blockNorm blocks cover " + total + " components but the state has " + n);
    }
    int m = 0;
    for (int b = 0; b < solver.countedBlocks(); b++) {
      m += blocks[b];
    }
    return m;
  }

  /** {@code |h|·max_b RMS_b(err/scale)} over the counted blocks. */
  private double mixedRatio(double h, double[] y0, double[] y1, double[][] kv) {
    int[] blocks = solver.blocks();
    double worst = 0;
    int at = 0;
    for (int b = 0; b < solver.countedBlocks(); b++) {
      double sum = 0;
      for (int j = at; j < at + blocks[b]; j++) {
        double scale = solver.atol(j) + solver.rtol(j) * Math.max(Math.abs(y0[j]), Math.abs(y1[j]));
        double e = 0;
        for (int i = 0; i < s; i++) {
          e += tab.e(i) * kv[i][j];
        }
        sum += (e / scale) * (e / scale);
      }
      worst = Math.max(worst, Math.sqrt(sum / blocks[b]));
      at += blocks[b];
    }
    return Math.abs(h) * worst;
  }

  private void checkToleranceLength(int n) {
    int len = solver.toleranceLength();
    if (len != 1 && len != n) {
      throw new IllegalArgumentException(
          "per-component tolerances have " + len + " entries but the state has " + n + " components");
    }
  }

  Stats stats() {
    return new Stats(evaluations, accepted, rejected);
  }

  List<TraceStep> trace() {
    return trace == null ? List.of() : List.copyOf(trace);
  }

  private void record(double t, double h, double ratio, boolean ok) {
    if (trace != null) {
      trace.add(new TraceStep(t, h, ratio, ok));
    }
  }

  private void remember(double h) {
    recent[recentCount % RECENT] = h;
    recentCount++;
  }

  private double[] recentSteps() {
    int n = Math.min(recentCount, RECENT);
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      out[i] = recent[(recentCount - n + i) % RECENT];
    }
    return out;
  }

  private OdeException nonFinite(S[] k, S yNew, double t, double h) {
    double[] v = space.values(yNew);
    String where = "state";
    for (int i = 0; i < s && allFinite(v); i++) {
      v = space.values(k[i]);
      where = "derivative (stage " + i + ")";
    }
    return failure(OdeException.Kind.NON_FINITE,
        "the %s became non-finite in the step from t = %s with h = %s; offending components: %s. "
            + "Recent steps %s. Check the vector field for overflow or division by zero; smoother "
            + "activations, smaller initial weights or weight decay help neural fields",
        t, h, where, t, h, OdeException.components(v, 8), OdeException.steps(recentSteps()));
  }

  private void checkFinite(double[] v, String what, double t, double h) {
    if (!allFinite(v)) {
      throw failure(OdeException.Kind.NON_FINITE, "the %s is not finite at t = %s; offending components: %s",
          t, h, what, t, OdeException.components(v, 8));
    }
  }

  private OdeException failure(OdeException.Kind kind, String format, double t, double h, Object... args) {
    return new OdeException(kind, tab.name() + ": " + String.format(Locale.ROOT, format, args), t, h, recentSteps());
  }

  private static boolean allFinite(double[] v) {
    for (double x : v) {
      if (!Double.isFinite(x)) {
        return false;
      }
    }
    return true;
  }

  private static double sq(double x) {
    return x * x;
  }

  static void checkTimes(double[] times) {
    if (times == null || times.length == 0) {
      throw new IllegalArgumentException("times must hold at least the initial time");
    }
    for (int i = 0; i < times.length; i++) {
      if (!Double.isFinite(times[i])) {
        throw new IllegalArgumentException("times[" + i + "] = " + times[i] + " is not finite");
      }
    }
    if (times.length > 1) {
      double dir = Math.signum(times[1] - times[0]);
      for (int i = 1; i < times.length; i++) {
        if (dir == 0 || Math.signum(times[i] - times[i - 1]) != dir) {
          throw new IllegalArgumentException(String.format(Locale.ROOT,
              "times must be strictly increasing or strictly decreasing, but times[%d] = %s follows times[%d] = %s",
              i, times[i], i - 1, times[i - 1]));
        }
      }
    }
  }
}
