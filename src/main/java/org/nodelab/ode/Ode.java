package org.nodelab.ode;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.nodelab.tensor.Tensor;

/**
 * The entry point: solve {@code dy/dt = f(t, y)}, {@code y(times[0]) = y0}, and report the state at
 * every requested time (increasing, or decreasing to integrate backwards), from dense output: the
 * step sequence is the one of a solve to the last time alone, and the solve lands exactly on the
 * last time. A single time ({@code t0 == t1}) returns {@code y0} without evaluating {@code f};
 * repeated times are refused as not strictly monotone. Example: {@code Ode.solve((t, y, dy) ->
 * dy[0] = -y[0], new double[] {1}, new double[] {0, 1}, Solvers.rk45()).last()[0]} is {@code e^{-1}}
 * to about 1e-7.
 */
public final class Ode {
  private Ode() {}

  /**
   * Solves a system on plain arrays, allocating nothing per step.
   *
   * @param f the right-hand side
   * @param y0 the state at {@code times[0]}
   * @param times output times, strictly monotone; {@code times[0]} is the initial time
   * @param solver method and step-size control, e.g. {@code Solvers.dopri5().rtol(1e-8)}
   * @return the states at {@code times}, with statistics and (if asked for) the step trace
   * @throws OdeException if the solve cannot finish (with the reason and what to try)
   * @throws IllegalArgumentException for invalid times, tolerances or states
   */
  public static Solution solve(OdeSystem f, double[] y0, double[] times, Solver solver) {
    Objects.requireNonNull(f, "f");
    Objects.requireNonNull(solver, "solver");
    if (y0 == null || y0.length == 0) {
      throw new IllegalArgumentException("y0 must have at least one component");
    }
    Integrator<double[]> integrator = new Integrator<>(new ArrayStates(f), solver);
    var states = integrator.solve(y0, times);
    return new Solution(integrator.outputTimes(), states, integrator.stats(), integrator.trace(),
        integrator.termination());
  }

  /**
   * Solves a tensor system (e.g. a batch {@code [batch, dim]} sharing one step size). The stages
   * are recorded on the gradient tape, so {@code solution.last().sum().backward()} differentiates
   * through the solve (the step-size control is not differentiated). Under {@link Tensor#noGrad()}
   * nothing is recorded and the engine works in reusable arrays, allocating nothing per step itself
   * (the field's own operations still allocate their results); the field then must not keep its
   * argument beyond the call.
   *
   * @param f the right-hand side, tensor to tensor
   * @param y0 the state at {@code times[0]}
   * @param times output times, strictly monotone; {@code times[0]} is the initial time
   * @param solver method and step-size control
   * @return the states at {@code times}, on the tape
   */
  public static TensorSolution solve(VectorField f, Tensor y0, double[] times, Solver solver) {
    Objects.requireNonNull(f, "f");
    Objects.requireNonNull(y0, "y0");
    Objects.requireNonNull(solver, "solver");
    if (!Tensor.isGradEnabled()) {
      return solveUntaped(f, y0, times, solver);
    }
    Integrator<Tensor> integrator = new Integrator<>(new TensorStates(f), solver);
    var states = integrator.solve(y0, times);
    Stats stats = integrator.stats();
    long taped = Tensor.isGradEnabled() && states.get(states.size() - 1).requiresGradient()
        ? stats.evaluations() - (solver.isAdaptive() && solver.errorControl().limits().initialStep().isEmpty() ? 1 : 0) : 0;
    Stats backward = new Stats(taped, 0, 0);
    return new TensorSolution(integrator.outputTimes(), states, stats, integrator.trace(), new Stats[] {backward},
        integrator.termination());
  }

  /** A tensor solve with gradient recording off, on the engine's reusable arrays: the same steps and values. */
  private static TensorSolution solveUntaped(VectorField f, Tensor y0, double[] times, Solver solver) {
    int[] shape = y0.shape();
    Integrator<double[]> integrator = new Integrator<>(new ArrayStates(new UntapedTensorSystem(f, shape)), solver);
    List<double[]> values = integrator.solve(y0.toArray(), times);
    List<Tensor> states = new ArrayList<>(values.size());
    for (double[] v : values) {
      states.add(Tensor.sharing(v, shape));
    }
    return new TensorSolution(integrator.outputTimes(), states, integrator.stats(), integrator.trace(),
        new Stats[] {new Stats(0, 0, 0)}, integrator.termination());
  }

