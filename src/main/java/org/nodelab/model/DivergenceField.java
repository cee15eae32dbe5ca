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
}
