package org.nodelab.ode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.nodelab.tensor.Tensor;

/**
 * The mechanics of solving until an event: on arrays, the one solve loop with an {@link
 * EventLocator}; on tensors, an untaped solve that locates the event, a recorded solve (direct or
 * adjoint) to the event time, and one custom tape node that gives the event time its
 * implicit-function-theorem gradient.
 */
final class EventSolve {
  private EventSolve() {}

  static EventSolution solve(OdeSystem f, double[] y0, double t0, double tMax, EventFunction g,
      EventDirection direction, Solver solver) {
    if (y0 == null || y0.length == 0) {
      throw new IllegalArgumentException("y0 must have at least one component");
    }
    double end = horizon(t0, tMax, solver);
    EventLocator locator = new EventLocator(g, direction, t0, y0);
    Integrator<double[]> integrator = new Integrator<>(new ArrayStates(f), withoutRule(solver));
    integrator.locate(locator);
    List<double[]> states = integrator.solve(y0, new double[] {t0, end});
    boolean found = integrator.termination() == Termination.STOPPED_AT_EVENT;
    double[] times = integrator.outputTimes();
    return new EventSolution(found, times[times.length - 1], states.get(states.size() - 1), integrator.stats(),
        locator.evaluations());
  }

  /**
   * Solves from {@code (t0, y0)} until the event (or {@code tMax}); {@code g} null means no event.
   * {@code outputs} are extra times after {@code t0} (increasing) whose states before the end are
   * recorded too.
   */
  static TensorEventSolution solve(VectorField f, Tensor y0, Tensor t0, double tMax, TensorEventFunction g,
      EventDirection direction, Solver solver, GradientMethod method, double[] outputs) {
    if (t0.size() != 1) {
      throw new IllegalArgumentException("t0 must hold one value, got shape " + Arrays.toString(t0.shape()));
    }
    double start = t0.item();
    double end = horizon(start, tMax, solver);
    int[] shape = y0.shape();
    Integrator<double[]> search = new Integrator<>(new ArrayStates(new UntapedTensorSystem(f, shape)),
        withoutRule(solver));
    double[] yEnd;
    try (var off = Tensor.noGrad()) {
      if (g != null) {
        EventFunction values = (t, y) -> scalarValue(g.apply(Tensor.scalar(t), Tensor.sharing(y, shape)), t);
        search.locate(new EventLocator(values, direction, start, y0.toArray()));
      }
      List<double[]> states = search.solve(y0.toArray(), new double[] {start, end});
      yEnd = states.get(states.size() - 1);
    }
    boolean found = search.termination() == Termination.STOPPED_AT_EVENT;
    double tau = search.outputTimes()[search.outputTimes().length - 1];
    double[] inner = innerTimes(outputs, start, tau);
    if (!Tensor.isGradEnabled()) {
      return untaped(f, y0, start, tau, found, yEnd, inner, search.stats(), solver, shape);
    }
    Tensor startState = y0;
    if (t0.requiresGradient()) {
      Tensor f0 = Tensor.noGrad(() -> f.apply(start, y0.detach()));
      startState = y0.sub(f0.mul(t0.sub(start)));
    }
    double[] times = new double[inner.length + 2];
    times[0] = start;
    System.arraycopy(inner, 0, times, 1, inner.length);
    times[times.length - 1] = tau;
    List<Tensor> states = new ArrayList<>();
    Stats recorded = new Stats(0, 0, 0);
    Tensor yStar;
    if (tau == start) {
      yStar = startState;
    } else {
      TensorSolution solution = Ode.solve(f, startState, times, withoutRule(solver),
          method);
      for (int i = 1; i <= inner.length; i++) {
        states.add(solution.state(i));
      }
      yStar = solution.last();
      recorded = solution.stats();
    }
    Stats stats = sum(search.stats(), recorded);
    if (!found) {
      return new TensorEventSolution(false, tau, Tensor.scalar(tau), yStar, stats, states);
    }
    Tensor fStar = Tensor.noGrad(() -> f.apply(tau, yStar.detach()));
    Tensor time = eventTime(g, tau, yStar, fStar);
    Tensor state = time.requiresGradient() ? yStar.add(fStar.mul(time.sub(tau))) : yStar;
    return new TensorEventSolution(true, tau, time, state, stats, states);
  }

