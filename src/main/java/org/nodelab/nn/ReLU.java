package org.nodelab.nn;

import java.util.List;
import org.nodelab.tensor.Tensor;

/** {@code max(x, 0)} element-wise as a layer, PyTorch's {@code nn.ReLU}. */
public final class ReLU implements Module {
  @Override
  public Tensor apply(Tensor x) {
    return x.relu();
  }

  @Override
  public List<Parameter> parameters() {
    return List.of();
  }

  @Override
  public String toString() {
    return "relu";
  }
}
