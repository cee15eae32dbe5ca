package org.nodelab.nn;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nodelab.tensor.Tensor;

/** Saves and restores the named parameters of a {@link Module} through a {@link TensorFile}. */
public final class ParameterFile {
  private ParameterFile() {}

  /** Writes every parameter of {@code module} to {@code file}, atomically. */
  public static void save(Module module, Path file) {
    Map<String, Tensor> values = new LinkedHashMap<>();
    module.namedParameters().forEach((name, p) -> values.put(name, p.value().detach()));
    TensorFile.write(file, values);
  }

  /**
   * Overwrites the parameters of {@code module} with those stored in {@code file}. Nothing is
   * changed unless every parameter is present with the right shape.
   *
   * @throws IllegalArgumentException naming the parameter (and both shapes) when one is missing or
   *     has the wrong shape, or when the file is truncated
   */
  public static void load(Module module, Path file) {
    assign(module, TensorFile.read(file), file.toString());
  }

  /**
   * Overwrites the parameters of {@code module} with {@code stored} (by name); nothing changes
   * unless every parameter is present with the right shape. {@code source} names the origin in
   * error messages.
   */
  public static void assign(Module module, Map<String, Tensor> stored, String source) {
    Map<String, Parameter> params = module.namedParameters();
    for (var e : params.entrySet()) {
      Tensor t = stored.get(e.getKey());
      if (t == null) {
        throw new IllegalArgumentException(
            source + " has no parameter '" + e.getKey() + "'; it holds " + stored.keySet());
      }
      if (!Arrays.equals(t.shape(), e.getValue().shape())) {
        throw new IllegalArgumentException(
            "parameter '" + e.getKey() + "' has shape " + Arrays.toString(e.getValue().shape())
                + " in the model but " + Arrays.toString(t.shape()) + " in " + source);
      }
    }
    params.forEach((name, p) -> p.assign(stored.get(name).toArray()));
  }
}