  /** Events in sequence with a jump at each, until the last of {@code times} (see {@link Ode#solveWithEvents}). */
  static PiecewiseSolution piecewise(VectorField f, Tensor y0, double[] times, TensorEventFunction g,
      EventDirection direction, Jump jump, int maxEvents, Solver solver, GradientMethod method) {
    Integrator.checkTimes(times);
    if (times.length < 2 || times[1] < times[0]) {
      throw new IllegalArgumentException("times must be increasing and hold the initial time and at least one more, got "
          + Arrays.toString(times));
    }
    if (maxEvents < 0) {
      throw new IllegalArgumentException("maxEvents must be at least 0, got " + maxEvents);
    }
    double tEnd = times[times.length - 1];
    List<Tensor> states = new ArrayList<>(times.length);
    List<Tensor> eventTimes = new ArrayList<>();
    List<Tensor> eventStates = new ArrayList<>();
    states.add(y0);
    Stats stats = new Stats(0, 0, 0);
    Tensor t = Tensor.scalar(times[0]);
    Tensor y = y0;
    while (true) {
      TensorEventFunction event = eventTimes.size() < maxEvents ? g : null;
      TensorEventSolution piece = solve(f, y, t, tEnd, event, direction, solver, method, times);
      states.addAll(piece.inner());
      stats = sum(stats, piece.stats());
      if (!piece.found()) {
        states.add(piece.state());
        break;
      }
      if (states.size() < times.length && times[states.size()] == piece.endTime()) {
        states.add(piece.state());
      }
      eventTimes.add(piece.time());
      eventStates.add(piece.state());
      if (piece.endTime() >= tEnd) {
        break;
      }
      t = piece.time();
      y = jump.apply(t, piece.state());
      if (y == null || !Arrays.equals(y.shape(), y0.shape())) {
        throw new IllegalArgumentException("the jump must return the state's shape " + Arrays.toString(y0.shape())
            + ", got " + (y == null ? "null" : Arrays.toString(y.shape())) + " at t = " + piece.endTime());
      }
    }
    return new PiecewiseSolution(times, states, eventTimes, eventStates, stats);
  }

  /**
   * The event time as a tape node: value {@code τ}, inputs the state at {@code τ} and the tensors
   * {@code g} uses; backward: {@code −a·(∂g/∂y, ∂g/∂θ) / (∂g/∂t + ∂g/∂y·f)}.
   */
  private static Tensor eventTime(TensorEventFunction g, double tau, Tensor yStar, Tensor fStar) {
    List<Tensor> params = eventParameters(g, tau, yStar);
    List<Tensor> inputs = new ArrayList<>(params.size() + 1);
    inputs.add(yStar);
    inputs.addAll(params);
    double[] yValues = yStar.toArray();
    int[] shape = yStar.shape();
    return Tensor.custom(Tensor.scalar(tau), inputs, upstream -> {
      try (var on = Tensor.enableGrad()) {
        Tensor t = Tensor.scalar(tau).requiresGrad();
        Tensor y = Tensor.of(yValues.clone(), shape).requiresGrad();
        Tensor value = g.apply(t, y);
        List<Tensor> wrt = new ArrayList<>(params.size() + 2);
        wrt.add(t);
        wrt.add(y);
        wrt.addAll(params);
        List<Tensor> partials = Tensor.gradients(value, Tensor.ones(value.shape()), wrt);
        double dgdt = partials.get(0).item() + partials.get(1).mul(fStar).sum().item();
        if (dgdt == 0 || !Double.isFinite(dgdt)) {
          throw new IllegalStateException(String.format(Locale.ROOT,
              "the event function crosses zero tangentially at t = %s (dg/dt = %s): the event time is not "
                  + "differentiable there", tau, dgdt));
        }
        double scale = -upstream.item() / dgdt;
        List<Tensor> grads = new ArrayList<>(inputs.size());
        for (int i = 1; i < partials.size(); i++) {
          grads.add(partials.get(i).mul(scale));
        }
        return grads;
      }
    });
  }

