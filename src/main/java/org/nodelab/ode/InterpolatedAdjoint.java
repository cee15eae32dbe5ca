package org.nodelab.ode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nodelab.tensor.Tensor;

/**
 * The adjoint method with an implicit backward solve, for stiff problems: the forward solve keeps its
 * trajectory ({@link DenseTrajectory}), and the backward solve integrates only {@code [a, g]}, {@code
 * a' = −aᵀ∂f/∂y(t, y(t))}, {@code g' = −aᵀ∂f/∂θ}, reading {@code y(t)} from it — integrating {@code y'
 * = f} backwards, as the plain adjoint does, is unstable when {@code f} is stiff (Kim et al. 2021).
 * The backward system's Jacobian is exact, one taped evaluation and one backward pass per state
 * component; memory grows with the forward steps (five states per step), not with a tape.
 */
final class InterpolatedAdjoint {
  private InterpolatedAdjoint() {}

  static TensorSolution solve(VectorField f, Tensor y0, double[] times, Solver forwardSolver, Solver backwardSolver,
      Adjoint adjoint, List<Tensor> params, boolean check) {
    int[] shape = y0.shape();
    DenseTrajectory trajectory = new DenseTrajectory();
    Integrator<double[]> integrator = new Integrator<>(new ArrayStates(new UntapedTensorSystem(f, shape)),
        forwardSolver);
    integrator.recordSteps(trajectory);
    List<double[]> values;
    try (var off = Tensor.noGrad()) {
      values = integrator.solve(y0.toArray(), times);
    }
    if (integrator.termination() != Termination.REACHED_END) {
      throw new IllegalArgumentException("the adjoint method needs a solve that reaches the last time, but "
          + forwardSolver.name() + " stopped early (a termination rule): use GradientMethod.DIRECT");
    }
    List<Tensor> forwardStates = new ArrayList<>(values.size());
    for (double[] v : values) {
      forwardStates.add(Tensor.of(v, shape));
    }
    Stats[] cost = {new Stats(0, 0, 0)};
    List<Tensor> inputs = new ArrayList<>();
    inputs.add(y0);
    inputs.addAll(params);
    Tensor stacked = Tensor.concat(0, forwardStates.stream().map(t -> t.reshape(prepend(shape))).toArray(Tensor[]::new));
    Tensor all = Tensor.custom(stacked, inputs,
        g -> backward(f, trajectory, g, params, times, shape, backwardSolver, adjoint, cost, check));
    List<Tensor> states = new ArrayList<>(times.length);
    for (int i = 0; i < times.length; i++) {
      states.add(all.requiresGradient() ? all.slice(0, i, i + 1).reshape(shape) : forwardStates.get(i));
    }
    return new TensorSolution(times, states, integrator.stats(), integrator.trace(), cost, integrator.termination());
  }

  private static int[] prepend(int[] shape) {
    int[] out = new int[shape.length + 1];
    out[0] = 1;
    System.arraycopy(shape, 0, out, 1, shape.length);
    return out;
  }

