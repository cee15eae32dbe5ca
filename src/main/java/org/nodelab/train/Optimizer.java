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
 * (e.g. Adam's {@code m} and {@code v}) that {@link #state()} exports for checkpoints, with the
 * step count and the current learning rate (which a {@link Schedule} may change between steps).
 */
public abstract class Optimizer {
  private final List<Parameter> parameters;
  private final String[] slotNames;
  private final double[][][] slots;
  private long steps;
  private double learningRate;

  /**
   * @param parameters the parameters to update
   * @param learningRate the initial learning rate, read by {@link #update} through {@link #learningRate()}
   * @param slotNames names of the per-element state buffers the rule needs
   */
  protected Optimizer(List<Parameter> parameters, double learningRate, String... slotNames) {
    this.learningRate = OptimizerSpec.check("lr", learningRate, 0);
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
   * @param theta the parameter's values, updated in place
   * @param g the gradient
   * @param t the step count, from 1
   */
  protected abstract void update(double[] theta, double[] g, double[][] state, long t);

  /** One optimisation step over every parameter that has a gradient. */
  public void step() {
    step(gradients());
  }

  /** The gradients of the parameters, in order (null for one without a gradient), as fresh arrays. */
  double[][] gradients() {
    double[][] grads = new double[parameters.size()][];
    for (int p = 0; p < grads.length; p++) {
      Tensor grad = parameters.get(p).grad();
      grads[p] = grad == null ? null : grad.toArray();
    }
    return grads;
  }

  /** One step with the given gradients (after clipping, say); a null entry leaves that parameter alone. */
  void step(double[][] grads) {
    steps++;
    double[][] state = new double[slots.length][];
    for (int p = 0; p < parameters.size(); p++) {
      Parameter param = parameters.get(p);
      if (grads[p] == null) {
        continue;
      }
      for (int s = 0; s < slots.length; s++) {
        state[s] = slots[s][p];
      }
      double[] theta = param.value().toArray();
      update(theta, grads[p], state, steps);
      param.assign(theta);
    }
  }

  /**
   * The learning rate the next {@link #step()} uses.
   *
   * @return η
   */
  public double learningRate() {
    return learningRate;
  }

  /**
   * Sets the learning rate of the following steps (what a {@link Schedule} does).
   *
   * @param lr the new rate, positive
   */
  public void learningRate(double lr) {
    this.learningRate = OptimizerSpec.check("lr", lr, 0);
  }

  /**
   * One step with the given gradients that is undone (values, slots, step count) if it made a
   * parameter NaN or infinite; returns the name of the first such parameter, or null if the step stands.
   */
  String stepKeepingFinite(double[][] grads) {
    Snapshot before = snapshot();
    step(grads);
    for (Parameter p : parameters) {
      for (double v : p.value().toArray()) {
        if (!Double.isFinite(v)) {
          restore(before);
          return p.name();
        }
      }
    }
    return null;
  }

  private Snapshot snapshot() {
    double[][] values = new double[parameters.size()][];
    for (int p = 0; p < values.length; p++) {
      values[p] = parameters.get(p).value().toArray();
    }
    double[][][] slotCopy = new double[slots.length][parameters.size()][];
    for (int s = 0; s < slots.length; s++) {
      for (int p = 0; p < parameters.size(); p++) {
        slotCopy[s][p] = slots[s][p].clone();
      }
    }
    return new Snapshot(values, slotCopy, steps, learningRate);
  }

  private void restore(Snapshot saved) {
    for (int p = 0; p < parameters.size(); p++) {
      parameters.get(p).assign(saved.values[p]);
      for (int s = 0; s < slots.length; s++) {
        System.arraycopy(saved.slots[s][p], 0, slots[s][p], 0, slots[s][p].length);
      }
    }
    steps = saved.steps;
    learningRate = saved.learningRate;
  }

  private record Snapshot(double[][] values, double[][][] slots, long steps, double learningRate) {}

  /** Clears the gradients of every parameter. */
  public void zeroGrad() {
    parameters.forEach(Parameter::zeroGrad);
  }

  /**
   * Steps taken so far.
   *
   * @return the number of steps
   */
  public long steps() {
    return steps;
  }

  /**
   * The parameters being trained.
   *
   * @return the parameters, in the order given
   */
  public List<Parameter> parameters() {
    return parameters;
  }

  /**
   * The state as named tensors ({@code "<slot>/<parameter>"}, {@code "steps"} and {@code "lr"}), for
   * checkpoints.
   *
   * @return the state by name
   */
  public Map<String, Tensor> state() {
    Map<String, Tensor> out = new LinkedHashMap<>();
    out.put("steps", Tensor.scalar(steps));
    out.put("lr", Tensor.scalar(learningRate));
    for (int s = 0; s < slots.length; s++) {
      for (int p = 0; p < parameters.size(); p++) {
        out.put(slotNames[s] + "/" + parameters.get(p).name(), Tensor.of(slots[s][p], parameters.get(p).shape()));
      }
    }
    return out;
  }

  /**
   * Restores a state exported by {@link #state()} of an optimiser of the same kind and parameters.
   *
   * @param state the state, from {@link #state()}
   */
  public void loadState(Map<String, Tensor> state) {
    List<String> missing = new ArrayList<>();
    for (String key : state().keySet()) {
      if (!state.containsKey(key) && !key.equals("lr")) {
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
    if (state.containsKey("lr")) {
      learningRate = state.get("lr").item();
    }
  }
}
