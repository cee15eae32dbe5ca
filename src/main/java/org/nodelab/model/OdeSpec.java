package org.nodelab.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.nodelab.nn.Module;
import org.nodelab.tensor.Tensor;
import org.nodelab.nn.Parameter;
import org.nodelab.ode.GradientMethod;
import org.nodelab.ode.Solver;
import org.nodelab.ode.Solvers;
import org.nodelab.ode.VectorField;

/**
 * The immutable builder behind {@code ode(f).from(fIn).to(fOut).solve(rk45).gradients(adjoint)
 * .augment(k).until(T)}: every call returns a new spec; {@link #until} and {@link #at} build the
 * model. Defaults: identity maps, rk45 (dopri5 at rtol 1e-7, atol 1e-9), direct gradients, no
 * augmentation, start time 0.
 *
 * @param f the vector field (null when the field is conditioned on the input)
 * @param conditioned the field {@code f(t, x, h)}, or null
 * @param fieldModule the module behind {@code f}, or null for a lambda field
 * @param in {@code f_in}, applied to the input
 * @param out {@code f_out}, applied to the final (or every) state
 * @param solver the solver
 * @param gradients direct or adjoint
 * @param augment zero dimensions appended to {@code h(0)} (ANODE, Dupont et al. 2019)
 * @param t0 the start time
 */
