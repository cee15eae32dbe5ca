package org.nodelab.nn;

import java.util.List;
import java.util.Objects;
import org.nodelab.tensor.Activation;
import org.nodelab.tensor.Tensor;

/** An element-wise activation as a parameter-free {@link Module}. */
public final class ActivationLayer implements Module {
  private final Activation activation;

  /**
   * A layer applying {@code activation} element-wise.
   *
   * @param activation the activation
   */
  public ActivationLayer(Activation activation) {
    this.activation = Objects.requireNonNull(activation, "activation");
  }

  /**
   * The activation this layer applies.
   *
   * @return the element-wise activation
   */
  public Activation activation() {
    return activation;
  }

  @Override
  public Tensor apply(Tensor x) {
    return activation.apply(x);
  }

  @Override
  public List<Parameter> parameters() {
    return List.of();
  }

  @Override
  public String toString() {
    return activation.name().toLowerCase(java.util.Locale.ROOT);
  }
}
