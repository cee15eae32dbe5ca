package org.nodelab.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.nodelab.nn.DiscoveredParameters;
import org.nodelab.nn.EvaluationCounts;
import org.nodelab.nn.Module;
import org.nodelab.nn.Parameter;
import org.nodelab.ode.FieldParameters;
import org.nodelab.ode.GradientMethod;
import org.nodelab.ode.Ode;
import org.nodelab.ode.Solver;
import org.nodelab.ode.Solvers;
import org.nodelab.ode.Stats;
import org.nodelab.ode.TensorSolution;
import org.nodelab.ode.VectorField;
import org.nodelab.tensor.Tensor;

/**
 * A continuous normalizing flow (Chen et al. 2018, §4; FFJORD, Grathwohl et al. 2019): data at time
 * T, a base density {@code p₀} at time 0, and {@code dz/dt = f(t, z)} between, so that {@code log
 * p(x) = log p₀(z(0)) − ∫₀ᵀ tr(∂f/∂z(t, z(t))) dt} with {@code z(T) = x}. Built by {@code
 * cnf(f).solve(rk45).gradients(adjoint).until(T).trace(hutchinson(seed))}; every call returns a new
 * flow sharing the field. With {@link #regularise} the RNODE terms (Finlay et al. 2020) are
 * integrated along the same solve. Defaults: rk45 at rtol 1e-5 and atol 1e-5 (as torchdiffeq's
 * {@code cnf.py}), direct gradients, T = 1, the exact trace, a standard normal base.
 */
public final class Cnf implements Module, EvaluationCounts, DiscoveredParameters {
  private final VectorField f;
  private final ConditionedField conditioned;
  private final Module fieldModule;
  private final Solver solver;
  private final GradientMethod gradients;
  private final double tEnd;
  private final Trace trace;
  private final BaseDensity base;
  private final double kineticWeight;
  private final double jacobianWeight;
  private final AtomicLong solves;
  private volatile List<Parameter> fieldParameters;
  private volatile int dimension;
  private volatile Stats lastStats = new Stats(0, 0, 0);
  private volatile Supplier<Stats> lastBackward = () -> new Stats(0, 0, 0);

  private Cnf(VectorField f, ConditionedField conditioned, Module fieldModule, Solver solver, GradientMethod gradients,
      double tEnd, Trace trace, BaseDensity base, double kineticWeight, double jacobianWeight, AtomicLong solves) {
    if ((f == null) == (conditioned == null)) {
      throw new IllegalArgumentException("give exactly one of a field f(t, z) and a conditioned field f(t, c, z)");
    }
    this.f = f;
    this.conditioned = conditioned;
    this.fieldModule = fieldModule;
    this.solver = Objects.requireNonNull(solver, "solver");
    this.gradients = Objects.requireNonNull(gradients, "gradients");
    if (!(tEnd > 0) || !Double.isFinite(tEnd)) {
      throw new IllegalArgumentException("a flow's end time T must be positive and finite, got " + tEnd);
    }
    this.tEnd = tEnd;
    this.trace = Objects.requireNonNull(trace, "trace");
    this.base = Objects.requireNonNull(base, "base");
    if (!(kineticWeight >= 0) || !(jacobianWeight >= 0)) {
      throw new IllegalArgumentException("regularisation weights must be non-negative, got kinetic "
          + kineticWeight + " and jacobian " + jacobianWeight);
    }
    this.kineticWeight = kineticWeight;
    this.jacobianWeight = jacobianWeight;
    this.solves = solves;
  }

  /**
   * A flow with the field {@code f(t, z)}, {@code z} of shape {@code [batch, dim]}.
   *
   * @param f the field; a {@link ParametrisedField} declares its parameters, otherwise the tensors
   *     requiring a gradient that it uses are found on the tape
   * @return the flow with the defaults
   */
  public static Cnf of(VectorField f) {
    if (f instanceof ParametrisedField owned) {
      return of(f, new OwnedParameters(owned));
    }
    return new Cnf(Objects.requireNonNull(f, "f"), null, null, defaultSolver(), GradientMethod.DIRECT, 1, Trace.exact(),
        BaseDensity.standardNormal(), 0, 0, new AtomicLong());
  }

