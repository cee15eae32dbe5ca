package org.nodelab.ode;

import org.nodelab.ode.control.ErrorEstimate;
import org.nodelab.ode.control.Tolerances;

/**
 * One method's steps on one kind of state, as the {@link Integrator} drives them: start, attempt a
 * step of size {@code h}, report its error estimate, advance to the accepted end, and interpolate
 * inside the accepted step. A new instance per solve holds the per-solve buffers; the explicit
 * Runge–Kutta engine ({@link RungeKuttaStep}) is the first implementation.
 *
 * @param <S> state type
 */
interface Stepper<S> {
  /**
   * The stepper of {@code method} for states like {@code like} with {@code n} components ({@code
   * tolerances} set the Newton iterations of implicit methods).
   */
  static <S> Stepper<S> of(Method method, StateSpace<S> space, S like, int n, Tolerances tolerances) {
    if (method instanceof ButcherTableau tableau) {
      return new RungeKuttaStep<>(space, tableau, like, n);
    }
    if (method instanceof Rosenbrock rosenbrock) {
      return new RosenbrockStep<>(space, rosenbrock, like, n);
    }
    if (method instanceof Radau radau) {
      return new RadauStep<>(space, radau, tolerances, like, n);
    }
    return new EsdirkStep<>(space, (Esdirk) method, tolerances, like, n);
  }

  /** Starts at {@code (t0, y0)} and evaluates {@code f(t0, y0)} ({@code y0} is copied, never written). */
  void start(double t0, S y0);

  /** The state at the start of the current step. */
  S state();

  /** {@code f} at the start of the current step. */
  S derivative();

  /** Tries a step of signed size {@code h} from the current state. */
  void attempt(double h);

  /** The proposed state at the end of the last attempt. */
  S proposal();

  /** The error estimate of the last attempt (adaptive methods). */
  ErrorEstimate error();

  /** Moves to the end of the accepted attempt. */
  void advance();

  /** The state at {@code t + θh} inside the last accepted step, {@code θ ∈ [0, 1]}. */
  S interpolate(double theta);

  /** Called once when the solve ends (counts output-only work). */
  void finish();

  /** Evaluations of {@code f} the attempt made, for naming the first non-finite one ({@code i < stages()}). */
  S stage(int i);

  /** Number of evaluations of one attempt. */
  int stages();

  /** Right-hand-side evaluations so far, dense ones included. */
  long evaluations();

  /** Evaluations made only for output between steps. */
  long denseEvaluations();

  /** Evaluations of the Jacobian {@code ∂f/∂y} so far (implicit methods). */
  default long jacobians() {
    return 0;
  }

  /** LU factorisations so far (implicit methods). */
  default long factorizations() {
    return 0;
  }

  /**
   * The next step size given the controller's {@code proposed} one after an accepted step of size
   * {@code hAbs}: a method that reuses a factorisation may keep {@code hAbs} when the change is small.
   */
  default double keepStep(double hAbs, double proposed) {
    return proposed;
  }

  /** An estimate of {@code |h|·ρ} for the last attempt, {@code ρ} the spectral radius of {@code ∂f/∂y}; NaN without one. */
  default double stiffness() {
    return Double.NaN;
  }

  /** Why the last attempt produced no state (an implicit method's unsolvable stages), or null. */
  default String failure() {
    return null;
  }
}