  private static List<Tensor> backward(VectorField f, DenseTrajectory trajectory, Tensor g, List<Tensor> params,
      double[] times, int[] shape, Solver solver, Adjoint adjoint, Stats[] cost, boolean check) {
    int n = 1;
    for (int d : shape) {
      n *= d;
    }
    int p = 0;
    for (Tensor t : params) {
      p += t.size();
    }
    double[] grad = g.toArray();
    int last = times.length - 1;
    double[] z = new double[n + p];
    System.arraycopy(grad, last * n, z, 0, n);
    int[] blocks = new int[1 + params.size()];
    blocks[0] = n;
    for (int k = 0; k < params.size(); k++) {
      blocks[1 + k] = params.get(k).size();
    }
    Solver back = AdjointSolve.scalarTolerances(solver).withOptions(solver.options().withoutTermination())
        .blockNorm(blocks, adjoint.isSeminorm() ? 1 : blocks.length);
    AdjointDynamics dynamics = new AdjointDynamics(f, trajectory, shape, params, n, p, check);
    long evaluations = 0;
    long accepted = 0;
    long rejected = 0;
    long jacobians = 0;
    long factorizations = 0;
    for (int i = last; i > 0; i--) {
      Integrator<double[]> integrator = new Integrator<>(new ArrayStates(dynamics), back);
      z = integrator.solve(z, new double[] {times[i], times[i - 1]}).get(1);
      Stats s = integrator.stats();
      evaluations += s.evaluations();
      accepted += s.acceptedSteps();
      rejected += s.rejectedSteps();
      jacobians += s.jacobians();
      factorizations += s.factorizations();
      for (int j = 0; j < n; j++) {
        z[j] += grad[(i - 1) * n + j];
      }
    }
    cost[0] = new Stats(evaluations, accepted, rejected, 0, jacobians, factorizations);
    List<Tensor> grads = new ArrayList<>();
    grads.add(Tensor.of(Arrays.copyOfRange(z, 0, n), shape));
    int at = n;
    for (Tensor t : params) {
      grads.add(Tensor.of(Arrays.copyOfRange(z, at, at + t.size()), t.shape()));
      at += t.size();
    }
    return grads;
  }

  /** {@code d/dt [a, g] = [−aᵀ∂f/∂y, −aᵀ∂f/∂θ]} at {@code y(t)} from the trajectory, with its exact Jacobian. */
  private static final class AdjointDynamics implements OdeSystem {
    private final VectorField f;
    private final DenseTrajectory trajectory;
    private final int[] shape;
    private final List<Tensor> params;
    private final int n;
    private final int p;
    private final boolean check;
    private final double[] y;

    AdjointDynamics(VectorField f, DenseTrajectory trajectory, int[] shape, List<Tensor> params, int n, int p,
        boolean check) {
      this.f = f;
      this.trajectory = trajectory;
      this.shape = shape;
      this.params = params;
      this.n = n;
      this.p = p;
      this.check = check;
      this.y = new double[n];
    }

    @Override
    public void evaluate(double t, double[] z, double[] dz) {
      try (var on = Tensor.enableGrad()) {
        trajectory.at(t, y);
        Tensor h = Tensor.of(y, shape).requiresGrad();
        Tensor fh = f.apply(t, h);
        if (check) {
          FieldParameters.checkComplete(fh, params, List.of(h), t);
        }
        Tensor a = Tensor.of(Arrays.copyOfRange(z, 0, n), shape);
        List<Tensor> vjps = Tensor.gradients(fh, a, wrt(h));
        int at = 0;
        for (Tensor v : vjps) {
          double[] values = v.toArray();
          for (int j = 0; j < values.length; j++) {
            dz[at + j] = -values[j];
          }
          at += values.length;
        }
      }
    }

    private List<Tensor> wrt(Tensor h) {
      List<Tensor> wrt = new ArrayList<>(params.size() + 1);
      wrt.add(h);
      wrt.addAll(params);
      return wrt;
    }

    @Override
    public boolean hasJacobian() {
      return true;
    }

    /** Rows {@code i} of {@code ∂f/∂y} and {@code ∂f/∂θ} from one backward pass each, placed as {@code −}their transposes. */
    @Override
    public void jacobian(double t, double[] z, double[] jac) {
      int m = n + p;
      Arrays.fill(jac, 0);
      try (var on = Tensor.enableGrad()) {
        trajectory.at(t, y);
        Tensor h = Tensor.of(y, shape).requiresGrad();
        Tensor fh = f.apply(t, h);
        if (!fh.requiresGradient()) {
          return;
        }
        double[] seed = new double[n];
        for (int i = 0; i < n; i++) {
          seed[i] = 1;
          List<Tensor> rows = Tensor.gradients(fh, Tensor.of(seed, shape), wrt(h));
          seed[i] = 0;
          int at = 0;
          for (Tensor r : rows) {
            double[] values = r.toArray();
            for (int j = 0; j < values.length; j++) {
              jac[(at + j) * m + i] = -values[j];
            }
            at += values.length;
          }
        }
      }
    }
  }
}