  /**
   * A flow with the autonomous field {@code (t, z) -> module(z)}.
   *
   * @param module the field, {@code [batch, dim] -> [batch, dim]}
   * @return the flow with the defaults
   */
  public static Cnf of(Module module) {
    return new Cnf(Fields.of(module), null, module, defaultSolver(), GradientMethod.DIRECT, 1, Trace.exact(),
        BaseDensity.standardNormal(), 0, 0, new AtomicLong());
  }

  /**
   * A flow with a time-dependent module field: {@code f(t, z)} is computed by {@code field} with the
   * module's parameters declared (a hypernetwork, a field that concatenates t).
   *
   * @param field the field
   * @param module the module holding its parameters
   * @return the flow with the defaults
   */
  public static Cnf of(VectorField field, Module module) {
    return new Cnf(Objects.requireNonNull(field, "field"), null, Objects.requireNonNull(module, "module"),
        defaultSolver(), GradientMethod.DIRECT, 1, Trace.exact(), BaseDensity.standardNormal(), 0, 0, new AtomicLong());
  }

  /**
   * A conditional flow {@code p(x | c)}: the field {@code f(t, c, z)} also sees a condition {@code c}
   * (one row per point, constant along the solve); use {@link #logProb(Tensor, Tensor)} and {@link
   * #sample(Tensor, long)}. Tensors requiring a gradient that it uses are its parameters.
   *
   * @param f the conditioned field
   * @return the flow with the defaults
   */
  public static Cnf of(ConditionedField f) {
    return new Cnf(null, Objects.requireNonNull(f, "f"), null, defaultSolver(), GradientMethod.DIRECT, 1, Trace.exact(),
        BaseDensity.standardNormal(), 0, 0, new AtomicLong());
  }

  /** The parameters of a {@link ParametrisedField} as a module. */
  private record OwnedParameters(ParametrisedField field) implements Module {
    @Override
    public Tensor apply(Tensor x) {
      throw new UnsupportedOperationException("a field's parameter list is not applied");
    }

    @Override
    public List<Parameter> parameters() {
      return field.parameters();
    }
  }

  private static Solver defaultSolver() {
    return Solvers.rk45().rtol(1e-5).atol(1e-5);
  }

  private Cnf with(Solver s, GradientMethod g, double t, Trace tr, BaseDensity b, double kinetic, double jacobian) {
    return new Cnf(f, conditioned, fieldModule, s, g, t, tr, b, kinetic, jacobian, solves);
  }

  /**
   * The solver, e.g. {@code rk45.rtol(1e-5)}.
   *
   * @param s the solver of the flow's ODE
   * @return this flow with that solver
   */
  public Cnf solve(Solver s) {
    return with(s, gradients, tEnd, trace, base, kineticWeight, jacobianWeight);
  }

  /**
   * Direct or adjoint gradients.
   *
   * @param g {@code direct} or {@code adjoint}
   * @return this flow with that gradient method
   */
  public Cnf gradients(GradientMethod g) {
    return with(solver, g, tEnd, trace, base, kineticWeight, jacobianWeight);
  }

  /**
   * The time T at which the data lives (the base lives at 0).
   *
   * @param t the end time T, positive
   * @return this flow ending at T
   */
  public Cnf until(double t) {
    return with(solver, gradients, t, trace, base, kineticWeight, jacobianWeight);
  }

  /**
   * The exact trace or Hutchinson's estimator.
   *
   * @param t {@code exact} or {@code hutchinson(seed)}
   * @return this flow with that trace
   */
  public Cnf trace(Trace t) {
    return with(solver, gradients, tEnd, t, base, kineticWeight, jacobianWeight);
  }

