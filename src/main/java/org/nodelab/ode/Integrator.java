package org.nodelab.ode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.nodelab.ode.control.AdaptiveController;
import org.nodelab.ode.control.ConstantStep;
import org.nodelab.ode.control.InitialStep;
import org.nodelab.ode.control.StepLimits;

/**
 * The one solve loop: drives the method's {@link Stepper} from the first requested time to the last
 * under the solver's step-size controller, reports the state at every requested time from dense
 * output, ends early when the options' {@link TerminationRule} holds, and stops with a diagnosis. A
 * new instance holds the per-solve state (counters, trace, outcome); the {@link Solver} it reads is
 * immutable.
 *
 * @param <S> state type
 */
final class Integrator<S> {
  /** Floor of the error ratio remembered for PI control (Hairer's {@code facold = 1e-4}). */
  private static final double MIN_PREVIOUS_RATIO = 1e-4;

  private final StateSpace<S> space;
  private final Method method;
  private final AdaptiveController control;
  private final StepLimits limits;
  private final ConstantStep constant;
  private final boolean adaptive;
  private final SolveOptions options;
  private final Diagnosis diagnosis;
  private final List<TraceStep> trace;
  private Stepper<S> step;
  private StepRecorder<S> recorder;
  private EventLocator events;
  private Termination termination = Termination.REACHED_END;
  private double[] outputTimes;
  private long probeEvaluations;
  private long accepted;
  private long rejected;
  private double hAbs;
  private double previousRatio = MIN_PREVIOUS_RATIO;
  private boolean lastRejected;
  /** The size of the last accepted step (NaN before the first). */
  private double previousStep = Double.NaN;
  private final double stabilityBoundary;
  private int stiffSteps;
  private int nonStiffSteps;

  Integrator(StateSpace<S> space, Solver solver) {
    this.space = space;
    this.method = solver.method();
    this.control = solver.errorControl();
    this.limits = control.limits();
    this.constant = solver.controller() instanceof ConstantStep c ? c : null;
    this.adaptive = solver.isAdaptive();
    this.options = solver.options();
    this.diagnosis = new Diagnosis(method.name());
    this.stabilityBoundary = method instanceof ButcherTableau tab && tab.isAdaptive()
        ? tab.realStabilityBoundary() : Double.NaN;
    this.trace = options.trace() ? new ArrayList<>() : null;
  }

  /**
   * The states at {@code times} ({@code times[0]} is the initial time, {@code y0} the state there),
   * or, when the termination rule ends the solve early, at the times served before it and at the
   * stopping time ({@link #outputTimes()}).
   */
  List<S> solve(S y0, double[] times) {
    checkTimes(times);
    outputTimes = times;
    List<S> outputs = new ArrayList<>(times.length);
    outputs.add(space.keep(y0));
    if (times.length == 1) {
      return outputs;
    }
    double[] start = space.values(y0);
    control.tolerances().checkStateLength(start.length);
    double t = times[0];
    double tEnd = times[times.length - 1];
    double dir = Math.signum(times[1] - times[0]);
    checkFiniteAtStart("initial state", start, t);
    step = Stepper.of(method, space, y0, start.length, control.tolerances());
    step.start(t, y0);
    checkFiniteAtStart("derivative at the initial state", space.values(step.derivative()), t);
    hAbs = adaptive ? firstStep(t, tEnd, dir) : Double.NaN;
    int next = 1;
    while (true) {
      checkInterruptedAndBudget(t, dir, times[0], tEnd);
      double tNew = adaptive ? adaptiveTarget(t, tEnd, dir) : fixedTarget(t, times, next, dir);
      double h = tNew - t;
      if (!adaptive) {
        hAbs = Math.abs(h);
      }
      diagnosis.remember(h);
      step.attempt(h);
      if (!(adaptive ? accepts(t, h) : isFinite(t, h))) {
        continue;
      }
      accepted++;
      watchStiffness(tNew);
      if (recorder != null) {
        recorder.accepted(t, tNew, step);
      }
      if (events != null && stopsAtEvent(outputs, times, t, tNew, h)) {
        step.finish();
        return outputs;
      }
      next = save(outputs, times, next, t, tNew, h);
      if (next == times.length || stopsAt(outputs, times, next, tNew)) {
        step.finish();
        return outputs;
      }
      step.advance();
      t = tNew;
    }
  }

