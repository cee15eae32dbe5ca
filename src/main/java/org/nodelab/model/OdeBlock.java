package org.nodelab.model;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.nodelab.nn.DiscoveredParameters;
import org.nodelab.nn.EvaluationCounts;
import org.nodelab.nn.Module;
import org.nodelab.nn.Parameter;
import org.nodelab.ode.FieldParameters;
import org.nodelab.ode.Ode;
import org.nodelab.ode.Stats;
import org.nodelab.ode.TensorSolution;
import org.nodelab.ode.VectorField;
import org.nodelab.tensor.Tensor;

/**
 * What {@link NeuralOde} and {@link TrajectoryModel} share: {@code h(0) = fIn(x)} (augmented), the
 * solve, the parameters of {@code fIn}, {@code f} and {@code fOut}, and the last solve's cost.
 */
public abstract class OdeBlock implements Module, EvaluationCounts, DiscoveredParameters {
  private final OdeSpec spec;
  private volatile List<Parameter> fieldParameters;
  private volatile Stats lastStats = new Stats(0, 0, 0);
  private volatile Supplier<Stats> lastBackward = () -> new Stats(0, 0, 0);

  OdeBlock(OdeSpec spec) {
    this.spec = spec;
  }

  /**
   * The same model (sharing every parameter) with other gradients: direct or adjoint.
   *
   * @param method {@code direct} or {@code adjoint}
   * @return a model sharing this one's parameters
   */
  public abstract OdeBlock withGradients(org.nodelab.ode.GradientMethod method);

  /**
   * The spec this model was built from.
   *
   * @return the spec: field, maps, solver, gradients, start time
   */
  public OdeSpec spec() {
    return spec;
  }

  /**
   * Solves from {@code fIn(x)} over {@code times}. A module field's (or declared) parameters are
   * known; a lambda field's are found on the tape at the start time, and a solve in which the field
   * used another tensor requiring a gradient fails with a clear error instead of leaving it out.
   * The model keeps only the cost of the call, never its tape.
   */
  TensorSolution solve(Tensor x, double[] times) {
    Tensor h0 = initialState(x);
    VectorField f = spec.conditioned() == null ? spec.f() : conditionedOn(spec.conditioned(), x);
    boolean declared = spec.fieldModule() != null;
    List<Parameter> known = fieldParameters;
    if (known == null) {
      known = declared ? spec.fieldModule().parameters()
          : Fields.discover(f, times[0], h0, "theta").stream().filter(p -> p.value() != x).toList();
      fieldParameters = known;
    }
    return solveKnown(f, x, h0, times, declared, known);
  }

  /**
   * Finds a lambda field's parameters from a sample input: the tensors requiring a gradient that the
   * field uses at the start time on {@code fIn(x)}, found from one evaluation of the field (no solve).
   */
  @Override
  public void findParameters(Tensor x) {
    if (!parametersKnown()) {
      Tensor h0;
      try (var off = Tensor.noGrad()) {
        h0 = initialState(x);
      }
      VectorField f = spec.conditioned() == null ? spec.f() : conditionedOn(spec.conditioned(), x);
      fieldParameters = Fields.discover(f, spec.t0(), h0, "theta").stream().filter(p -> p.value() != x).toList();
    }
  }

  private TensorSolution solveKnown(VectorField f, Tensor x, Tensor h0, double[] times, boolean declared,
      List<Parameter> known) {
    if (org.nodelab.tensor.AnomalyMode.isOn()) {
      VectorField field = f;
      f = (t, h) -> {
        org.nodelab.tensor.AnomalyMode.at("in the solve at t = " + t);
        return field.apply(t, h);
      };
    }
    try {
      return solveField(f, x, h0, times, declared, known);
    } finally {
      org.nodelab.tensor.AnomalyMode.at((String) null);
    }
  }

  private TensorSolution solveField(VectorField f, Tensor x, Tensor h0, double[] times, boolean declared,
      List<Parameter> known) {
    TensorSolution solution;
    if (declared) {
      List<Tensor> tensors = new ArrayList<>();
      known.forEach(p -> tensors.add(p.value()));
      if (spec.conditioned() != null && x.requiresGradient()) {
        tensors.add(x);
      }
      solution = Ode.solve(f, h0, times, spec.solver(), spec.gradients(), tensors);
    } else {
      solution = Ode.solve(f, h0, times, spec.solver(), spec.gradients());
      if (!(spec.gradients() instanceof org.nodelab.ode.Adjoint)) {
        List<Tensor> allowed = new ArrayList<>(h0.leaves());
        allowed.add(x);
        List<Tensor> tensors = new ArrayList<>();
        known.forEach(p -> tensors.add(p.value()));
        FieldParameters.checkComplete(solution.last(), tensors, allowed, times[times.length - 1]);
      }
    }
    lastStats = solution.stats();
    lastBackward = solution.backwardStatsView();
    return solution;
  }

