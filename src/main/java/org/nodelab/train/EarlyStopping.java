package org.nodelab.train;

import java.util.List;
import java.util.Objects;
import org.nodelab.nn.Parameter;

/**
 * Stops training when a monitored validation value has not improved for {@code patience}
 * validations (Lightning's {@code EarlyStopping}: better means lower, or higher for accuracy, by
 * more than {@code minDelta}) and puts back the parameters of the best validation (Keras's
 * {@code restore_best_weights}), also when the run ends without stopping early. The history's
 * status is then {@code "stopped early"}.
 *
 * @param monitor the column watched: {@code val_loss}, {@code val_accuracy} or {@code val_NAME} of a metric
 * @param higherIsBetter whether larger values are improvements
 * @param patience validations without improvement tolerated; the next one stops
 * @param minDelta the least change that counts as an improvement
 * @param restoreBest whether the model ends with the parameters of the best validation
 */
public record EarlyStopping(String monitor, boolean higherIsBetter, int patience, double minDelta, boolean restoreBest) {

  /**
   * Checks the settings.
   *
   * @param monitor the column watched: {@code val_loss}, {@code val_accuracy} or {@code val_NAME} of a metric
   * @param higherIsBetter whether larger values are improvements
   * @param patience validations without improvement tolerated; the next one stops
   * @param minDelta the least change that counts as an improvement
   * @param restoreBest whether the model ends with the parameters of the best validation
   */
  public EarlyStopping {
    Objects.requireNonNull(monitor, "monitor");
    if (!monitor.startsWith("val_")) {
      throw new IllegalArgumentException("early stopping monitors a validation column (val_loss, val_accuracy, val_NAME), got '"
          + monitor + "'");
    }
    if (patience < 1) {
      throw new IllegalArgumentException("patience must be at least 1, got " + patience);
    }
    OptimizerSpec.check("minDelta", minDelta, 0);
  }

  /**
   * Watches {@code column} with patience 5, no minimum change, restoring the best parameters.
   *
   * @param column the history column watched; higher is better when its name ends in {@code accuracy}
   * @return the rule, for {@code train(...).earlyStopping(...)}
   */
  public static EarlyStopping on(String column) {
    return new EarlyStopping(column, column.endsWith("accuracy"), 5, 0, true);
  }

  /**
   * The same with {@code n} validations of patience.
   *
   * @param n validations without improvement tolerated, at least 1
   * @return a new rule
   */
  public EarlyStopping patience(int n) {
    return new EarlyStopping(monitor, higherIsBetter, n, minDelta, restoreBest);
  }

  /**
   * The same with a minimum improvement {@code delta}.
   *
   * @param delta the least change that counts, at least 0
   * @return a new rule
   */
  public EarlyStopping minDelta(double delta) {
    return new EarlyStopping(monitor, higherIsBetter, patience, delta, restoreBest);
  }

  /**
   * The same, restoring the best parameters or not.
   *
   * @param restore whether to restore the best parameters at the end
   * @return a new rule
   */
  public EarlyStopping restoreBest(boolean restore) {
    return new EarlyStopping(monitor, higherIsBetter, patience, minDelta, restore);
  }

  /** Throws unless the monitored column will be recorded: a validation set and, for {@code val_NAME}, a metric NAME. */
  void checkAvailable(boolean validation, java.util.Set<String> metrics) {
    boolean known = monitor.equals("val_loss") || monitor.equals("val_accuracy") || metrics.contains(monitor.substring(4));
    if (!validation || !known) {
      throw new IllegalStateException("early stopping monitors '" + monitor + "', which needs validation(set)"
          + (validation ? " and a metric of that name; metrics: " + metrics : ""));
    }
  }

  /** The value of {@code column} at a validation step. */
  static double read(String column, double valLoss, double valAccuracy, java.util.Map<String, Double> extras) {
    return switch (column) {
      case "val_loss" -> valLoss;
      case "val_accuracy" -> valAccuracy;
      default -> extras.getOrDefault(column, Double.NaN);
    };
  }

  /** The state of one run: the best value, its parameters and the validations since. */
  final class Tracker {
    private final List<Parameter> parameters;
    private double best = Double.NaN;
    private long bestStep = -1;
    private double[][] bestValues;
    private int since;

    Tracker(List<Parameter> parameters) {
      this.parameters = parameters;
    }

    /** Records a validation; returns whether training should stop now. */
    boolean observe(double value, long step) {
      boolean better = !Double.isNaN(value)
          && (bestStep < 0 || (higherIsBetter ? value > best + minDelta : value < best - minDelta));
      if (better) {
        best = value;
        bestStep = step;
        since = 0;
        if (restoreBest) {
          bestValues = new double[parameters.size()][];
          for (int p = 0; p < bestValues.length; p++) {
            bestValues[p] = parameters.get(p).value().toArray();
          }
        }
        return false;
      }
      return ++since >= patience;
    }

    /** Puts back the parameters of the best validation, if asked to and there was one. */
    void restore() {
      if (restoreBest && bestValues != null) {
        for (int p = 0; p < bestValues.length; p++) {
          parameters.get(p).assign(bestValues[p]);
        }
      }
    }
  }
}
