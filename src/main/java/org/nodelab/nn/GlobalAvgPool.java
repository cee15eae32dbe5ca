package org.nodelab.nn;

import java.util.List;
import org.nodelab.tensor.Tensor;

/** The mean of each channel, {@code [N, C, H, W] -> [N, C]} (PyTorch's {@code AdaptiveAvgPool2d(1)} then flatten). */
public final class GlobalAvgPool implements Module {
  @Override
  public Tensor apply(Tensor x) {
    return x.globalAvgPool();
  }

  @Override
  public List<Parameter> parameters() {
    return List.of();
  }

  @Override
  public String toString() {
    return "GlobalAvgPool";
  }
}
