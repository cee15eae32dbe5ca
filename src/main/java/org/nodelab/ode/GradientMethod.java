package org.nodelab.ode;

/**
 * How gradients pass through a tensor solve: {@link #DIRECT} back-propagates through every stage
 * (exact gradients of the computed solution, memory growing with the steps); {@link Adjoint}
 * solves the adjoint ODE backwards (memory flat in the steps, gradients exact only in the limit of
 * tight tolerances).
 */
public sealed interface GradientMethod permits GradientMethod.Direct, Adjoint {

  /** Back-propagation through the solver's operations (discretise-then-optimise). */
  Direct DIRECT = new Direct();

  /** The direct method: the tape runs through stages, step combinations and interpolation. */
  final class Direct implements GradientMethod {
    private Direct() {}

    @Override
    public String toString() {
      return "direct";
    }
  }
}
