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
}