public record OdeSpec(VectorField f, ConditionedField conditioned, Module fieldModule, Module in, Module out, Solver solver,
    GradientMethod gradients, int augment, double t0) {

  /**
   * Checks the parts.
   *
   * @param f the vector field (null when the field is conditioned on the input)
   * @param conditioned the field {@code f(t, x, h)}, or null
   * @param fieldModule the module behind {@code f}, or null for a lambda field
   * @param in {@code f_in}, applied to the input
   * @param out {@code f_out}, applied to the final (or every) state
   * @param solver the solver
   * @param gradients direct or adjoint
   * @param augment zero dimensions appended to {@code h(0)}, at least 0
   * @param t0 the start time
   */
  public OdeSpec {
    if ((f == null) == (conditioned == null)) {
      throw new IllegalArgumentException("give exactly one of a field f(t, h) and a conditioned field f(t, x, h)");
    }
    Objects.requireNonNull(in, "in");
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(solver, "solver");
    Objects.requireNonNull(gradients, "gradients");
    if (augment < 0) {
      throw new IllegalArgumentException("augment needs a non-negative number of dimensions, got " + augment);
    }
    if (!Double.isFinite(t0)) {
      throw new IllegalArgumentException("start time must be finite, got " + t0);
    }
  }

  /**
   * A spec for the field {@code f} with the defaults.
   *
   * @param f the field {@code dh/dt = f(t, h)}
   * @return the spec with the defaults above
   */
  public static OdeSpec of(VectorField f) {
    return new OdeSpec(f, null, null, Module.identity(), Module.identity(), Solvers.rk45(), GradientMethod.DIRECT, 0, 0);
  }

  /**
   * A spec for an autonomous module field {@code (t, h) -> f(h)}.
   *
   * @param f the module giving {@code dh/dt = f(h)}
   * @return the spec with the defaults above
   */
  public static OdeSpec of(Module f) {
    return new OdeSpec(Fields.of(f), null, f, Module.identity(), Module.identity(), Solvers.rk45(), GradientMethod.DIRECT, 0, 0);
  }

  /**
   * A spec for the field {@code f(t, x, h)} that also sees the model's input.
   *
   * @param f the field {@code dh/dt = f(t, x, h)}
   * @return the spec with the defaults above
   */
  public static OdeSpec of(ConditionedField f) {
    return new OdeSpec(null, Objects.requireNonNull(f, "f"), null, Module.identity(), Module.identity(), Solvers.rk45(),
        GradientMethod.DIRECT, 0, 0);
  }

  /**
   * Declares the tensors a lambda field trains ({@code theta.0}, {@code theta.1}, ... in order):
   * needed when the field uses some of them only at later times (a branch on {@code t}), which
   * finding them on the tape at the start time would miss; replaces a module field's parameters.
   *
   * @param parameters the tensors the field trains
   * @return a new spec
   */
  public OdeSpec parameters(Tensor... parameters) {
    List<Parameter> declared = new ArrayList<>();
    for (Tensor p : parameters) {
      if (!Objects.requireNonNull(p, "parameter").requiresGradient()) {
        throw new IllegalArgumentException("a declared parameter must require a gradient (requiresGrad()), got a "
            + java.util.Arrays.toString(p.shape()) + " tensor that does not");
      }
      declared.add(new Parameter("theta." + declared.size(), p));
    }
    return new OdeSpec(f, conditioned, new DeclaredParameters(declared), in, out, solver, gradients, augment, t0);
  }

  /** Parameters declared for a lambda field, held as a module so they are named and collected. */
  private record DeclaredParameters(List<Parameter> parameters) implements Module {
    @Override
    public Tensor apply(Tensor x) {
      throw new UnsupportedOperationException("declared parameters are not applied");
    }
  }

  /**
   * {@code h(0) = fIn(x)}.
   *
   * @param fIn the map from the model's input to {@code h(0)}
   * @return a new spec
   */
  public OdeSpec from(Module fIn) {
    return new OdeSpec(f, conditioned, fieldModule, fIn, out, solver, gradients, augment, t0);
  }

  /**
   * {@code out = fOut(h(T))}.
   *
   * @param fOut the map from {@code h(T)} to the model's output
   * @return a new spec
   */
  public OdeSpec to(Module fOut) {
    return new OdeSpec(f, conditioned, fieldModule, in, fOut, solver, gradients, augment, t0);
  }

  /**
   * The solver, e.g. {@code rk45.rtol(1e-6)}.
   *
   * @param s the solver
   * @return a new spec
   */
  public OdeSpec solve(Solver s) {
    return new OdeSpec(f, conditioned, fieldModule, in, out, s, gradients, augment, t0);
  }

  /**
   * Direct or adjoint gradients.
   *
   * @param g {@code direct} or {@code adjoint}
   * @return a new spec
   */
  public OdeSpec gradients(GradientMethod g) {
    return new OdeSpec(f, conditioned, fieldModule, in, out, solver, g, augment, t0);
  }

  /**
   * Appends {@code k} zero dimensions to {@code h(0)} (augmented neural ODE).
   *
   * @param k the number of zero dimensions, at least 0
   * @return a new spec
   */
  public OdeSpec augment(int k) {
    return new OdeSpec(f, conditioned, fieldModule, in, out, solver, gradients, k, t0);
  }

  /**
   * Integration starts at {@code t0} (default 0).
   *
   * @param start the start time t0
   * @return a new spec
   */
  public OdeSpec start(double start) {
    return new OdeSpec(f, conditioned, fieldModule, in, out, solver, gradients, augment, start);
  }

  /**
   * A universal differential equation (Rackauckas et al. 2020): {@code dh/dt = f(t, h) + g(h)},
   * the known terms of this spec's field plus a trainable correction such as a small MLP. A module
   * field keeps its parameters (named {@code known.*}, then {@code correction.*}); a lambda field's
   * are found on the tape with the correction's.
   *
   * @param correction the trainable term {@code g(h)}
   * @return a new spec
   */
  public OdeSpec plus(Module correction) {
    Objects.requireNonNull(correction, "correction");
    if (conditioned != null) {
      throw new IllegalArgumentException("plus(correction) needs a field f(t, h), not a conditioned field f(t, x, h)");
    }
    VectorField known = f;
    VectorField sum = (t, h) -> known.apply(t, h).add(correction.apply(h));
    Module both = fieldModule == null ? null : new DeclaredParameters(
        Module.collect(new String[] {"known", "correction"}, fieldModule, correction));
    return new OdeSpec(sum, null, both, in, out, solver, gradients, augment, t0);
  }

  /**
   * The model {@code x -> fOut(h(T))}.
   *
   * @param tEnd the end time T
   * @return the model, a module
   */
  public NeuralOde until(double tEnd) {
    return new NeuralOde(this, tEnd);
  }

  /**
   * Solves until an event instead of to a fixed time: {@code ode(f).until(event(g).falling())
   * .then(jump)} (see {@link EventSpec}).
   *
   * @param event the event to stop at
   * @return the event spec, to refine with {@code then} and {@code events}
   */
  public EventSpec until(org.nodelab.ode.Event event) {
    return new EventSpec(this, event, null, 100);
  }

  /**
   * The model {@code x -> [fOut(h(t0)), ..., fOut(h(tn))]}, shape {@code [times, batch, dim]}
   * (torchdiffeq's {@code odeint} convention); integration starts at {@code times[0]}.
   *
   * @param times the output times, strictly monotone
   * @return the trajectory model
   */
  public TrajectoryModel at(double... times) {
    return new TrajectoryModel(start(times.length > 0 ? times[0] : t0), times);
  }
}
