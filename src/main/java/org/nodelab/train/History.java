package org.nodelab.train;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.Table;

/**
 * The record of a training run as a Tablesaw {@link Table}, one row per step: {@code step},
 * {@code epoch}, {@code loss}, {@code val_loss} and {@code val_accuracy} (NaN when not evaluated at
 * that step), {@code nfe_forward}, {@code nfe_backward} and {@code seconds} since the start.
 */
public final class History {
  private final Table table;
  private boolean interrupted;

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
            DoubleColumn.create("seconds"));
  }

  void add(long step, int epoch, double loss, double valLoss, double valAccuracy, long nfeForward,
      long nfeBackward, double seconds) {
    table.longColumn("step").append(step);
    table.intColumn("epoch").append(epoch);
    table.doubleColumn("loss").append(loss);
    table.doubleColumn("val_loss").append(valLoss);
    table.doubleColumn("val_accuracy").append(valAccuracy);
    table.longColumn("nfe_forward").append(nfeForward);
    table.longColumn("nfe_backward").append(nfeBackward);
    table.doubleColumn("seconds").append(seconds);
  }

  void markInterrupted() {
    interrupted = true;
  }

  /** The table (live: it grows while training runs). */
  public Table table() {
    return table;
  }

  /** Steps recorded. */
  public int size() {
    return table.rowCount();
  }

  /** The loss of every step, in order. */
  public double[] losses() {
    return table.doubleColumn("loss").asDoubleArray();
  }

  /** The loss of the last step; NaN before any. */
  public double lastLoss() {
    return size() == 0 ? Double.NaN : table.doubleColumn("loss").get(size() - 1);
  }

  /** The last validation loss recorded; NaN if none. */
  public double lastValidationLoss() {
    return lastFinite("val_loss");
  }

  /** The last validation accuracy recorded; NaN if none. */
  public double lastValidationAccuracy() {
    return lastFinite("val_accuracy");
  }

  private double lastFinite(String column) {
    DoubleColumn c = table.doubleColumn(column);
    for (int i = c.size() - 1; i >= 0; i--) {
      if (!Double.isNaN(c.get(i))) {
        return c.get(i);
      }
    }
    return Double.NaN;
  }

  /** Whether the run ended because its thread was interrupted. */
  public boolean interrupted() {
    return interrupted;
  }

  /** {@code "interrupted"} when the run was stopped by an interrupt before its last step, else {@code "ok"}. */
  public String status() {
    return interrupted ? "interrupted" : "ok";
  }

  @Override
  public String toString() {
    return table.toString();
  }
}
