package org.nodelab.ode;

/**
 * The adjoint method (Chen, Rubanova, Bettencourt &amp; Duvenaud 2018, "Neural Ordinary
 * Differential Equations", section 2): the forward solve keeps no tape; the backward pass
 * integrates the augmented system {@code [h, a = ∂L/∂h, ∂L/∂θ]} from the last requested time to the
 * first, {@code da/dt = −aᵀ∂f/∂h}, {@code d(∂L/∂θ)/dt = −aᵀ∂f/∂θ}, with vector–Jacobian products of
 * f, adding {@code ∂L/∂h(tᵢ)} at each requested time. Memory does not grow with the number of steps.
 * The gradients are those of the continuous problem, so they approach the direct ones as the
 * tolerances tighten (optimise-then-discretise).
 *
 * <p>Defaults: the backward solve uses the forward solver and tolerances; its error norm is
 * torchdiffeq's mixed norm, the largest RMS norm of the blocks {@code h}, {@code a} and (unless the
 * seminorm is on, which it is by default: Kidger, Chen &amp; Lyons 2021, "Hey, that's not an ODE")
 * each parameter tensor's part of {@code ∂L/∂θ}; {@code h} restarts from the forward solution at
 * every requested time; and each segment between requested times starts from the step size the
 * previous segment's controller proposed, where torchdiffeq starts every segment with a fresh
 * starting-step estimate (on ode_demo that costs 126 backward evaluations instead of about 70–90).
 */
public final class Adjoint implements GradientMethod {
  private static final Adjoint DEFAULTS = new Adjoint(null, true, true);
  private final Solver solver;
  private final boolean seminorm;
  private final boolean carryStep;

  private Adjoint(Solver solver, boolean seminorm, boolean carryStep) {
    this.solver = solver;
    this.seminorm = seminorm;
    this.carryStep = carryStep;
  }

  /**
   * The adjoint method with the documented defaults.
   *
   * @return the adjoint method: forward solver for the backward pass, seminorm on, step carried
   */
  public static Adjoint defaults() {
    return DEFAULTS;
  }

  /**
   * The same with its own backward solver (and tolerances), e.g. {@code Solvers.dopri5().rtol(1e-9)}.
   *
   * @param backward the solver of the backward pass
   * @return a new method
   */
  public Adjoint solver(Solver backward) {
    return new Adjoint(java.util.Objects.requireNonNull(backward, "backward"), seminorm, carryStep);
  }

  /**
   * Whether the parameter-gradient components stay out of error control (default true).
   *
   * @param on true to leave them out
   * @return a new method
   */
  public Adjoint seminorm(boolean on) {
    return new Adjoint(solver, on, carryStep);
  }

  /**
   * Whether each backward segment starts from the step size the previous one proposed (default
   * true); {@code false} starts every segment with Hairer's starting-step estimate, as torchdiffeq.
   *
   * @param on true to carry the step size
   * @return a new method
   */
  public Adjoint carryStep(boolean on) {
    return new Adjoint(solver, seminorm, on);
  }

  /**
   * Whether backward segments start from the previous segment's proposed step size.
   *
   * @return true when the step is carried
   */
  public boolean isCarryingStep() {
    return carryStep;
  }

  /**
   * The backward solver, or {@code null} for "the forward one".
   *
   * @return the solver, or {@code null}
   */
  public Solver backwardSolver() {
    return solver;
  }

  /**
   * Whether the seminorm is used.
   *
   * @return true when the parameter gradients stay out of the norm
   */
  public boolean isSeminorm() {
    return seminorm;
  }

  @Override
  public String toString() {
    return "adjoint" + (seminorm ? "" : "(norm=full)") + (carryStep ? "" : "(fresh start per segment)")
        + (solver == null ? "" : "(" + solver + ")");
  }
}
