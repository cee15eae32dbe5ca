package org.nodelab.nn;

/**
 * A module whose parameters are found when it first runs, not listed up front (a neural ODE whose
 * field is a lambda closing over tensors): until then {@link Module#parameters()} cannot answer.
 */
public interface DiscoveredParameters {

  /** Whether {@link Module#parameters()} can be called now. */
  boolean parametersKnown();

  /** Finds the parameters from a sample input {@code x} of the model, as its first call would, without running it whole. */
  void findParameters(org.nodelab.tensor.Tensor x);
}
