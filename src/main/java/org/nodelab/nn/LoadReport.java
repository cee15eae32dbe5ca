package org.nodelab.nn;

import java.util.List;

/**
 * What a parameter load matched: the parameters the file lacked (kept their values) and the
 * entries the model lacked (ignored); both empty after a strict load.
 *
 * @param missing parameters of the model absent from the file
 * @param unexpected entries of the file the model has no parameter for
 */
public record LoadReport(List<String> missing, List<String> unexpected) {

  /**
   * Copies the lists.
   *
   * @param missing the model's parameters the file did not hold
   * @param unexpected the file's entries the model does not have
   */
  public LoadReport {
    missing = List.copyOf(missing);
    unexpected = List.copyOf(unexpected);
  }

  /**
   * Whether the file and the model held exactly the same names.
   *
   * @return true when both lists are empty
   */
  public boolean exact() {
    return missing.isEmpty() && unexpected.isEmpty();
  }
}