  /**
   * The base density at time 0.
   *
   * @param b the base density
   * @return this flow with that base
   */
  public Cnf base(BaseDensity b) {
    return with(solver, gradients, tEnd, trace, b, kineticWeight, jacobianWeight);
  }

  /**
   * RNODE regularisation (Finlay et al. 2020): the kinetic energy {@code ∫₀ᵀ ‖f‖² dt} and the Jacobian
   * Frobenius norm {@code ∫₀ᵀ ‖∂f/∂z‖²_F dt} (Hutchinson's estimate unless the trace is exact),
   * integrated along the solve and added to {@link #loss} with these weights.
   *
   * @param kinetic weight of the kinetic energy
   * @param jacobian weight of the Jacobian norm
   * @return the regularised flow
   */
  public Cnf regularise(double kinetic, double jacobian) {
    return with(solver, gradients, tEnd, trace, base, kinetic, jacobian);
  }

  /**
   * The base density at time 0.
   *
   * @return the base density
   */
  public BaseDensity baseDensity() {
    return base;
  }

  /**
   * The end time T.
   *
   * @return T
   */
  public double endTime() {
    return tEnd;
  }

  private boolean regularised() {
    return kineticWeight > 0 || jacobianWeight > 0;
  }

  /**
   * What one backward solve from the data gives, per row: the log-density and the two RNODE
   * integrals (null without regularisation).
   *
   * @param logProb {@code log p(x)}, {@code [batch]}
   * @param kinetic {@code ∫‖f‖² dt}, {@code [batch]}, or null
   * @param jacobian {@code ∫‖∂f/∂z‖²_F dt}, {@code [batch]}, or null
   */
  public record Terms(Tensor logProb, Tensor kinetic, Tensor jacobian) {}

  /**
   * {@code log p(x)} for each row, differentiable in the field's parameters and in {@code x}.
   *
   * @param x data, {@code [batch, dim]}
   * @return {@code [batch]}
   */
  public Tensor logProb(Tensor x) {
    return terms(x).logProb();
  }

  /**
   * The log-density and, when regularised, the RNODE integrals, from one solve from T down to 0.
   *
   * @param x the data points {@code [batch, dim]}
   * @return the log-densities {@code [batch]} and the regularisers' integrals (null when not regularised)
   */
  public Terms terms(Tensor x) {
    return terms(x, unconditioned("logProb"));
  }

  /**
   * {@code log p(x | c)} for each row of a conditional flow.
   *
   * @param x data, {@code [batch, dim]}
   * @param c conditions, {@code [batch, ...]}
   * @return {@code [batch]}
   */
  public Tensor logProb(Tensor x, Tensor c) {
    return terms(x, c).logProb();
  }

  /**
   * The log-density and, when regularised, the RNODE integrals of a conditional flow.
   *
   * @param x the data points {@code [batch, dim]}
   * @param c the conditions, one row per point
   * @return the log-densities {@code [batch]} and the regularisers' integrals (null when not regularised)
   */
  public Terms terms(Tensor x, Tensor c) {
    return terms(x, conditionedOn(c, x));
  }

  private VectorField unconditioned(String what) {
    if (f == null) {
      throw new IllegalStateException(
          "this flow's field is conditioned: call " + what + " with the conditions, e.g. " + what + "(x, c)");
    }
    return f;
  }

  private VectorField conditionedOn(Tensor c, Tensor rows) {
    Objects.requireNonNull(c, "c");
    if (conditioned == null) {
      throw new IllegalStateException("this flow's field takes no condition: call it without one");
    }
    if (c.rank() == 0 || rows.rank() == 0 || c.dim(0) != rows.dim(0)) {
      throw new IllegalArgumentException("conditions and points need the same number of rows, got c "
          + java.util.Arrays.toString(c.shape()) + " and " + java.util.Arrays.toString(rows.shape()));
    }
    return (t, z) -> conditioned.apply(t, c, z);
  }

