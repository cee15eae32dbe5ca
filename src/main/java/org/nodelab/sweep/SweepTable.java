package org.nodelab.sweep;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/** The result table of a sweep: one row per task, parameters first, then results and bookkeeping. */
final class SweepTable {
  /** Columns every sweep table has; parameters and results may not use these names. */
  static final Set<String> RESERVED = Set.of("repetition", "task_seed", "seconds", "worker", "status", "message");

  private SweepTable() {}

  static Table of(List<Task> tasks, List<Outcome> outcomes) {
    Outcome[] byIndex = new Outcome[tasks.size()];
    for (Outcome o : outcomes) {
      if (o.index() < 0 || o.index() >= byIndex.length || byIndex[o.index()] != null) {
        throw new IllegalStateException("engine returned task " + o.index() + " twice or out of range 0.." + (byIndex.length - 1));
      }
      byIndex[o.index()] = o;
    }
    for (int i = 0; i < byIndex.length; i++) {
      if (byIndex[i] == null) {
        throw new IllegalStateException("engine returned no outcome for task " + i + " (" + tasks.get(i).config() + ")");
      }
    }
    Table t = Table.create("sweep");
    Set<String> params = tasks.isEmpty() ? Set.of() : tasks.get(0).config().values().keySet();
    for (String p : params) {
      List<Object> values = new ArrayList<>();
      tasks.forEach(task -> values.add(task.config().values().get(p)));
      t.addColumns(column(p, values, true));
    }
    t.addColumns(IntColumn.create("repetition", tasks.stream().mapToInt(x -> x.config().repetition()).toArray()));
    t.addColumns(LongColumn.create("task_seed", tasks.stream().mapToLong(x -> x.config().seed()).toArray()));
    Set<String> results = new LinkedHashSet<>();
    for (Outcome o : byIndex) {
      for (String k : o.results().keySet()) {
        if (RESERVED.contains(k) || params.contains(k)) {
          throw new IllegalArgumentException("result \"" + k + "\" clashes with a column of the table; rename it");
        }
        results.add(k);
      }
    }
    for (String r : results) {
      List<Object> values = new ArrayList<>();
      for (Outcome o : byIndex) {
        values.add(o.results().get(r));
      }
      t.addColumns(column(r, values, false));
    }
    DoubleColumn seconds = DoubleColumn.create("seconds");
    StringColumn worker = StringColumn.create("worker");
    StringColumn status = StringColumn.create("status");
    StringColumn message = StringColumn.create("message");
    for (Outcome o : byIndex) {
      seconds.append(o.seconds());
      worker.append(o.worker());
      status.append(o.status());
      message.append(o.message());
    }
    return t.addColumns(seconds, worker, status, message);
  }

  private static Column<?> column(String name, List<Object> values, boolean labels) {
    boolean whole = values.stream().allMatch(v -> v == null || v instanceof Integer || v instanceof Long
        || v instanceof Short || v instanceof Byte);
    boolean numbers = values.stream().allMatch(v -> v == null || v instanceof Number);
    boolean any = values.stream().anyMatch(v -> v != null);
    if (any && whole) {
      LongColumn c = LongColumn.create(name);
      values.forEach(v -> {
        if (v == null) {
          c.appendMissing();
        } else {
          c.append(((Number) v).longValue());
        }
      });
      return c;
    }
    if (any && numbers) {
      DoubleColumn c = DoubleColumn.create(name);
      values.forEach(v -> c.append(v == null ? Double.NaN : ((Number) v).doubleValue()));
      return c;
    }
    StringColumn c = StringColumn.create(name);
    values.forEach(v -> c.append(v == null ? "" : labels ? Values.label(v) : String.valueOf(v)));
    return c;
  }
}
