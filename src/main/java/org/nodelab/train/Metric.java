package org.nodelab.train;

import org.nodelab.data.Dataset;
import org.nodelab.nn.Module;

/**
 * A number computed from the model on a held-out data set (evaluated without a tape), recorded in
 * the {@link History} as {@code val_NAME}; e.g. {@code (m, d) -> Losses.accuracy(m.apply(d.x()), d.y())}.
 */
@FunctionalInterface
public interface Metric {

  /**
   * The metric of {@code model} on {@code data}.
   *
   * @param model the model evaluated
   * @param data the validation set
   * @return the metric's value
   */
  double evaluate(Module model, Dataset data);
}
