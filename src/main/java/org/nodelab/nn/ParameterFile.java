package org.nodelab.nn;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nodelab.tensor.Tensor;

/** Saves and restores the named parameters of a {@link Module} through a {@link TensorFile}. */
public final class ParameterFile {
  private ParameterFile() {}

  /**
   * Writes every parameter of {@code module} to {@code file}, atomically.
   *
   * @param module the module whose parameters are written
   * @param file the file to write; replaced if it exists
   */
  public static void save(Module module, Path file) {
    Map<String, Tensor> values = new LinkedHashMap<>();
    module.namedParameters().forEach((name, p) -> values.put(name, p.value().detach()));
    TensorFile.write(file, values);
  }

  /**
   * Overwrites the parameters of {@code module} with those stored in {@code file}, strictly:
   * nothing is changed unless the file holds every parameter, with the right shape, and nothing else.
   *
   * @param module the module whose parameters are overwritten
   * @param file a file written by {@link #save}
   * @throws IllegalArgumentException naming the missing, unexpected or mis-shaped entries (with both
   *     shapes), or the parameter being read when the file is truncated
   */
  public static void load(Module module, Path file) {
    assign(module, TensorFile.read(file), file.toString(), true);
  }

  /**
   * The same, strict or lenient: a lenient load assigns the parameters the file holds, keeps the
   * others and ignores entries the model lacks; shapes must agree either way.
   *
   * @param module the module whose parameters are overwritten
   * @param file a file written by {@link #save}
   * @param strict whether the names must be exactly the model's
   * @return the names that did not match
   */
  public static LoadReport load(Module module, Path file, boolean strict) {
    return assign(module, TensorFile.read(file), file.toString(), strict);
  }

  /**
   * {@link #assign(Module, Map, String, boolean)}, strictly.
   *
   * @param module the module whose parameters are overwritten
   * @param stored the tensors by parameter name
   * @param source names the origin in error messages
   */
  public static void assign(Module module, Map<String, Tensor> stored, String source) {
    assign(module, stored, source, true);
  }

  /**
   * Overwrites the parameters of {@code module} with {@code stored} (by name); nothing changes
   * unless the check passes: shapes agree, and, if {@code strict}, the names are exactly the model's.
   * {@code source} names the origin in error messages.
   *
   * @param module the module whose parameters are overwritten
   * @param stored the tensors by parameter name
   * @param source names the origin in error messages
   * @param strict whether the names must be exactly the model's
   * @return the parameters {@code stored} lacked and the entries the model lacked
   */
  public static LoadReport assign(Module module, Map<String, Tensor> stored, String source, boolean strict) {
    Map<String, Parameter> params = module.namedParameters();
    List<String> missing = new ArrayList<>();
    List<String> misShaped = new ArrayList<>();
    for (var e : params.entrySet()) {
      Tensor t = stored.get(e.getKey());
      if (t == null) {
        missing.add(e.getKey());
      } else if (!Arrays.equals(t.shape(), e.getValue().shape())) {
        misShaped.add("parameter '" + e.getKey() + "' has shape " + Arrays.toString(e.getValue().shape())
            + " in the model but " + Arrays.toString(t.shape()) + " in " + source);
      }
    }
    List<String> unexpected = new ArrayList<>();
    for (String name : stored.keySet()) {
      if (!params.containsKey(name)) {
        unexpected.add(name);
      }
    }
    List<String> problems = new ArrayList<>();
    if (strict && !missing.isEmpty()) {
      problems.add(source + " has no parameter " + quoted(missing));
    }
    if (strict && !unexpected.isEmpty()) {
      problems.add(source + " holds " + quoted(unexpected) + ", which the model does not have");
    }
    problems.addAll(misShaped);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems) + ". The model has " + params.keySet()
          + ", the file holds " + stored.keySet() + "; nothing was changed"
          + (strict && misShaped.isEmpty() ? ". Load with strict(false) to ignore entries the model lacks and keep the "
              + "values of parameters the file lacks" : ""));
    }
    params.forEach((name, p) -> {
      Tensor t = stored.get(name);
      if (t != null) {
        p.assign(t.toArray());
      }
    });
    return new LoadReport(missing, unexpected);
  }

  private static String quoted(List<String> names) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < names.size(); i++) {
      sb.append(i == 0 ? "" : ", ").append('\'').append(names.get(i)).append('\'');
    }
    return sb.toString();
  }
}
