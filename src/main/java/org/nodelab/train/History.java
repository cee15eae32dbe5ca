package org.nodelab.train;

import java.util.Map;
import java.util.Set;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.Table;

/**
 * The record of a training run as a Tablesaw {@link Table}, one row per step: {@code step},
 * {@code epoch}, {@code loss}, {@code val_loss} and {@code val_accuracy} (NaN when not evaluated at
 * that step), {@code nfe_forward}, {@code nfe_backward} and {@code seconds} since the start; then
 * a column per named term of the {@link Objective} and per validation {@link Metric}
 * ({@code val_NAME}), NaN where a step did not record it.
 */
public final class History {
  /** The columns every history has. */
  static final Set<String> RESERVED = Set.of("step", "epoch", "loss", "val_loss", "val_accuracy",
      "nfe_forward", "nfe_backward", "seconds");

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
      long nfeBackward, double seconds, Map<String, Double> extras) {
    int row = table.rowCount();
    table.longColumn("step").append(step);
    table.intColumn("epoch").append(epoch);
    table.doubleColumn("loss").append(loss);
    table.doubleColumn("val_loss").append(valLoss);
    table.doubleColumn("val_accuracy").append(valAccuracy);
    table.longColumn("nfe_forward").append(nfeForward);
    table.longColumn("nfe_backward").append(nfeBackward);
    table.doubleColumn("seconds").append(seconds);
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

  /** The values of a named term or metric column, one per step (NaN where not recorded). */
  public double[] column(String name) {
    if (!table.containsColumn(name)) {
      throw new IllegalArgumentException("no column '" + name + "' in the history; it has " + table.columnNames());
    }
    return ((tech.tablesaw.api.NumericColumn<?>) table.column(name)).asDoubleArray();
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
