package org.nodelab.nn;

import java.util.List;
import org.nodelab.tensor.Tensor;

/** {@code [N, ...] -> [N, product of the rest]}, as PyTorch's {@code nn.Flatten()}. */
public final class Flatten implements Module {
  @Override
  public Tensor apply(Tensor x) {
    return x.flatten();
  }

  @Override
  public List<Parameter> parameters() {
    return List.of();
  }

  @Override
  public String toString() {
    return "Flatten";
  }
}
