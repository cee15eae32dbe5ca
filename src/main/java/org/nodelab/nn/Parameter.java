package org.nodelab.nn;

import java.util.Arrays;
import java.util.Objects;
import org.nodelab.tensor.Tensor;

/**
 * A named, trainable leaf tensor of a {@link Module}. Optimisers read {@link #grad()} and write
 * new values with {@link #assign(double[])}; the tensor object itself never changes, so closures
 * that captured it see the update.
 */
public final class Parameter {
  private final String name;
  private final Tensor value;

  /**
   * Wraps {@code value} as a parameter called {@code name}, marking it as requiring a gradient.
   *
   * @param name dotted path such as {@code "0.weight"}; not blank
   * @param value a leaf tensor
   */
  public Parameter(String name, Tensor value) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("parameter name must not be blank, got '" + name + "'");
    }
    Objects.requireNonNull(value, "value");
    if (!value.isLeaf()) {
      throw new IllegalArgumentException(
          "parameter '" + name + "' must be a leaf tensor, not the result of an operation");
    }
    this.name = name;
    this.value = value.requiresGradient() ? value : value.requiresGrad();
  }

  /**
   * The dotted name, unique within the module that owns it.
   *
   * @return the name, such as {@code "0.weight"}
   */
  public String name() {
    return name;
  }

  /**
   * The live tensor (a leaf requiring a gradient).
   *
   * @return the tensor the optimiser updates
   */
  public Tensor value() {
    return value;
  }

  /**
   * The shape of the value.
   *
   * @return a copy of the shape
   */
  public int[] shape() {
    return value.shape();
  }

  /**
   * Number of scalar entries.
   *
   * @return the number of scalars
   */
  public int size() {
    return value.size();
  }

  /**
   * The gradient accumulated by the last backward passes, or {@code null} before any.
   *
   * @return the gradient, shaped like the value, or {@code null}
   */
  public Tensor grad() {
    return value.grad();
  }

  /** Clears the accumulated gradient. */
  public void zeroGrad() {
    value.zeroGrad();
  }

  /**
   * Overwrites the values in place (flat, row-major); the length must equal {@link #size()}.
   *
   * @param values the new values, {@link #size()} of them
   */
  public void assign(double[] values) {
    value.assign(values);
  }

  /**
   * The same tensor under the name {@code prefix + "." + name()}.
   *
   * @param prefix the prefix, such as the owning module's position
   * @return a parameter over the same tensor
   */
  public Parameter withPrefix(String prefix) {
    return new Parameter(prefix + "." + name, value);
  }

  @Override
  public String toString() {
    return "Parameter " + name + " " + Arrays.toString(value.shape());
  }
}
