package org.nodelab.ode;

/**
 * What the implicit steppers (Rosenbrock, ESDIRK) share: the state space, the counts of evaluations,
 * Jacobians and factorisations, and the one kept evaluation that stands for the step's stages.
 *
 * @param <S> state type
 */
abstract class ImplicitStepper<S> implements Stepper<S> {
  protected final StateSpace<S> space;
  /** The last evaluation of {@code f}, the only one kept. */
  protected S evaluation;
  protected long evaluations;
  protected long jacobians;
  protected long factorizations;

  ImplicitStepper(StateSpace<S> space, S like) {
    this.space = space;
    this.evaluation = space.buffer(like);
  }

  /** {@code f(time, state)} into {@code out}, counted. */
  protected final S evaluate(double time, S state, S out) {
    evaluations++;
    return space.evaluate(time, state, out);
  }

  @Override
  public void finish() {}

  /** The last evaluation of {@code f} (the only one kept). */
  @Override
  public S stage(int i) {
    return evaluation;
  }

  @Override
  public int stages() {
    return 1;
  }

  @Override
  public long evaluations() {
    return evaluations;
  }

  @Override
  public long denseEvaluations() {
    return 0;
  }

  @Override
  public long jacobians() {
    return jacobians;
  }

  @Override
  public long factorizations() {
    return factorizations;
  }
}