  /** The leaves requiring a gradient that {@code g} uses besides its time and state arguments. */
  private static List<Tensor> eventParameters(TensorEventFunction g, double tau, Tensor yStar) {
    try (var on = Tensor.enableGrad()) {
      Tensor t = Tensor.scalar(tau).requiresGrad();
      Tensor y = yStar.detach().requiresGrad();
      Set<Tensor> own = Collections.newSetFromMap(new IdentityHashMap<>());
      own.add(t);
      own.add(y);
      List<Tensor> found = new ArrayList<>();
      for (Tensor leaf : g.apply(t, y).leaves()) {
        if (!own.contains(leaf)) {
          found.add(leaf);
        }
      }
      return found;
    }
  }

  private static TensorEventSolution untaped(VectorField f, Tensor y0, double start, double tau, boolean found,
      double[] yEnd, double[] inner, Stats searchStats, Solver solver, int[] shape) {
    List<Tensor> states = new ArrayList<>();
    Stats stats = searchStats;
    if (inner.length > 0) {
      double[] times = new double[inner.length + 1];
      times[0] = start;
      System.arraycopy(inner, 0, times, 1, inner.length);
      TensorSolution solution = Ode.solve(f, y0, times, withoutRule(solver));
      for (int i = 1; i < times.length; i++) {
        states.add(solution.state(i));
      }
      stats = sum(stats, solution.stats());
    }
    return new TensorEventSolution(found, tau, Tensor.scalar(tau), Tensor.of(yEnd, shape), stats, states);
  }

  /** The output times strictly between {@code start} and {@code end}. */
  private static double[] innerTimes(double[] outputs, double start, double end) {
    if (outputs == null) {
      return new double[0];
    }
    return Arrays.stream(outputs).filter(t -> t > start && t < end).toArray();
  }

  /** {@code tMax} as the solve's last time: infinite horizons need an adaptive or fixed-step solver. */
  private static double horizon(double t0, double tMax, Solver solver) {
    if (!Double.isFinite(t0)) {
      throw new IllegalArgumentException("t0 must be finite, got " + t0);
    }
    if (Double.isNaN(tMax) || tMax == t0) {
      throw new IllegalArgumentException("tMax must differ from t0 = " + t0 + ", got " + tMax);
    }
    if (Double.isFinite(tMax)) {
      return tMax;
    }
    if (!solver.isAdaptive() && Double.isNaN(solver.fixedStep())) {
      throw new IllegalArgumentException(solver.name() + " without a fixed step takes one step per output "
          + "interval, which an unbounded search cannot have: give step(h), an adaptive method, or a finite tMax");
    }
    return tMax > 0 ? Double.MAX_VALUE / 4 : -Double.MAX_VALUE / 4;
  }

  /** The solver without its termination rule: the event decides where the solve ends. */
  private static Solver withoutRule(Solver solver) {
    return solver.options().termination().isEmpty() ? solver : solver.withOptions(solver.options().withoutTermination());
  }

  private static double scalarValue(Tensor value, double t) {
    if (value == null || value.size() != 1) {
      throw new IllegalArgumentException("the event function must return one value, got "
          + (value == null ? "null" : "shape " + Arrays.toString(value.shape())) + " at t = " + t);
    }
    return value.item();
  }

  private static Stats sum(Stats a, Stats b) {
    return new Stats(a.evaluations() + b.evaluations(), a.acceptedSteps() + b.acceptedSteps(),
        a.rejectedSteps() + b.rejectedSteps(), a.denseEvaluations() + b.denseEvaluations());
  }
}
