package org.nodelab.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import org.nodelab.tensor.Tensor;

/**
 * Inputs {@code x} with targets {@code y}, row {@code i} of each belonging together.
 *
 * @param x inputs, shape {@code [n, ...]}
 * @param y targets (values or class indices), shape {@code [n, ...]}
 */
public record Dataset(Tensor x, Tensor y) {

  /**
   * Checks that inputs and targets have the same number of rows.
   *
   * @param x inputs, shape {@code [n, ...]}
   * @param y targets (values or class indices), shape {@code [n, ...]}
   */
  public Dataset {
    Objects.requireNonNull(x, "x");
    Objects.requireNonNull(y, "y");
    if (x.rank() == 0 || y.rank() == 0 || x.dim(0) != y.dim(0)) {
      throw new IllegalArgumentException(
          "inputs and targets need the same number of rows, got x "
              + Arrays.toString(x.shape()) + " and y " + Arrays.toString(y.shape()));
    }
  }

  /**
   * Number of rows.
   *
   * @return the number of rows of {@code x}
   */
  public int size() {
    return x.dim(0);
  }

  /**
   * The rows at {@code indices}, in that order.
   *
   * @param indices row indices, each in {@code [0, size())}
   * @return a data set of {@code indices.length} rows
   */
  public Dataset rows(int[] indices) {
    return new Dataset(Rows.gather(x, indices), Rows.gather(y, indices));
  }

  /**
   * A seeded random split: {@code testFraction} of the rows (rounded) go to the test set.
   *
   * @param testFraction in {@code (0, 1)}
   * @param seed the seed of the shuffle
   * @return the training and test parts
   */
  public Split split(double testFraction, long seed) {
    if (!(testFraction > 0 && testFraction < 1)) {
      throw new IllegalArgumentException("testFraction must lie in (0, 1), got " + testFraction);
    }
    int[] order = Rows.permutation(size(), new SplittableRandom(seed));
    int test = (int) Math.round(testFraction * size());
    if (test == 0 || test == size()) {
      throw new IllegalArgumentException(
          "testFraction " + testFraction + " of " + size() + " rows leaves one side empty");
    }
    return new Split(
        rows(Arrays.copyOfRange(order, test, size())), rows(Arrays.copyOfRange(order, 0, test)));
  }

  /**
   * The rows shuffled by {@code seed} and cut into batches of {@code batchSize} (the last may be smaller).
   *
   * @param batchSize rows per batch, at least 1
   * @param seed the seed of the shuffle
   * @return the batches, covering every row once
   */
  public List<Dataset> batches(int batchSize, long seed) {
    if (batchSize <= 0) {
      throw new IllegalArgumentException("batchSize must be positive, got " + batchSize);
    }
    int[] order = Rows.permutation(size(), new SplittableRandom(seed));
    List<Dataset> out = new ArrayList<>();
    for (int from = 0; from < order.length; from += batchSize) {
      out.add(rows(Arrays.copyOfRange(order, from, Math.min(order.length, from + batchSize))));
    }
    return out;
  }

  /** A training and a test set. */
  public record Split(Dataset train, Dataset test) {}
}
