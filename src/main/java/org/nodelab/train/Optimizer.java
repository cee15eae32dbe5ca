package org.nodelab.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nodelab.nn.Parameter;
import org.nodelab.tensor.Tensor;

/**
 * An optimiser bound to parameters: {@link #step()} reads every gradient and updates the values
 * in place. Element-wise rules implement {@link #update}; per-parameter state lives in named slots
 * (e.g. Adam's {@code m} and {@code v}) that {@link #state()} exports for checkpoints.
 */
public abstract class Optimizer {
  private final List<Parameter> parameters;
  private final String[] slotNames;
  private final double[][][] slots;
  private long steps;

  /**
   * @param parameters the parameters to update
   * @param slotNames names of the per-element state buffers the rule needs
   */
  protected Optimizer(List<Parameter> parameters, String... slotNames) {
    if (parameters.isEmpty()) {
      throw new IllegalArgumentException("the optimiser got no parameters to train");
    }
    this.parameters = List.copyOf(parameters);
    this.slotNames = slotNames.clone();
    this.slots = new double[slotNames.length][parameters.size()][];
    for (double[][] slot : slots) {
      for (int p = 0; p < parameters.size(); p++) {
        slot[p] = new double[parameters.get(p).size()];
      }
    }
  }

  /**
   * Updates {@code theta} in place from gradient {@code g} at step {@code t} (1 for the first).
   *
   * @param state this parameter's slot buffers, in the order of the slot names
   */
  protected abstract void update(double[] theta, double[] g, double[][] state, long t);

  /** One optimisation step over every parameter that has a gradient. */
  public void step() {
    steps++;
    double[][] state = new double[slots.length][];
    for (int p = 0; p < parameters.size(); p++) {
      Parameter param = parameters.get(p);
      Tensor grad = param.grad();
      if (grad == null) {
        continue;
      }
      for (int s = 0; s < slots.length; s++) {
        state[s] = slots[s][p];
      }
      double[] theta = param.value().toArray();
      update(theta, grad.toArray(), state, steps);
      param.assign(theta);
    }
  }

  /** Clears the gradients of every parameter. */
  public void zeroGrad() {
    parameters.forEach(Parameter::zeroGrad);
  }

  /** Steps taken so far. */
  public long steps() {
    return steps;
  }

  /** The parameters being trained. */
  public List<Parameter> parameters() {
    return parameters;
  }

  /** The state as named tensors ({@code "<slot>/<parameter>"} and {@code "steps"}), for checkpoints. */
  public Map<String, Tensor> state() {
    Map<String, Tensor> out = new LinkedHashMap<>();
    out.put("steps", Tensor.scalar(steps));
    for (int s = 0; s < slots.length; s++) {
      for (int p = 0; p < parameters.size(); p++) {
        out.put(slotNames[s] + "/" + parameters.get(p).name(), Tensor.of(slots[s][p], parameters.get(p).shape()));
      }
    }
    return out;
  }

  /** Restores a state exported by {@link #state()} of an optimiser of the same kind and parameters. */
  public void loadState(Map<String, Tensor> state) {
    List<String> missing = new ArrayList<>();
    for (String key : state().keySet()) {
      if (!state.containsKey(key)) {
        missing.add(key);
      }
    }
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException("optimiser state lacks " + missing);
    }
    for (int s = 0; s < slots.length; s++) {
      for (int p = 0; p < parameters.size(); p++) {
        String key = slotNames[s] + "/" + parameters.get(p).name();
        double[] values = state.get(key).toArray();
        if (values.length != slots[s][p].length) {
          throw new IllegalArgumentException(
              "optimiser state '" + key + "' has " + values.length + " values, expected " + slots[s][p].length
                  + " for shape " + Arrays.toString(parameters.get(p).shape()));
        }
        System.arraycopy(values, 0, slots[s][p], 0, values.length);
      }
    }
    steps = (long) state.get("steps").item();
  }
}