  /**
   * Solves a tensor system with the given gradient method: {@link GradientMethod#DIRECT} as {@link
   * #solve(VectorField, Tensor, double[], Solver)}, or an {@link Adjoint}, whose backward pass finds
   * the parameters of {@code f} on the tape (any tensor it uses that requires a gradient).
   *
   * @param f the right-hand side, tensor to tensor
   * @param y0 the state at {@code times[0]}
   * @param times output times, strictly monotone; {@code times[0]} is the initial time
   * @param solver method and step-size control
   * @param method {@link GradientMethod#DIRECT} or an {@link Adjoint}
   * @return the states at {@code times}
   */
  public static TensorSolution solve(VectorField f, Tensor y0, double[] times, Solver solver, GradientMethod method) {
    Objects.requireNonNull(method, "method");
    if (method instanceof Adjoint adjoint) {
      return AdjointSolve.solve(f, y0, times, solver, adjoint, null);
    }
    return solve(f, y0, times, solver);
  }

  /**
   * As {@link #solve(VectorField, Tensor, double[], Solver, GradientMethod)} with the field's
   * parameters given (a module's, or declared for a lambda field): the adjoint integrates exactly
   * these gradients instead of finding the parameters on the tape.
   *
   * @param f the right-hand side, tensor to tensor
   * @param y0 the state at {@code times[0]}
   * @param times output times, strictly monotone; {@code times[0]} is the initial time
   * @param solver method and step-size control
   * @param method {@link GradientMethod#DIRECT} or an {@link Adjoint}
   * @param parameters the tensors the field trains
   * @return the states at {@code times}
   */
  public static TensorSolution solve(VectorField f, Tensor y0, double[] times, Solver solver, GradientMethod method,
      List<Tensor> parameters) {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(parameters, "parameters");
    if (method instanceof Adjoint adjoint) {
      return AdjointSolve.solve(f, y0, times, solver, adjoint, parameters);
    }
    return solve(f, y0, times, solver);
  }

  /**
   * Solves until the first sign change of {@code g} after {@code t0} (either direction), located on
   * the dense output to a few units in the last place of the time. A zero of {@code g} at {@code t0}
   * itself is no event (the side is taken from the next nonzero value), so a solve may start on the
   * event surface, e.g. right after a bounce. Example: a ball dropped from 10 m, {@code
   * Ode.solveUntilEvent((t, y, dy) -> { dy[0] = y[1]; dy[1] = -9.81; }, new double[] {10, 0}, 0, 5,
   * (t, y) -> y[0], Solvers.dopri5()).time()} is {@code √(2·10/9.81)}. A termination rule in the
   * solver's options is not used here: the event decides where the solve ends.
   *
   * @param f the right-hand side
   * @param y0 the state at {@code t0}
   * @param t0 the initial time
   * @param tMax where to stop without an event (may be below {@code t0} to integrate backwards)
   * @param g the event function
   * @param solver method and step-size control
   * @return the event's time and state, or the state at {@code tMax} with {@code found() == false}
   */
  public static EventSolution solveUntilEvent(OdeSystem f, double[] y0, double t0, double tMax, EventFunction g,
      Solver solver) {
    return solveUntilEvent(f, y0, t0, tMax, g, EventDirection.EITHER, solver);
  }

  /**
   * As {@link #solveUntilEvent(OdeSystem, double[], double, double, EventFunction, Solver)}, counting
   * only crossings in {@code direction} (crossings the other way are passed over).
   *
   * @param f the right-hand side
   * @param y0 the state at {@code t0}
   * @param t0 the initial time
   * @param tMax where to stop without an event
   * @param g the event function
   * @param direction which crossings count
   * @param solver method and step-size control
   * @return the event's time and state, or the state at {@code tMax}
   */
  public static EventSolution solveUntilEvent(OdeSystem f, double[] y0, double t0, double tMax, EventFunction g,
      EventDirection direction, Solver solver) {
    Objects.requireNonNull(f, "f");
    Objects.requireNonNull(g, "g");
    Objects.requireNonNull(direction, "direction");
    Objects.requireNonNull(solver, "solver");
    return EventSolve.solve(f, y0, t0, tMax, g, direction, solver);
  }

