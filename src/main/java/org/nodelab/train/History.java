package org.nodelab.train;

import java.util.Map;
import java.util.Set;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.Table;

/**
 * The record of a training run as a Tablesaw {@link Table}, one row per step: {@code step},
 * {@code epoch}, {@code loss} (of that step's batch), {@code val_loss} and {@code val_accuracy} (NaN
 * when not evaluated at that step), {@code nfe_forward}, {@code nfe_backward}, {@code seconds} since
 * the start, {@code lr} (the learning rate the step used) and {@code grad_norm} (the global L2 norm
 * of the gradient before clipping); then a column per named term of the {@link Objective} and per
 * validation {@link Metric} ({@code val_NAME}), NaN where a step did not record it. A run that
 * failed ({@link TrainingException}) leaves the history of its finished steps, readable as any other.
 */
public final class History {
  /** The columns every history has. */
  static final Set<String> RESERVED = Set.of("step", "epoch", "loss", "val_loss", "val_accuracy",
      "nfe_forward", "nfe_backward", "seconds", "lr", "grad_norm");

  private final Table table;
  private boolean interrupted;
  private String ending = "ok";

  History() {
    table =
        Table.create(
            "history",
            LongColumn.create("step"),
            IntColumn.create("epoch"),
            DoubleColumn.create("loss"),
            DoubleColumn.create("val_loss"),
            DoubleColumn.create("val_accuracy"),
            LongColumn.create("nfe_forward"),
            LongColumn.create("nfe_backward"),
            DoubleColumn.create("seconds"),
            DoubleColumn.create("lr"),
            DoubleColumn.create("grad_norm"));
  }

  void add(long step, int epoch, double loss, double valLoss, double valAccuracy, long nfeForward,
      long nfeBackward, double seconds, double lr, double gradNorm, Map<String, Double> extras) {
    int row = table.rowCount();
    table.longColumn("step").append(step);
    table.intColumn("epoch").append(epoch);
    table.doubleColumn("loss").append(loss);
    table.doubleColumn("val_loss").append(valLoss);
    table.doubleColumn("val_accuracy").append(valAccuracy);
    table.longColumn("nfe_forward").append(nfeForward);
    table.longColumn("nfe_backward").append(nfeBackward);
    table.doubleColumn("seconds").append(seconds);
    table.doubleColumn("lr").append(lr);
    table.doubleColumn("grad_norm").append(gradNorm);
    int existing = table.columnCount();
    for (int i = RESERVED.size(); i < existing; i++) {
      DoubleColumn c = (DoubleColumn) table.column(i);
      Double v = extras.get(c.name());
      c.append(v == null ? Double.NaN : v);
    }
    for (Map.Entry<String, Double> e : extras.entrySet()) {
      if (!table.containsColumn(e.getKey())) {
        DoubleColumn c = DoubleColumn.create(e.getKey());
        for (int i = 0; i < row; i++) {
          c.append(Double.NaN);
        }
        c.append(e.getValue());
        table.addColumns(c);
      }
    }
  }

  /**
   * The values of a named term or metric column, one per step (NaN where not recorded).
   *
   * @param name the column's name
   * @return one value per step
   */
  public double[] column(String name) {
    if (!table.containsColumn(name)) {
      throw new IllegalArgumentException("no column '" + name + "' in the history; it has " + table.columnNames());
    }
    return ((tech.tablesaw.api.NumericColumn<?>) table.column(name)).asDoubleArray();
  }

  void markInterrupted() {
    interrupted = true;
    ending = "interrupted";
  }

  void markEnding(String status) {
    ending = status;
  }

  /**
   * The table (live: it grows while training runs).
   *
   * @return the table, one row per step
   */
  public Table table() {
    return table;
  }

  /**
   * Steps recorded.
   *
   * @return the number of rows
   */
  public int size() {
    return table.rowCount();
  }

  /**
   * The loss of every step, in order.
   *
   * @return one loss per step
   */
  public double[] losses() {
    return table.doubleColumn("loss").asDoubleArray();
  }

  /**
   * The training loss of the last step: the mean loss over that step's batch, which after
   * {@code data(...)} may be the smaller remainder batch of an epoch (not the mean over the epoch);
   * NaN before any step.
   *
   * @return the loss, or NaN
   */
  public double lastLoss() {
    return size() == 0 ? Double.NaN : table.doubleColumn("loss").getDouble(size() - 1);
  }

  /**
   * The validation loss of the last step that evaluated the validation set (each epoch or
   * {@code validateEvery} steps, and the last step of the run); NaN when none did (no validation set).
   *
   * @return the loss, or NaN
   */
  public double lastValidationLoss() {
    return lastRecorded("val_loss");
  }

  /**
   * The validation accuracy of the last step that evaluated it; NaN when none did (no validation
   * set, or a model that is not a classifier).
   *
   * @return the accuracy in [0, 1], or NaN
   */
  public double lastValidationAccuracy() {
    return lastRecorded("val_accuracy");
  }

  /**
   * The last value recorded in any numeric column (a term, a metric, {@code lr}...); NaN if none.
   *
   * @param column the column's name
   * @return its last value, or NaN
   */
  public double last(String column) {
    return lastRecorded(column);
  }

  private double lastRecorded(String column) {
    double[] c = column(column);
    for (int i = c.length - 1; i >= 0; i--) {
      if (!Double.isNaN(c[i])) {
        return c[i];
      }
    }
    return Double.NaN;
  }

  /**
   * The best recorded value of {@code column} and its step: the highest for a column whose name
   * ends in {@code accuracy}, else the lowest; {@code (-1, NaN)} when the column holds no value.
   *
   * @param column a column of the table, e.g. {@code "val_loss"}
   * @return the step and the value
   */
  public Best best(String column) {
    return best(column, column.endsWith("accuracy"));
  }

  /**
   * The best recorded value of {@code column}: the highest if {@code higherIsBetter}, else the
   * lowest, with the first step that reached it; {@code (-1, NaN)} when the column holds no value.
   *
   * @param column the column's name
   * @param higherIsBetter whether larger values are better
   * @return the step and the value
   */
  public Best best(String column, boolean higherIsBetter) {
    double[] c = column(column);
    long[] steps = table.longColumn("step").asLongArray();
    Best best = new Best(-1, Double.NaN);
    for (int i = 0; i < c.length; i++) {
      if (!Double.isNaN(c[i]) && (best.step() < 0 || (higherIsBetter ? c[i] > best.value() : c[i] < best.value()))) {
        best = new Best(steps[i], c[i]);
      }
    }
    return best;
  }

  /**
   * A best value of a history column.
   *
   * @param step the step that recorded it, -1 when there is none
   * @param value the value, NaN when there is none
   */
  public record Best(long step, double value) {}

  /**
   * Whether the run ended because its thread was interrupted.
   *
   * @return true after an interrupt
   */
  public boolean interrupted() {
    return interrupted;
  }

  /**
   * How the run ended: {@code "ok"}; {@code "interrupted"} (by an interrupt before its last step);
   * {@code "stopped early"} (no improvement of the monitored metric, see {@link EarlyStopping});
   * {@code "failed"} (a {@link TrainingException}: the rows are the steps finished before it).
   *
   * @return one of the four statuses
   */
  public String status() {
    return ending;
  }

  @Override
  public String toString() {
    return table.toString();
  }
}
