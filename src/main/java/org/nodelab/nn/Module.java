package org.nodelab.nn;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nodelab.tensor.Tensor;

/**
 * A differentiable map {@code x -> y} with named trainable parameters, the unit from which models
 * are composed (PyTorch's {@code nn.Module}, equinox's {@code Module}).
 */
public interface Module {

  /**
   * Applies the map; records a gradient tape when gradients are enabled.
   *
   * @param x input, shape {@code [batch, in]} for the layers of this package
   * @return output, shape {@code [batch, out]}
   */
  Tensor apply(Tensor x);

  /**
   * The trainable parameters, each with a name unique within this module.
   *
   * @return the parameters, in declaration order; empty for a parameter-free module
   */
  List<Parameter> parameters();

  /**
   * The parameters by name, in declaration order.
   *
   * @return an ordered map from each parameter's name to it
   */
  default Map<String, Parameter> namedParameters() {
    Map<String, Parameter> byName = new LinkedHashMap<>();
    for (Parameter p : parameters()) {
      if (byName.put(p.name(), p) != null) {
        throw new IllegalStateException("duplicate parameter name '" + p.name() + "'");
      }
    }
    return byName;
  }

  /**
   * Total number of trainable scalars.
   *
   * @return the sum of the parameters' sizes
   */
  default int parameterCount() {
    int n = 0;
    for (Parameter p : parameters()) {
      n += p.size();
    }
    return n;
  }

  /**
   * Writes the parameters to {@code file} by name, atomically (see {@link ParameterFile}).
   *
   * @param file the file to write; replaced if it exists
   */
  default void save(java.nio.file.Path file) {
    ParameterFile.save(this, file);
  }

  /**
   * {@link #save(java.nio.file.Path)} to the file named {@code file}.
   *
   * @param file the name of the file to write
   */
  default void save(String file) {
    save(java.nio.file.Path.of(file));
  }

  /**
   * Reads the parameters from {@code file}, strictly: the file must hold exactly this module's
   * parameters with their shapes, or nothing changes and the error names the differences.
   *
   * @param file a file written by {@link #save(java.nio.file.Path)}
   */
  default void load(java.nio.file.Path file) {
    load(file, Loading.strict(true));
  }

  /**
   * {@link #load(java.nio.file.Path)} from the file named {@code file}.
   *
   * @param file the name of a file written by {@link #save(String)}
   */
  default void load(String file) {
    load(java.nio.file.Path.of(file));
  }

  /**
   * Reads the parameters from {@code file}, strictly or not ({@code model.load(file, strict(false))}).
   *
   * @param file a file written by {@link #save(java.nio.file.Path)}
   * @param how strict or lenient, from {@link Loading#strict(boolean)}
   * @return the names that did not match (empty lists after a strict load)
   */
  default LoadReport load(java.nio.file.Path file, Loading how) {
    return ParameterFile.load(this, file, how.strict());
  }

  /**
   * {@link #load(java.nio.file.Path, Loading)} from the file named {@code file}.
   *
   * @param file the name of a file written by {@link #save(String)}
   * @param how strict or lenient, from {@link Loading#strict(boolean)}
   * @return the names that did not match (empty lists after a strict load)
   */
  default LoadReport load(String file, Loading how) {
    return load(java.nio.file.Path.of(file), how);
  }

  /** Clears the gradients of all parameters. */
  default void zeroGrad() {
    parameters().forEach(Parameter::zeroGrad);
  }

  /**
   * The identity map {@code x -> x}, with no parameters.
   *
   * @return the identity module, shared and stateless
   */
  static Module identity() {
    return Identity.INSTANCE;
  }

  /**
   * A parameter-free function as a module, e.g. {@code Module.fn(y -> y.pow(3))}.
   *
   * @param function the map, tensor to tensor; differentiable when built from tensor operations
   * @return the module, with no parameters
   */
  static Module fn(java.util.function.Function<Tensor, Tensor> function) {
    java.util.Objects.requireNonNull(function, "function");
    return new Module() {
      @Override
      public Tensor apply(Tensor x) {
        return function.apply(x);
      }

      @Override
      public List<Parameter> parameters() {
        return List.of();
      }

      @Override
      public String toString() {
        return "fn";
      }
    };
  }

  /**
   * An activation as a parameter-free module.
   *
   * @param activation the element-wise activation
   * @return the module, with no parameters
   */
  static Module of(org.nodelab.tensor.Activation activation) {
    return new ActivationLayer(activation);
  }

  /**
   * {@code [weight]}, or {@code [weight, bias]} when there is a bias: a layer's parameters in order.
   *
   * @param weight the weight
   * @param bias the bias, or {@code null}
   * @return the list of one or two parameters
   */
  static List<Parameter> weightAndBias(Parameter weight, Parameter bias) {
    return bias == null ? List.of(weight) : List.of(weight, bias);
  }

  /**
   * Parameters of modules applied in sequence, named by position ({@code "0.weight"}, as PyTorch's
   * {@code nn.Sequential}); tensors shared between them listed once.
   *
   * @param modules the modules, first applied first
   * @return their parameters, named {@code "i.name"} by position
   */
  static List<Parameter> collectIndexed(List<? extends Module> modules) {
    String[] prefixes = new String[modules.size()];
    java.util.Arrays.setAll(prefixes, Integer::toString);
    return collect(prefixes, modules.toArray(new Module[0]));
  }

  /**
   * Parameters of several modules, prefixed by {@code prefixes[i]} and with tensors shared between
   * modules listed once.
   *
   * @param prefixes one name prefix per module
   * @param modules the modules
   * @return their parameters, named {@code "prefix.name"}
   */
  static List<Parameter> collect(String[] prefixes, Module... modules) {
    List<Parameter> all = new ArrayList<>();
    Map<Tensor, Boolean> seen = new IdentityHashMap<>();
    for (int i = 0; i < modules.length; i++) {
      for (Parameter p : modules[i].parameters()) {
        if (seen.put(p.value(), Boolean.TRUE) == null) {
          all.add(prefixes[i].isEmpty() ? p : p.withPrefix(prefixes[i]));
        }
      }
    }
    return all;
  }
}