  /** Sees every accepted step before the solve moves on (its dense output is then available). */
  interface StepRecorder<S> {
    /** The step from {@code t} to {@code tNew} was accepted; {@code step} can interpolate inside it. */
    void accepted(double t, double tNew, Stepper<S> step);
  }

  /** Has {@code r} see every accepted step of the next solve. */
  void recordSteps(StepRecorder<S> r) {
    this.recorder = r;
  }

  /** Hairer's estimate (or the given initial step), costing one evaluation. */
  private double firstStep(double t0, double tEnd, double dir) {
    if (limits.initialStep().isPresent()) {
      return limits.initialStep().getAsDouble();
    }
    S like = step.state();
    S buffer = space.buffer(like);
    return InitialStep.estimate(control.tolerances(), limits.maxStep(), t0, space.values(like), space.values(step.derivative()), dir,
        Math.abs(tEnd - t0), method.errorOrder(), (t, y) -> {
          probeEvaluations++;
          return space.values(space.evaluateDetached(t, space.fromValues(y, like), buffer));
        });
  }

  /** The end of the next adaptive step: {@code hAbs} within its limits, shortened to land on {@code tEnd}. */
  private double adaptiveTarget(double t, double tEnd, double dir) {
    hAbs = Math.min(hAbs, limits.maxStep());
    double roundOff = 10 * Math.ulp(t);
    if (!lastRejected) {
      hAbs = Math.max(hAbs, roundOff);
    }
    double floor = Math.max(roundOff, limits.minStep());
    if (!(hAbs >= floor) || hAbs == 0) {
      throw diagnosis.stepTooSmall(t, dir * hAbs, floor, limits.minStep() > roundOff);
    }
    double tNew = t + dir * hAbs;
    return dir * (tNew - tEnd) > 0 ? tEnd : tNew;
  }

  /**
   * The end of the next fixed step: the next output time, or {@code t0 + n·h} (counted from {@code
   * t0} so that round-off does not accumulate into a sliver of a last step).
   */
  private double fixedTarget(double t, double[] times, int next, double dir) {
    if (constant == null) {
      return times[next];
    }
    double h = constant.h();
    double tEnd = times[times.length - 1];
    double tNew = times[0] + dir * (accepted + 1) * h;
    return dir * (tNew - tEnd) > -1e-9 * h ? tEnd : tNew;
  }

  /** Error control: accepts the attempted step or shrinks {@code hAbs} for another try. */
  private boolean accepts(double t, double h) {
    double ratio = control.tolerances().errorRatio(h, step.error(), space.values(step.state()),
        space.values(step.proposal()));
    if (ratio < 1) {
      hAbs = step.keepStep(Math.abs(h),
          Math.abs(h) * control.acceptFactor(ratio, previousRatio, Math.abs(h) / previousStep, lastRejected,
              method.errorOrder()));
      previousRatio = Math.max(ratio, MIN_PREVIOUS_RATIO);
      previousStep = Math.abs(h);
      lastRejected = false;
      record(t, h, ratio, true);
      return true;
    }
    rejected++;
    record(t, h, ratio, false);
    hAbs *= control.rejectFactor(ratio, method.errorOrder());
    lastRejected = true;
    if (!Double.isFinite(ratio) && hAbs < Math.max(10 * Math.ulp(t), limits.minStep())) {
      throw nonFinite(t, h);
    }
    return false;
  }

  /**
   * Hairer's stiffness test (DOPRI5's {@code iasti}): accepted steps whose {@code |h|·ρ} lies near the
   * stability boundary mean that stability, not accuracy, limits the step; after 15 of them (6 others
   * in a row reset the count) the failures of this solve say the problem looks stiff.
   */
  private void watchStiffness(double t) {
    if (Double.isNaN(stabilityBoundary) || !adaptive) {
      return;
    }
    double hRho = step.stiffness();
    if (hRho > 0.9 * stabilityBoundary) {
      nonStiffSteps = 0;
      if (++stiffSteps >= 15) {
        diagnosis.looksStiff(t, hRho, stabilityBoundary);
      }
    } else if (++nonStiffSteps >= 6) {
      stiffSteps = 0;
    }
  }

  /** Fixed steps: the new state must be finite. */
  private boolean isFinite(double t, double h) {
    if (!allFinite(space.values(step.proposal()))) {
      throw nonFinite(t, h);
    }
    record(t, h, Double.NaN, true);
    return true;
  }

