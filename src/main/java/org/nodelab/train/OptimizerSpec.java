package org.nodelab.train;

import java.util.List;
import org.nodelab.nn.Module;
import org.nodelab.nn.Parameter;

/** An immutable optimiser configuration (learning rate and friends), bound to parameters by {@link #on}. */
public interface OptimizerSpec {

  /**
   * A fresh optimiser with zero state over {@code parameters}.
   *
   * @param parameters the parameters to update
   * @return the optimiser, at step 0
   */
  Optimizer on(List<Parameter> parameters);

  /**
   * A fresh optimiser over the parameters of {@code module}.
   *
   * @param module the module whose parameters are updated
   * @return the optimiser, at step 0
   */
  default Optimizer on(Module module) {
    return on(module.parameters());
  }

  /**
   * The learning rate.
   *
   * @return η
   */
  double lr();

  /**
   * Checks that {@code value} is finite and at least {@code min}; returns it.
   *
   * @param name the hyper-parameter's name, for the error
   * @param value its value
   * @param min the least value allowed
   * @return {@code value}
   */
  static double check(String name, double value, double min) {
    if (!(value >= min) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(name + " must be a finite number >= " + min + ", got " + value);
    }
    return value;
  }

  /**
   * Checks that {@code value} lies in {@code [0, 1)}; returns it.
   *
   * @param name the hyper-parameter's name, for the error
   * @param value its value
   * @return {@code value}
   */
  static double checkUnit(String name, double value) {
    if (!(value >= 0 && value < 1)) {
      throw new IllegalArgumentException(name + " must lie in [0, 1), got " + value);
    }
    return value;
  }
}
