package org.nodelab.nn;

/**
 * A module whose parameters are found when it first runs, not listed up front (a neural ODE whose
 * field is a lambda closing over tensors): until then {@link Module#parameters()} cannot answer.
 */
public interface DiscoveredParameters {

  /**
   * Whether {@link Module#parameters()} can be called now.
   *
   * @return true once the parameters are known (after a first call or {@link #findParameters})
   */
  boolean parametersKnown();

  /**
   * Finds the parameters from a sample input {@code x} of the model, as its first call would, without running
   * it whole.
   *
   * @param x a sample input, of the shape the model will be called with
   */
  void findParameters(org.nodelab.tensor.Tensor x);
}
