package org.nodelab.train;

import java.util.Arrays;
import org.nodelab.data.Batch;
import org.nodelab.data.Dataset;
import org.nodelab.nn.Module;
import org.nodelab.tensor.Tensor;

/**
 * The checks a trainer runs on its data before the first step, so that bad data is an {@link
 * IllegalArgumentException} naming the set, the row and the value instead of a run of NaN weights:
 * an empty set, NaN or infinite inputs or targets, class labels outside the model's classes.
 */
final class DataChecks {
  private DataChecks() {}

  /** Checks the training set (null when training on batches) and the validation set (or null). */
  static void check(Dataset train, Dataset validation) {
    if (train != null) {
      check("training", train);
    }
    if (validation != null) {
      check("validation", validation);
    }
  }

  /** {@link #checkLabels(String, Dataset, Module, Loss)} on the training and validation sets present. */
  static void checkLabels(Dataset train, Dataset validation, Module model, Loss loss) {
    if (train != null) {
      checkLabels("training", train, model, loss);
    }
    if (validation != null) {
      checkLabels("validation", validation, model, loss);
    }
  }

  /** Rejects an empty {@code data} and non-finite values in it; {@code name} is "training" or "validation". */
  static void check(String name, Dataset data) {
    if (data.size() == 0) {
      throw new IllegalArgumentException("the " + name + " set is empty (0 rows, inputs "
          + Arrays.toString(data.x().shape()) + "): there is nothing to train on");
    }
    finite(name + " inputs", data.x());
    finite(name + " targets", data.y());
  }

  /** Rejects non-finite values in a batch drawn from a batch source at {@code step}. */
  static void check(Batch batch, long step) {
    finite("the inputs of the batch of step " + step, batch.x());
    finite("the targets of the batch of step " + step, batch.y());
  }

  /**
   * For a classifier (rank-1 targets, {@code [n, classes]} outputs), evaluates {@code loss} on all
   * targets against zero logits, so that a loss that checks its labels (cross-entropy) rejects one
   * out of range before training; the model runs once, on the first row, without a tape.
   */
  static void checkLabels(String name, Dataset data, Module model, Loss loss) {
    if (data.y().rank() != 1) {
      return;
    }
    Tensor probe;
    try (var off = Tensor.noGrad()) {
      probe = model.apply(data.rows(new int[] {0}).x());
    }
    if (probe.rank() != 2 || probe.dim(1) < 2) {
      return;
    }
    try (var off = Tensor.noGrad()) {
      loss.apply(Tensor.zeros(data.size(), probe.dim(1)), data.y());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(name + " targets: " + e.getMessage(), e);
    }
  }

  private static void finite(String what, Tensor t) {
    int i = t.firstNonFinite();
    if (i >= 0) {
      int perRow = t.rank() == 0 || t.dim(0) == 0 ? 1 : t.size() / t.dim(0);
      throw new IllegalArgumentException(what + " hold " + t.reshape(t.size()).get(i) + " at row " + (i / perRow)
          + " (flat index " + i + " of shape " + Arrays.toString(t.shape()) + "); remove or impute such rows before training");
    }
  }
}
