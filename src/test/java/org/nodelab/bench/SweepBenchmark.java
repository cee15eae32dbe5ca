package org.nodelab.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.nodelab.io.Options;
import org.nodelab.notebook.CellResult;
import org.nodelab.notebook.Evaluator;
import org.nodelab.sweep.StandaloneCluster;
import org.nodelab.sweep.spark.SparkContexts;
import tech.tablesaw.api.Table;

/**
 * What a sweep engine costs per task: N tasks, each burning a fixed processor time (the experiment
 * is a notebook cell, as in use), run in a plain loop, on local threads, on Spark's {@code local[2]}
 * and on a two-worker standalone cluster started on localhost. Overhead per task is {@code (wall ×
 * slots − loop) / N} with 2 slots everywhere, and {@code (wall × slots − Σ task seconds) / N} outside
 * the experiments (steadier on a shared machine); a sweep of 40 empty tasks gives the bare cost per
 * task. The cluster's start is not counted, Spark's context start is reported apart (a warm-up sweep). Run: {@code ./nodelab bench sweep [--tasks N]
 * [--seconds S] [--engines threads,local,cluster]}; ends with one JSON line.
 */
public final class SweepBenchmark {
  private static final int SLOTS = 2;
  private static final int EMPTY = 40;
  private static final String USAGE = "./nodelab bench sweep [--tasks N] [--seconds S] [--engines threads,local,cluster]";
  private static final String BUSY = """
      Experiment busy = cfg -> {
        var bean = java.lang.management.ManagementFactory.getThreadMXBean();
        long end = bean.getCurrentThreadCpuTime() + (long) (cfg.number("cpu") * 1e9);
        double x = cfg.integer("i");
        while (bean.getCurrentThreadCpuTime() < end) {
          for (int k = 0; k < 10_000; k++) {
            x = Math.sin(x) + 1;
          }
        }
        return Map.of("x", x);
      };
      """;

  private SweepBenchmark() {}

  /** Parses the options, runs the engines and prints the overheads. */
  public static void main(String[] args) throws Exception {
    int tasks = 8;
    double seconds = 2;
    String engines = "threads,local,cluster";
    Options o = new Options(USAGE, args);
    while (o.hasNext()) {
      switch (o.next()) {
        case "--tasks" -> tasks = o.intValue(1);
        case "--seconds" -> seconds = seconds(o.value(), USAGE);
        case "--engines" -> engines = o.value();
        default -> throw o.unexpected();
      }
    }
    for (String engine : engines.split(",")) {
      if (!List.of("threads", "local", "cluster").contains(engine)) {
        throw new org.nodelab.io.UsageException("--engines takes threads, local and cluster, got '" + engine + "'", USAGE);
      }
    }
    List<String> json = new ArrayList<>();
    try (Evaluator evaluator = new Evaluator()) {
      eval(evaluator, "import org.nodelab.sweep.*;");
      eval(evaluator, BUSY);
      String grid = "sweep().over(\"i\", java.util.stream.IntStream.range(0, " + tasks + ").boxed().toList()).over(\"cpu\", "
          + seconds + ").progress(false)";
      eval(evaluator, "for (var t : " + grid + ".tasks()) busy.run(t.config());");
      long start = System.nanoTime();
      eval(evaluator, "for (var t : " + grid + ".tasks()) busy.run(t.config());");
      double loop = (System.nanoTime() - start) / 1e9;
      System.err.printf(Locale.ROOT, "plain loop: %d tasks of %.2f s processor time in %.2f s%n", tasks, seconds, loop);
      json.add(String.format(Locale.ROOT, "\"loop_seconds\": %.3f", loop));
      for (String engine : engines.split(",")) {
        switch (engine) {
          case "threads" -> json.add(measure(evaluator, grid, ".threads(" + SLOTS + ")", "threads", tasks, loop));
          case "local" -> json.add(measure(evaluator, grid, ".on(\"local[" + SLOTS + "]\")", "local", tasks, loop));
          case "cluster" -> {
            long t0 = System.nanoTime();
            try (StandaloneCluster cluster = StandaloneCluster.start(SLOTS)) {
              System.err.printf(Locale.ROOT, "cluster of %d workers started in %.1f s%n", SLOTS, (System.nanoTime() - t0) / 1e9);
              String on = ".on(\"" + cluster.masterUrl() + "\").conf(\"spark.driver.host\", \"127.0.0.1\")"
                  + ".conf(\"spark.driver.bindAddress\", \"127.0.0.1\").conf(\"spark.executor.memory\", \"512m\")"
                  + ".conf(\"spark.scheduler.minRegisteredResourcesRatio\", \"1.0\")";
              json.add(measure(evaluator, grid, on, "cluster", tasks, loop));
            } finally {
              SparkContexts.stop();
            }
          }
          default -> throw new IllegalStateException(engine);
        }
      }
    } finally {
      SparkContexts.stop();
    }
    System.out.printf(Locale.ROOT, "{\"benchmark\": \"sweep\", \"tasks\": %d, \"task_seconds\": %.2f, %s}%n", tasks, seconds,
        String.join(", ", json));
  }

  private static String measure(Evaluator evaluator, String grid, String on, String name, int tasks, double loop) {
    long t0 = System.nanoTime();
    eval(evaluator, "sweep().over(\"i\", 0, 1).over(\"cpu\", 0.0).progress(false)" + on + ".run(busy)");
    double warm = (System.nanoTime() - t0) / 1e9;
    long e0 = System.nanoTime();
    eval(evaluator, "sweep().over(\"i\", java.util.stream.IntStream.range(0, " + EMPTY + ").boxed().toList()).over(\"cpu\", 0.0)"
        + ".progress(false)" + on + ".run(busy)");
    double empty = (System.nanoTime() - e0) / 1e9 * SLOTS / EMPTY;
    long start = System.nanoTime();
    Table t = (Table) eval(evaluator, grid + on + ".run(busy)").value();
    double wall = (System.nanoTime() - start) / 1e9;
    double inTasks = t.doubleColumn("seconds").sum();
    double perTask = (wall * SLOTS - loop) / tasks;
    double outside = (wall * SLOTS - inTasks) / tasks;
    System.err.printf(Locale.ROOT, "%-8s warm-up sweep %.2f s; %d empty tasks: %.3f s per task; sweep %.2f s: overhead per task"
        + " %.3f s against the loop, %.3f s outside the experiments; workers %s%n", name, warm, EMPTY, empty, wall, perTask,
        outside, new java.util.TreeSet<>(t.stringColumn("worker").asList()));
    return String.format(Locale.ROOT, "\"%s_seconds\": %.3f, \"%s_overhead_per_task\": %.3f, \"%s_outside_per_task\": %.3f,"
        + " \"%s_empty_task_seconds\": %.4f, \"%s_warmup_seconds\": %.2f", name, wall, name, perTask, name, outside, name,
        empty, name, warm);
  }

  private static double seconds(String text, String usage) {
    try {
      double s = Double.parseDouble(text);
      if (s >= 0 && s < 3600) {
        return s;
      }
    } catch (NumberFormatException e) {
      // Reported below with the expected form.
    }
    throw new org.nodelab.io.UsageException("--seconds takes a number of seconds from 0 to 3600, got '" + text + "'", usage);
  }

  private static CellResult eval(Evaluator evaluator, String code) {
    CellResult r = evaluator.eval(code);
    if (r.failed()) {
      throw new IllegalStateException(code + ": " + r.error());
    }
    return r;
  }
}
