package org.nodelab.ode;

import org.nodelab.tensor.Tensor;

/**
 * An instantaneous change of state at an event, {@code y⁺ = jump(t, y⁻)}, taped like any tensor
 * operation. Example (a bounce with restitution e, {@code y = [height, velocity]}): {@code (t, y) ->
 * Tensor.concat(0, y.slice(0, 0, 1), y.slice(0, 1, 2).mul(-e))}.
 */
@FunctionalInterface
public interface Jump {

  /**
   * The state right after the event.
   *
   * @param t event time, shape {@code []}
   * @param y state right before the event
   * @return the new state, shaped like {@code y}
   */
  Tensor apply(Tensor t, Tensor y);
}
