package org.nodelab.sweep;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * A sweep table summarised per configuration: rows that differ only in the parameters averaged
 * over (seeds, say) and the repetition become one row with the number of runs, of failures, and
 * the mean and sample standard deviation of every numeric result and of {@code seconds}, over the
 * runs whose status is {@code ok}.
 */
public final class SweepSummary {
  private SweepSummary() {}

  /**
   * Summarises {@code runs}, a table from {@link Sweep#run}.
   *
   * @param runs the sweep's table
   * @param over parameters to average over (besides the repetition), e.g. {@code "seed"}
   * @return one row per remaining configuration, in the order of first appearance
   * @throws IllegalArgumentException if {@code runs} is not a sweep table or {@code over} names no parameter
   */
  public static Table of(Table runs, String... over) {
    List<String> names = runs.columnNames();
    int repetition = names.indexOf("repetition");
    int taskSeed = names.indexOf("task_seed");
    int seconds = names.indexOf("seconds");
    if (repetition < 0 || taskSeed < 0 || seconds < 0) {
      throw new IllegalArgumentException("not a sweep table: expected the columns repetition, task_seed and seconds, got " + names);
    }
    List<String> params = new ArrayList<>(names.subList(0, repetition));
    for (String o : over) {
      if (!params.remove(o)) {
        throw new IllegalArgumentException("\"" + o + "\" is not a parameter of this sweep: expected one of " + names.subList(0, repetition));
      }
    }
    List<String> results = new ArrayList<>();
    for (String r : names.subList(taskSeed + 1, seconds + 1)) {
      if (runs.column(r) instanceof NumericColumn<?>) {
        results.add(r);
      }
    }
    Map<List<String>, List<Integer>> groups = new LinkedHashMap<>();
    for (int i = 0; i < runs.rowCount(); i++) {
      List<String> key = new ArrayList<>();
      for (String p : params) {
        key.add(runs.column(p).getString(i));
      }
      groups.computeIfAbsent(key, k -> new ArrayList<>()).add(i);
    }
    Table out = Table.create(runs.name() + " summary");
    for (String p : params) {
      Column<?> c = runs.column(p).emptyCopy();
      for (List<Integer> rows : groups.values()) {
        appendRow(c, runs.column(p), rows.get(0));
      }
      out.addColumns(c);
    }
    IntColumn count = IntColumn.create("runs");
    IntColumn failed = IntColumn.create("failed");
    for (List<Integer> rows : groups.values()) {
      count.append(rows.size());
      failed.append((int) rows.stream().filter(i -> !"ok".equals(runs.stringColumn("status").get(i))).count());
    }
    out.addColumns(count, failed);
    for (String r : results) {
      DoubleColumn mean = DoubleColumn.create(r + "_mean");
      DoubleColumn sd = DoubleColumn.create(r + "_sd");
      NumericColumn<?> values = (NumericColumn<?>) runs.column(r);
      for (List<Integer> rows : groups.values()) {
        double[] v = rows.stream().filter(i -> "ok".equals(runs.stringColumn("status").get(i)) && !values.isMissing(i))
            .mapToDouble(values::getDouble).toArray();
        double m = Arrays.stream(v).average().orElse(Double.NaN);
        mean.append(m);
        sd.append(v.length > 1 ? Math.sqrt(Arrays.stream(v).map(x -> (x - m) * (x - m)).sum() / (v.length - 1)) : Double.NaN);
      }
      out.addColumns(mean, sd);
    }
    return out;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static void appendRow(Column target, Column source, int row) {
    target.append(source, row);
  }
}
