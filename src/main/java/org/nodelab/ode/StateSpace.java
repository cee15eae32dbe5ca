package org.nodelab.ode;

/**
 * The arithmetic the Runge–Kutta engine needs on a kind of state: plain arrays (written into
 * reusable buffers) or tensors (new immutable values on the gradient tape). The right-hand side
 * lives inside the implementation.
 *
 * @param <S> the state type
 */
interface StateSpace<S> {

  /** {@code f(t, y)}; array implementations write into {@code out} and return it. */
  S evaluate(double t, S y, S out);

  /** {@code f(t, y)} for step-size selection only: never recorded on a gradient tape. */
  S evaluateDetached(double t, S y, S out);

  /**
   * {@code base + Σ_{j<n} w[j]·terms[j]} ({@code base} may be null); array implementations write
   * into {@code out}, which aliases none of the inputs.
   */
  S combine(S base, double[] w, S[] terms, int n, S out);

  /** The values, flat (for arrays the array itself: read only). */
  double[] values(S y);

  /** A state with the given flat values and the shape of {@code like}, outside any tape. */
  S fromValues(double[] values, S like);

  /** A copy safe to keep while the engine reuses its buffers (tensors are returned as they are). */
  S keep(S y);

  /** A work buffer shaped like {@code like} (null where states are immutable). */
  S buffer(S like);

  /** An array of {@code n} states. */
  S[] newArray(int n);

  /**
   * Writes {@code ∂f/∂y} at {@code (t, y)} row-major into {@code jac}, never on a tape: supplied by
   * the system, by automatic differentiation, or by forward differences ({@code fy = f(t, y)}).
   *
   * @return the evaluations of {@code f} it took
   */
  int jacobian(double t, S y, S fy, double[] jac);

  /**
   * {@code x} with {@code A·x = rhs} for the factored {@code A}; array implementations write into
   * {@code out}. For tensors it is recorded on the tape, with the backward {@code Aᵀ·ḡ = g} ({@code A}
   * a constant).
   */
  S solve(Lu lu, S rhs, S out);

  /** Whether {@code y} is recorded on a gradient tape (never for arrays). */
  boolean isTaped(S y);

  /** {@code y − detach(y)}: exactly zero, with {@code y}'s gradient (tensors; arrays never need it). */
  S zeroWithGradient(S y);
}
