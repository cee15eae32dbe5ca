package org.nodelab.model;

import org.nodelab.ode.VectorField;
import org.nodelab.tensor.Tensor;

/**
 * A vector field that also gives its divergence {@code tr(∂f/∂z)} in closed form, with tensor
 * operations (so differentiable): a flow with the exact trace then uses it instead of {@code d}
 * vector–Jacobian products.
 */
public interface DivergenceField extends VectorField {

  /**
   * The field and its divergence at {@code (t, z)}.
   *
   * @param t time
   * @param z states {@code [batch, dim]}
   * @return {@code {f(t, z) [batch, dim], tr(∂f/∂z) [batch, 1]}}
   */
  Tensor[] withDivergence(double t, Tensor z);

  /**
   * The field and its divergence side by side, {@code [batch, dim + 1]}.
   *
   * @param t time
   * @param z states {@code [batch, dim]}
   * @return {@code [f(t, z), tr(∂f/∂z)]}
   */
  default Tensor columns(double t, Tensor z) {
    Tensor[] both = withDivergence(t, z);
    return Tensor.concat(1, both[0], both[1]);
  }
}
