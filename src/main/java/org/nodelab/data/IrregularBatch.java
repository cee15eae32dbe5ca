package org.nodelab.data;

import org.nodelab.tensor.Tensor;

/**
 * Irregularly sampled series of one batch on the sorted union of their observation times
 * (Rubanova, Chen &amp; Duvenaud 2019): a model solves once over {@code times} and reads each
 * sample's states where its {@code mask} is 1.
 *
 * @param times the union of the samples' times, strictly increasing
 * @param values observations, shape {@code [times, batch, variables]}, 0 where unobserved
 * @param mask 1 where a component was observed, else 0, the shape of {@code values}
 */
public record IrregularBatch(double[] times, Tensor values, Tensor mask) {

  /**
   * Checks that the shapes agree with the times.
   *
   * @param times the union of the samples' times, strictly increasing
   * @param values observations, shape {@code [times, batch, variables]}, 0 where unobserved
   * @param mask 1 where a component was observed, else 0, the shape of {@code values}
   */
  public IrregularBatch {
    times = times.clone();
    if (values.rank() != 3 || values.dim(0) != times.length || !java.util.Arrays.equals(values.shape(), mask.shape())) {
      throw new IllegalArgumentException("an irregular batch needs values and mask of shape [" + times.length
          + " times, batch, variables], got " + java.util.Arrays.toString(values.shape()) + " and "
          + java.util.Arrays.toString(mask.shape()));
    }
  }

  /**
   * The union of the observation times (a copy).
   *
   * @return a copy of the times, strictly increasing
   */
  @Override
  public double[] times() {
    return times.clone();
  }

  /**
   * Number of series.
   *
   * @return the batch size
   */
  public int batchSize() {
    return values.dim(1);
  }

  /**
   * Number of variables per observation.
   *
   * @return the number of variables
   */
  public int variables() {
    return values.dim(2);
  }

  /**
   * Number of observed components.
   *
   * @return the number of ones in the mask
   */
  public int observed() {
    double n = 0;
    for (double m : mask.toArray()) {
      n += m;
    }
    return (int) n;
  }
}
