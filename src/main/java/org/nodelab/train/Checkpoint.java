package org.nodelab.train;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nodelab.nn.Module;
import org.nodelab.nn.ParameterFile;
import org.nodelab.nn.TensorFile;
import org.nodelab.tensor.Tensor;

/**
 * A training checkpoint in one file, written atomically: the model's parameters ({@code
 * model/<name>}), the optimiser's state ({@code optimizer/<key>}) and the step count.
 */
public final class Checkpoint {
  private Checkpoint() {}

  /**
   * Writes model, optimiser and step to {@code file} (temporary file, then move).
   *
   * @param file the file to write; replaced if it exists
   * @param model the model whose parameters are saved
   * @param optimizer the optimiser whose state is saved
   * @param step the number of steps taken
   */
  public static void save(Path file, Module model, Optimizer optimizer, long step) {
    Map<String, Tensor> all = new LinkedHashMap<>();
    all.put("trainer/step", Tensor.scalar(step));
    model.namedParameters().forEach((name, p) -> all.put("model/" + name, p.value().detach()));
    optimizer.state().forEach((key, t) -> all.put("optimizer/" + key, t));
    TensorFile.write(file, all);
  }

  /**
   * Restores model and optimiser from {@code file}; returns the step it was written at.
   *
   * @param file a file written by {@link #save}
   * @param model the model whose parameters are restored
   * @param optimizer the optimiser whose state is restored
   * @return the step it was written at
   * @throws IllegalArgumentException naming what is missing or mis-shaped
   */
  public static long load(Path file, Module model, Optimizer optimizer) {
    Map<String, Tensor> all = TensorFile.read(file);
    Map<String, Tensor> params = new LinkedHashMap<>();
    Map<String, Tensor> state = new LinkedHashMap<>();
    all.forEach(
        (key, t) -> {
          if (key.startsWith("model/")) {
            params.put(key.substring(6), t);
          } else if (key.startsWith("optimizer/")) {
            state.put(key.substring(10), t);
          }
        });
    if (!all.containsKey("trainer/step")) {
      throw new IllegalArgumentException(file + " is not a training checkpoint (no trainer/step)");
    }
    ParameterFile.assign(model, params, file.toString());
    optimizer.loadState(state);
    return (long) all.get("trainer/step").item();
  }
}
