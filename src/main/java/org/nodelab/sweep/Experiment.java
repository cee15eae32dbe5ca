package org.nodelab.sweep;

import java.io.Serializable;
import java.util.Map;

/**
 * What a sweep runs for each configuration: named results (numbers, or text such as the path of a
 * saved model or chart). Serializable so that a lambda written in a cell can travel to Spark
 * executors with the classes of the cells.
 */
@FunctionalInterface
public interface Experiment extends Serializable {

  /**
   * Runs the experiment for one configuration.
   *
   * @param config the parameter values, repetition and seed
   * @return the results by name; numbers become numeric columns, anything else text
   * @throws Exception a failure becomes a row with status {@code failed} and its message
   */
  Map<String, ?> run(Config config) throws Exception;
}