  /**
   * Solves a tensor system until the first sign change of {@code g} after {@code t0}, with no time
   * limit other than the solver's step budget, direct gradients and either direction. The event time
   * and state are on the tape (see {@link TensorEventSolution}).
   *
   * @param f the vector field
   * @param y0 the initial state
   * @param t0 the initial time
   * @param g the event function (one value)
   * @param solver an adaptive solver, or one with a fixed step
   * @return the differentiable event time and state
   */
  public static TensorEventSolution solveUntilEvent(VectorField f, Tensor y0, double t0, TensorEventFunction g,
      Solver solver) {
    return solveUntilEvent(f, y0, Tensor.scalar(t0), Double.POSITIVE_INFINITY, g, EventDirection.EITHER, solver,
        GradientMethod.DIRECT);
  }

  /**
   * Solves a tensor system until an event, with every option: a differentiable initial time (its
   * gradient is {@code −∂L/∂y(t0)·f(t0, y0)} plus its effect on the event time), a time limit, the
   * crossing direction and the gradient method of the recorded solve (direct or adjoint).
   *
   * @param f the vector field
   * @param y0 the initial state
   * @param t0 the initial time, one value (may require a gradient)
   * @param tMax where to stop without an event; infinite for no limit
   * @param g the event function (one value)
   * @param direction which crossings count
   * @param solver method and step-size control
   * @param method {@link GradientMethod#DIRECT} or an {@link Adjoint}
   * @return the differentiable event time and state, or the state at {@code tMax} with {@code found() == false}
   */
  public static TensorEventSolution solveUntilEvent(VectorField f, Tensor y0, Tensor t0, double tMax,
      TensorEventFunction g, EventDirection direction, Solver solver, GradientMethod method) {
    Objects.requireNonNull(f, "f");
    Objects.requireNonNull(y0, "y0");
    Objects.requireNonNull(t0, "t0");
    Objects.requireNonNull(g, "g");
    Objects.requireNonNull(direction, "direction");
    Objects.requireNonNull(solver, "solver");
    Objects.requireNonNull(method, "method");
    return EventSolve.solve(f, y0, t0, tMax, g, direction, solver, method, null);
  }

  /**
   * Events in sequence: solves from {@code times[0]}, and at each crossing of {@code g} in {@code
   * direction} applies {@code jump} and goes on, until the last time; after {@code maxEvents} events
   * the rest is solved without events. The states at {@code times} and the event times are
   * differentiable (piecewise). Example: a bouncing ball, {@code g = height − radius}, falling, with
   * {@code jump} reversing the velocity times a restitution coefficient.
   *
   * @param f the vector field
   * @param y0 the state at {@code times[0]}
   * @param times output times, strictly increasing
   * @param g the event function
   * @param direction which crossings count
   * @param jump the state change at each event
   * @param maxEvents the most events to handle
   * @param solver method and step-size control
   * @param method {@link GradientMethod#DIRECT} or an {@link Adjoint}
   * @return the states at {@code times} and the event times
   */
  public static PiecewiseSolution solveWithEvents(VectorField f, Tensor y0, double[] times, TensorEventFunction g,
      EventDirection direction, Jump jump, int maxEvents, Solver solver, GradientMethod method) {
    Objects.requireNonNull(f, "f");
    Objects.requireNonNull(y0, "y0");
    Objects.requireNonNull(g, "g");
    Objects.requireNonNull(direction, "direction");
    Objects.requireNonNull(jump, "jump");
    Objects.requireNonNull(solver, "solver");
    Objects.requireNonNull(method, "method");
    return EventSolve.piecewise(f, y0, times, g, direction, jump, maxEvents, solver, method);
  }
}
