package org.nodelab.nn;

import java.util.List;
import org.nodelab.tensor.Tensor;

/** The identity module {@code x -> x}; the default input and output map of a neural ODE. */
final class Identity implements Module {
  static final Identity INSTANCE = new Identity();

  private Identity() {}

  @Override
  public Tensor apply(Tensor x) {
    return x;
  }

  @Override
  public List<Parameter> parameters() {
    return List.of();
  }

  @Override
  public String toString() {
    return "Identity";
  }
}