  private Terms terms(Tensor x, VectorField field) {
    Objects.requireNonNull(x, "x");
    if (x.rank() != 2 || x.dim(0) == 0) {
      throw new IllegalArgumentException("logProb takes data [batch, dim], got shape " + java.util.Arrays.toString(x.shape()));
    }
    int dim = x.dim(1);
    int batch = x.dim(0);
    dimension = dim;
    boolean reg = regularised();
    Tensor noise = trace instanceof Trace.Hutchinson h ? noise(h, solves.getAndIncrement(), batch, dim) : null;
    VectorField dynamics = new CnfDynamics(field, dim, noise, reg);
    int width = CnfDynamics.width(dim, reg);
    Tensor start = Tensor.concat(1, x, Tensor.zeros(batch, width - dim));
    TensorSolution solution = solveTracked(dynamics, field, start, new double[] {tEnd, 0});
    Tensor end = solution.last();
    Tensor z0 = end.slice(1, 0, dim);
    Tensor logProb = base.logDensity(z0).add(end.slice(1, dim, dim + 1).reshape(batch));
    if (!reg) {
      return new Terms(logProb, null, null);
    }
    Tensor kinetic = end.slice(1, dim + 1, dim + 2).reshape(batch).neg();
    Tensor jacobian = end.slice(1, dim + 2, dim + 3).reshape(batch).neg();
    return new Terms(logProb, kinetic, jacobian);
  }

  /**
   * The training objective: {@code −mean log p(x)}, plus the weighted means of the RNODE integrals
   * when regularised.
   *
   * @param x a batch of data, {@code [batch, dim]}
   * @return the loss, a scalar on the tape
   */
  public Tensor loss(Tensor x) {
    Terms t = terms(x);
    Tensor loss = t.logProb().mean().neg();
    if (t.kinetic() != null) {
      loss = loss.add(t.kinetic().mean().mul(kineticWeight)).add(t.jacobian().mean().mul(jacobianWeight));
    }
    return loss;
  }

  /**
   * {@code n} points of the model: base samples flowed from 0 to T; differentiable in the field's
   * parameters.
   *
   * @param n how many
   * @param seed the seed of the base samples
   * @return {@code [n, dim]}
   */
  public Tensor sample(int n, long seed) {
    if (n < 1) {
      throw new IllegalArgumentException("sample needs at least one point, got " + n);
    }
    int dim = dimension;
    if (dim == 0) {
      throw new IllegalStateException("the flow's dimension is known from data: call logProb once before sample");
    }
    VectorField field = unconditioned("sample");
    return solveTracked(field, field, base.sample(n, dim, seed), new double[] {0, tEnd}).last();
  }

  /**
   * One point of a conditional flow per row of {@code c}: base samples flowed from 0 to T under
   * their conditions; differentiable in the field's parameters and in {@code c}.
   *
   * @param c conditions, {@code [n, ...]}
   * @param seed the seed of the base samples
   * @return {@code [n, dim]}
   */
  public Tensor sample(Tensor c, long seed) {
    int dim = dimension;
    if (dim == 0) {
      throw new IllegalStateException("the flow's dimension is known from data: call logProb once before sample");
    }
    Tensor z0 = base.sample(c.rank() == 0 ? 0 : c.dim(0), dim, seed);
    VectorField field = conditionedOn(c, z0);
    return solveTracked(field, field, z0, new double[] {0, tEnd}).last();
  }

