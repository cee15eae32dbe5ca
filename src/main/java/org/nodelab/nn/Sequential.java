package org.nodelab.nn;

import java.util.List;
import java.util.stream.Collectors;
import org.nodelab.tensor.Activation;
import org.nodelab.tensor.Tensor;

/**
 * Modules applied one after the other; parameters are named by position ({@code "0.weight"}), as
 * in PyTorch's {@code nn.Sequential}. A module appearing twice shares its parameters. A {@link
 * GroupNorm} followed by an activation layer runs as one fused operation (the same values).
 */
public final class Sequential implements Module {
  private final List<Module> modules;

  /**
   * The composition {@code modules[n-1] ∘ ... ∘ modules[0]}.
   *
   * @param modules the modules, first applied first
   */
  public Sequential(Module... modules) {
    if (modules.length == 0) {
      throw new IllegalArgumentException("Sequential needs at least one module");
    }
    for (int i = 0; i < modules.length; i++) {
      if (modules[i] == null) {
        throw new IllegalArgumentException("module " + i + " of Sequential is null");
      }
    }
    this.modules = List.of(modules);
  }

  /**
   * The modules, first applied first.
   *
   * @return the modules, in order
   */
  public List<Module> modules() {
    return modules;
  }

  @Override
  public Tensor apply(Tensor x) {
    Tensor h = x;
    for (int i = 0; i < modules.size(); i++) {
      Module m = modules.get(i);
      Activation after = i + 1 < modules.size() ? activation(modules.get(i + 1)) : null;
      if (m instanceof GroupNorm norm && after != null) {
        h = norm.apply(h, after);
        i++;
      } else {
        h = m.apply(h);
      }
    }
    return h;
  }

  /** The activation {@code m} applies element-wise, or null when it is another kind of module. */
  private static Activation activation(Module m) {
    if (m instanceof ReLU) {
      return Activation.RELU;
    }
    return m instanceof ActivationLayer layer ? layer.activation() : null;
  }

  @Override
  public List<Parameter> parameters() {
    return Module.collectIndexed(modules);
  }

  @Override
  public String toString() {
    return modules.stream().map(Object::toString).collect(Collectors.joining(", ", "Sequential[", "]"));
  }
}