  /**
   * Whether the termination rule ends the solve at {@code tNew} (after {@code next − 1} outputs):
   * then the state there ends the outputs, and {@link #outputTimes()} says at which times.
   */
  private boolean stopsAt(List<S> outputs, double[] times, int next, double tNew) {
    TerminationRule rule = options.termination().orElse(null);
    if (rule == null || !rule.isMet(tNew, space.values(step.proposal()))) {
      return false;
    }
    termination = Termination.STOPPED_AT_EVENT;
    boolean served = times[next - 1] == tNew;
    outputTimes = Arrays.copyOf(times, served ? next : next + 1);
    if (!served) {
      outputTimes[next] = tNew;
      outputs.add(space.keep(step.proposal()));
    }
    return true;
  }

  /** Ends the next solve at the first crossing that {@code locator} finds (outputs: the start and the event). */
  void locate(EventLocator locator) {
    this.events = locator;
  }

  /** Whether the event locator finds a crossing in the accepted step; then its state ends the outputs. */
  private boolean stopsAtEvent(List<S> outputs, double[] times, double t, double tNew, double h) {
    double tEvent = events.crossing(t, tNew, theta -> space.values(step.interpolate(theta)),
        space.values(step.proposal()));
    if (Double.isNaN(tEvent)) {
      return false;
    }
    termination = Termination.STOPPED_AT_EVENT;
    outputTimes = new double[] {times[0], tEvent};
    outputs.subList(1, outputs.size()).clear();
    outputs.add(space.keep(tEvent == tNew ? step.proposal() : step.interpolate((tEvent - t) / h)));
    return true;
  }

  /** How the solve ended. */
  Termination termination() {
    return termination;
  }

  /** The times of the outputs: the requested ones, or those served before an early stop and the stop. */
  double[] outputTimes() {
    return outputTimes;
  }

  /** Adds the states at the requested times in {@code (t, tNew]}; returns the next time to serve. */
  private int save(List<S> outputs, double[] times, int next, double t, double tNew, double h) {
    double dir = Math.signum(h);
    while (next < times.length && dir * (times[next] - tNew) <= 0) {
      double tau = times[next];
      outputs.add(space.keep(tau == tNew ? step.proposal() : step.interpolate((tau - t) / h)));
      next++;
    }
    return next;
  }

  private void checkInterruptedAndBudget(double t, double dir, double t0, double tEnd) {
    if (Interrupts.isRequested()) {
      throw diagnosis.interrupted(t, dir * hAbs);
    }
    if (accepted + rejected >= options.maxSteps()) {
      throw diagnosis.maxSteps(options.maxSteps(), t, dir * hAbs, t0, tEnd);
    }
  }

  /** Names the first non-finite thing of the attempted step: the new state, else a stage. */
  private OdeException nonFinite(double t, double h) {
    if (step.failure() != null) {
      return diagnosis.implicitFailure(step.failure(), t, h);
    }
    double[] values = space.values(step.proposal());
    String what = "state";
    for (int i = 0; i < step.stages() && allFinite(values); i++) {
      values = space.values(step.stage(i));
      what = "derivative (stage " + i + ")";
    }
    return diagnosis.nonFinite(what, values, t, h);
  }

  private void checkFiniteAtStart(String what, double[] values, double t) {
    if (!allFinite(values)) {
      throw diagnosis.nonFiniteAtStart(what, values, t);
    }
  }

  private void record(double t, double h, double ratio, boolean ok) {
    if (trace != null) {
      trace.add(new TraceStep(t, h, ratio, ok));
    }
  }

  Stats stats() {
    long evaluations = probeEvaluations + (step == null ? 0 : step.evaluations());
    if (step == null) {
      return new Stats(evaluations, accepted, rejected);
    }
    return new Stats(evaluations, accepted, rejected, step.denseEvaluations(), step.jacobians(), step.factorizations());
  }

  /** The step size the controller proposed after the last accepted step. */
  double proposedStep() {
    return hAbs;
  }

  List<TraceStep> trace() {
    return trace == null ? List.of() : List.copyOf(trace);
  }

  private static boolean allFinite(double[] v) {
    for (double x : v) {
      if (!Double.isFinite(x)) {
        return false;
      }
    }
    return true;
  }

  /** Times must be finite and strictly monotone (either direction). */
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