  /**
   * The states of the points {@code z0} (at time 0) at each of {@code times}: the flow of samples
   * from the base to the data.
   *
   * @param z0 points at time 0, {@code [batch, dim]}
   * @param times increasing times from 0
   * @return {@code [times, batch, dim]}
   */
  public Tensor flow(Tensor z0, double... times) {
    if (times.length == 0 || times[0] != 0) {
      throw new IllegalArgumentException("flow needs times starting at 0, got " + java.util.Arrays.toString(times));
    }
    if (z0.rank() != 2) {
      throw new IllegalArgumentException("flow takes points [batch, dim], got shape " + java.util.Arrays.toString(z0.shape()));
    }
    dimension = z0.dim(1);
    VectorField field = unconditioned("flow");
    return solveTracked(field, field, z0, times).stacked();
  }

  private TensorSolution solveTracked(VectorField field, VectorField plain, Tensor start, double[] times) {
    List<Tensor> params = fieldModule == null ? null : tensors(fieldModule.parameters());
    TensorSolution solution = params == null
        ? Ode.solve(field, start, times, solver, gradients)
        : Ode.solve(field, start, times, solver, gradients, params);
    if (fieldModule == null && fieldParameters == null) {
      List<Parameter> found = new ArrayList<>();
      for (Tensor leaf : FieldParameters.probe(plain, times[0], start.slice(1, 0, dimension))) {
        found.add(new Parameter("theta." + found.size(), leaf));
      }
      fieldParameters = found;
    }
    lastStats = solution.stats();
    lastBackward = solution.backwardStatsView();
    return solution;
  }

  private static List<Tensor> tensors(List<Parameter> parameters) {
    List<Tensor> out = new ArrayList<>();
    parameters.forEach(p -> out.add(p.value()));
    return out;
  }

  /** Rademacher (or Gaussian) noise for solve number {@code k}: fixed along that solve. */
  private static Tensor noise(Trace.Hutchinson h, long k, int batch, int dim) {
    long seed = new SplittableRandom(h.seed()).split().nextLong() ^ (k * 0x9E3779B97F4A7C15L);
    if (h.isGaussian()) {
      return Tensor.randn(seed, batch, dim);
    }
    SplittableRandom random = new SplittableRandom(seed);
    double[] e = new double[batch * dim];
    for (int i = 0; i < e.length; i++) {
      e[i] = random.nextBoolean() ? 1 : -1;
    }
    return Tensor.of(e, batch, dim);
  }

  /** {@link #logProb}: the model as a module maps data to its log-densities. */
  @Override
  public Tensor apply(Tensor x) {
    return logProb(x);
  }

  @Override
  public List<Parameter> parameters() {
    if (fieldModule != null) {
      return fieldModule.parameters();
    }
    if (fieldParameters == null) {
      throw new IllegalStateException("the parameters of a lambda field are found on its first evaluation: "
          + "call logProb once (or build the flow from a Module) before asking for them");
    }
    return fieldParameters;
  }

  @Override
  public boolean parametersKnown() {
    return fieldModule != null || fieldParameters != null;
  }

  /** Finds a lambda field's parameters by one log-density of the first row of {@code x}. */
  @Override
  public void findParameters(Tensor x) {
    if (!parametersKnown()) {
      logProb(x.slice(0, 0, 1));
    }
  }

  /**
   * Cost of the last forward solve (zeros before any).
   *
   * @return steps, rejections and evaluations of the last forward solve
   */
  public Stats stats() {
    return lastStats;
  }

  /**
   * Cost of the last call's backward pass, once it has run (zeros before).
   *
   * @return steps, rejections and evaluations of the last backward pass
   */
  public Stats backwardStats() {
    return lastBackward.get();
  }

  @Override
  public long forwardEvaluations() {
    return lastStats.evaluations();
  }

  @Override
  public long backwardEvaluations() {
    return lastBackward.get().evaluations();
  }

  @Override
  public String toString() {
    return "Cnf(T = " + tEnd + ", " + solver + ", " + gradients + ", trace " + trace + ", base " + base
        + (regularised() ? ", kinetic " + kineticWeight + ", jacobian " + jacobianWeight : "") + ")";
  }
}
