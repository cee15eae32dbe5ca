package org.nodelab.ode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nodelab.tensor.Tensor;

/**
 * The mechanics of the {@link Adjoint} method: a tape-free forward solve, one custom backward node
 * for the whole trajectory, and the backward solve of the augmented system on flat arrays.
 */
final class AdjointSolve {
  private AdjointSolve() {}

  static TensorSolution solve(VectorField f, Tensor y0, double[] times, Solver solver, Adjoint adjoint,
      List<Tensor> declared) {
    List<Tensor> params = declared != null ? List.copyOf(declared) : FieldParameters.probe(f, times[0], y0);
    boolean check = declared == null;
    Solver backwardSolver = adjoint.backwardSolver() == null ? solver : adjoint.backwardSolver();
    if (!(backwardSolver.method() instanceof ButcherTableau)) {
      return InterpolatedAdjoint.solve(f, y0, times, solver, backwardSolver, adjoint, params, check);
    }
    TensorSolution forward;
    try (var off = Tensor.noGrad()) {
      forward = Ode.solve(f, y0.detach(), times, solver);
    }
    if (forward.termination() != Termination.REACHED_END) {
      throw new IllegalArgumentException("the adjoint method needs a solve that reaches the last time, but "
          + solver.name() + " stopped early at t = " + forward.times()[forward.times().length - 1]
          + " (a termination rule): use GradientMethod.DIRECT");
    }
    Stats[] backward = {new Stats(0, 0, 0)};
    List<Tensor> inputs = new ArrayList<>();
    inputs.add(y0);
    inputs.addAll(params);
    Tensor trajectory = Tensor.custom(forward.stacked(), inputs,
        g -> backward(f, forward, g, params, times, adjoint.backwardSolver() == null ? solver : adjoint.backwardSolver(),
            adjoint, backward, check));
    int[] shape = y0.shape();
    List<Tensor> states = new ArrayList<>(times.length);
    for (int i = 0; i < times.length; i++) {
      states.add(trajectory.requiresGradient() ? trajectory.slice(0, i, i + 1).reshape(shape) : forward.state(i));
    }
    return new TensorSolution(times, states, forward.stats(), forward.trace(), backward, forward.termination());
  }

  private static List<Tensor> backward(VectorField f, TensorSolution forward, Tensor g, List<Tensor> params,
      double[] times, Solver solver, Adjoint adjoint, Stats[] cost, boolean check) {
    int[] shape = forward.state(0).shape();
    int n = forward.state(0).size();
    int p = 0;
    for (Tensor t : params) {
      p += t.size();
    }
    double[] grad = g.toArray();
    double[] z = new double[2 * n + p];
    int last = times.length - 1;
    System.arraycopy(forward.state(last).toArray(), 0, z, 0, n);
    System.arraycopy(grad, last * n, z, n, n);
    OdeSystem augmented = augmentedDynamics(f, shape, params, n, check);
    Solver back = scalarTolerances(solver).withOptions(solver.options().withoutTermination())
        .blockNorm(blocks(n, params), adjoint.isSeminorm() ? 2 : 2 + params.size());
    long evaluations = 0;
    long accepted = 0;
    long rejected = 0;
    double proposed = Double.NaN;
    for (int i = last; i > 0; i--) {
      Solver segment = Double.isNaN(proposed) || !adjoint.isCarryingStep() || !back.isAdaptive()
          ? back : back.initialStep(proposed);
      Integrator<double[]> integrator = new Integrator<>(new ArrayStates(augmented), segment);
      z = integrator.solve(z, new double[] {times[i], times[i - 1]}).get(1);
      proposed = integrator.proposedStep();
      Stats stats = integrator.stats();
      evaluations += stats.evaluations();
      accepted += stats.acceptedSteps();
      rejected += stats.rejectedSteps();
      System.arraycopy(forward.state(i - 1).toArray(), 0, z, 0, n);
      for (int j = 0; j < n; j++) {
        z[n + j] += grad[(i - 1) * n + j];
      }
    }
    cost[0] = new Stats(evaluations, accepted, rejected);
    List<Tensor> grads = new ArrayList<>();
    grads.add(Tensor.of(Arrays.copyOfRange(z, n, 2 * n), shape));
    int at = 2 * n;
    for (Tensor t : params) {
      grads.add(Tensor.of(Arrays.copyOfRange(z, at, at + t.size()), t.shape()));
      at += t.size();
    }
    return grads;
  }

  /** Norm blocks of the augmented state: {@code h}, {@code a}, then one per parameter tensor (torchdiffeq's). */
  private static int[] blocks(int n, List<Tensor> params) {
    int[] blocks = new int[2 + params.size()];
    blocks[0] = n;
    blocks[1] = n;
    for (int k = 0; k < params.size(); k++) {
      blocks[2 + k] = params.get(k).size();
    }
    return blocks;
  }

  /** {@code d/dt [h, a, g] = [f(t, h), −aᵀ∂f/∂h, −aᵀ∂f/∂θ]}, one vector–Jacobian product per call. */
  private static OdeSystem augmentedDynamics(VectorField f, int[] shape, List<Tensor> params, int n, boolean check) {
    return (t, z, dz) -> {
      try (var on = Tensor.enableGrad()) {
        Tensor h = Tensor.sharing(Arrays.copyOfRange(z, 0, n), shape).requiresGrad();
        Tensor a = Tensor.sharing(Arrays.copyOfRange(z, n, 2 * n), shape);
        Tensor fh = f.apply(t, h);
        if (check) {
          FieldParameters.checkComplete(fh, params, List.of(h), t);
        }
        List<Tensor> wrt = new ArrayList<>(params.size() + 1);
        wrt.add(h);
        wrt.addAll(params);
        List<Tensor> vjps = Tensor.gradients(fh, a, wrt);
        System.arraycopy(fh.toArray(), 0, dz, 0, n);
        double[] ah = vjps.get(0).toArray();
        for (int j = 0; j < n; j++) {
          dz[n + j] = -ah[j];
        }
        int at = 2 * n;
        for (int k = 1; k < vjps.size(); k++) {
          double[] v = vjps.get(k).toArray();
          for (int j = 0; j < v.length; j++) {
            dz[at + j] = -v[j];
          }
          at += v.length;
        }
      }
    };
  }

  /** Per-component forward tolerances do not fit the augmented state: the tightest one applies. */
  static Solver scalarTolerances(Solver solver) {
    int len = solver.toleranceLength();
    if (len == 1) {
      return solver;
    }
    double rtol = Double.POSITIVE_INFINITY;
    double atol = Double.POSITIVE_INFINITY;
    for (int i = 0; i < len; i++) {
      rtol = Math.min(rtol, solver.relativeTolerance(i));
      atol = Math.min(atol, solver.absoluteTolerance(i));
    }
    return solver.rtol(rtol).atol(atol);
  }
}
