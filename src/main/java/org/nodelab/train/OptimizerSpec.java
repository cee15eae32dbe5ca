package org.nodelab.train;

import java.util.List;
import org.nodelab.nn.Module;
import org.nodelab.nn.Parameter;

/** An immutable optimiser configuration (learning rate and friends), bound to parameters by {@link #on}. */
public interface OptimizerSpec {

  /** A fresh optimiser with zero state over {@code parameters}. */
  Optimizer on(List<Parameter> parameters);

  /** A fresh optimiser over the parameters of {@code module}. */
  default Optimizer on(Module module) {
    return on(module.parameters());
  }

  /** The learning rate. */
  double lr();

  /** Checks that {@code value} is finite and at least {@code min}; returns it. */
  static double check(String name, double value, double min) {
    if (!(value >= min) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(name + " must be a finite number >= " + min + ", got " + value);
    }
    return value;
  }

  /** Checks that {@code value} lies in {@code [0, 1)}; returns it. */
  static double checkUnit(String name, double value) {
    if (!(value >= 0 && value < 1)) {
      throw new IllegalArgumentException(name + " must lie in [0, 1), got " + value);
    }
    return value;
  }
}