  /** Saves the parameters; a lambda field's are found first, by {@link #findFieldParameters}, if no call found them yet. */
  @Override
  public void save(java.nio.file.Path file) {
    findFieldParameters(widths(java.util.List.of()));
    Module.super.save(file);
  }

  /**
   * Loads the parameters; a lambda field's are found first, by {@link #findFieldParameters} with
   * the widths of the stored tensors, so that a fresh model loads without a throwaway call.
   */
  @Override
  public org.nodelab.nn.LoadReport load(java.nio.file.Path file, org.nodelab.nn.Loading how) {
    java.util.Map<String, Tensor> stored = org.nodelab.nn.TensorFile.read(file);
    findFieldParameters(widths(stored.values()));
    return org.nodelab.nn.ParameterFile.assign(this, stored, file.toString(), how.strict());
  }

  /**
   * Finds a lambda field's parameters without an input: evaluates the field once at the start time,
   * on the tape, with a zero state {@code [1, d]} for each candidate width d in turn (and a zero
   * input of each width for a field that sees the input) until one evaluates; the tensors it used
   * are the parameters, as on a first call. Does nothing when they are known.
   *
   * @throws IllegalStateException if no width fits
   */
  void findFieldParameters(java.util.Set<Integer> widths) {
    if (parametersKnown()) {
      return;
    }
    for (int d : widths) {
      for (int dx : spec.conditioned() == null ? java.util.Set.of(0) : widths) {
        try {
          VectorField f = spec.conditioned() == null ? spec.f() : conditionedOn(spec.conditioned(), Tensor.zeros(1, dx));
          fieldParameters = Fields.discover(f, spec.t0(), Tensor.zeros(1, d), "theta");
          return;
        } catch (RuntimeException wrongWidth) {
          // the next width
        }
      }
    }
    throw new IllegalStateException("the lambda field's parameters could not be found by evaluating it on zero states of "
        + "widths 1 to 64 and " + widths.stream().filter(n -> n > 64).toList() + ": apply the model once, declare them with ode(f).parameters(w1, w2, ...), or build the "
        + "field from a Module");
  }

  /**
   * Axis lengths of {@code tensors} and of the parameters of {@code fIn} and {@code fOut} (also plus
   * the augmentation), smallest first, then the other widths up to 64.
   */
  private java.util.Set<Integer> widths(java.util.Collection<Tensor> tensors) {
    java.util.SortedSet<Integer> found = new java.util.TreeSet<>();
    List<Tensor> all = new ArrayList<>(tensors);
    spec.in().parameters().forEach(p -> all.add(p.value()));
    spec.out().parameters().forEach(p -> all.add(p.value()));
    for (Tensor t : all) {
      for (int n : t.shape()) {
        found.add(n);
        found.add(n + spec.augment());
      }
    }
    java.util.Set<Integer> widths = new java.util.LinkedHashSet<>(found);
    for (int n = 1; n <= 64; n++) {
      widths.add(n);
    }
    return widths;
  }

  @Override
  public boolean parametersKnown() {
    return fieldParameters != null || spec.fieldModule() != null;
  }

  /**
   * {@code (t, h) -> f(t, x, h)} for this input; {@code x} and {@code h} must have the same batch
   * size. With the adjoint method, {@code x} (or whatever it was computed from) is found on the tape
   * like a parameter, so {@code ∂L/∂x} gets the integral of {@code aᵀ∂f/∂x} too.
   */
  static VectorField conditionedOn(ConditionedField f, Tensor x) {
    return (t, h) -> {
      if (x.rank() == 0 || h.rank() == 0 || x.dim(0) != h.dim(0)) {
        throw new IllegalArgumentException("the conditioned field needs x and h with the same batch size, got x "
            + java.util.Arrays.toString(x.shape()) + " and h " + java.util.Arrays.toString(h.shape()));
      }
      return f.apply(t, x, h);
    };
  }

  /** {@code fIn(x)} with {@code augment} zero columns appended on the last axis. */
  Tensor initialState(Tensor x) {
    Tensor h0 = spec.in().apply(x);
    if (spec.augment() == 0) {
      return h0;
    }
    int[] shape = h0.shape();
    shape[shape.length - 1] = spec.augment();
    return Tensor.concat(-1, h0, Tensor.zeros(shape));
  }

  @Override
  public List<Parameter> parameters() {
    if (fieldParameters == null && spec.fieldModule() != null) {
      fieldParameters = spec.fieldModule().parameters();
    }
    if (fieldParameters == null) {
      throw new IllegalStateException(
          "the parameters of a lambda field are found on its first evaluation: apply the model once "
              + "(or build it from a Module) before asking for them");
    }
    return Module.collect(new String[] {"in", "f", "out"}, spec.in(), new Held(fieldParameters), spec.out());
  }

  /** Parameters found on the tape, held as a module so that they are named and de-duplicated. */
  private record Held(List<Parameter> parameters) implements Module {
    @Override
    public Tensor apply(Tensor x) {
      throw new UnsupportedOperationException("a parameter list is not applied");
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
}
