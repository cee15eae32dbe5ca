package org.nodelab.sweep;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import tech.tablesaw.api.Table;

/**
 * An experiment run over many configurations: a grid of named parameters ({@link #over}), an
 * explicit list ({@link #configs}) or random samples from ranges ({@link #uniform}, {@link
 * #logUniform}, {@link #samples}), each repeated with its own seed ({@link #repeat}), on an engine
 * (threads of this JVM by default, or Spark: {@link #on}). {@link #run} returns one table row per
 * configuration and repetition. Immutable: every method returns a new sweep.
 *
 * <pre>{@code
 * Table t = sweep().over("solver", bosh3, rk45).over("rtol", 1e-3, 1e-6).repeat(3)
 *     .run(cfg -> Map.of("error", solveWith(cfg.solver("solver").rtol(cfg.number("rtol")))));
 * }</pre>
 */
public final class Sweep {
  private final List<Map.Entry<String, List<Object>>> grid;
  private final List<Map<String, Object>> configs;
  private final List<Range> ranges;
  private final int samples;
  private final int repetitions;
  private final long seed;
  private final String master;
  private final int threads;
  private final Map<String, String> sparkConf;
  private final boolean showProgress;

  private Sweep(List<Map.Entry<String, List<Object>>> grid, List<Map<String, Object>> configs, List<Range> ranges,
      int samples, int repetitions, long seed, String master, int threads, Map<String, String> sparkConf,
      boolean showProgress) {
    this.grid = grid;
    this.configs = configs;
    this.ranges = ranges;
    this.samples = samples;
    this.repetitions = repetitions;
    this.seed = seed;
    this.master = master;
    this.threads = threads;
    this.sparkConf = sparkConf;
    this.showProgress = showProgress;
  }

  /**
   * An empty sweep: one configuration, one repetition, seed 0, on the available processors' threads.
   *
   * @return it
   */
  public static Sweep create() {
    return new Sweep(List.of(), List.of(), List.of(), 0, 1, 0, null,
        Runtime.getRuntime().availableProcessors(), Map.of(), true);
  }

  /**
   * Adds a grid axis: every configuration so far is combined with each of {@code values}.
   *
   * @param name the parameter's name (a column of the table)
   * @param values its values; a single array or list stands for its elements
   * @return the new sweep
   */
  public Sweep over(String name, Object... values) {
    List<Object> list = expand(values);
    checkName(name);
    if (list.isEmpty()) {
      throw new IllegalArgumentException("parameter \"" + name + "\" has no values: expected at least one");
    }
    List<Map.Entry<String, List<Object>>> g = new ArrayList<>(grid);
    g.add(Map.entry(name, List.copyOf(list)));
    return new Sweep(List.copyOf(g), configs, ranges, samples, repetitions, seed, master, threads, sparkConf, showProgress);
  }

  /**
   * Adds explicit configurations, each combined with the grid (if any).
   *
   * @param list parameter values by name, every map with the same names
   * @return the new sweep
   */
  public Sweep configs(List<Map<String, ?>> list) {
    if (list.isEmpty()) {
      throw new IllegalArgumentException("configs: expected at least one configuration, got an empty list");
    }
    List<Map<String, Object>> all = new ArrayList<>(configs);
    for (Map<String, ?> m : list) {
      if (!all.isEmpty() && !all.get(0).keySet().equals(m.keySet())) {
        throw new IllegalArgumentException("configuration " + m + " names " + m.keySet() + ", expected the names of the first, "
            + all.get(0).keySet());
      }
      m.keySet().forEach(Sweep::checkName);
      all.add(new LinkedHashMap<>(m));
    }
    return new Sweep(grid, List.copyOf(all), ranges, samples, repetitions, seed, master, threads, sparkConf, showProgress);
  }

  /**
   * Adds a parameter drawn uniformly from [{@code low}, {@code high}) in each of the {@link #samples}.
   *
   * @param name the parameter's name
   * @param low the lower end
   * @param high the upper end, above {@code low}
   * @return the new sweep
   */
  public Sweep uniform(String name, double low, double high) {
    return range(new Range(name, low, high, false));
  }

  /**
   * Adds a parameter whose logarithm is drawn uniformly, for scales such as learning rates.
   *
   * @param name the parameter's name
   * @param low the lower end, positive
   * @param high the upper end, above {@code low}
   * @return the new sweep
   */
  public Sweep logUniform(String name, double low, double high) {
    if (!(low > 0)) {
      throw new IllegalArgumentException("logUniform \"" + name + "\": low must be positive, got " + low);
    }
    return range(new Range(name, low, high, true));
  }

  /**
   * How many random samples of the ranges to draw (from the sweep's seed), each combined with the grid.
   *
   * @param n at least 1
   * @return the new sweep
   */
  public Sweep samples(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("samples must be at least 1, got " + n);
    }
    return new Sweep(grid, configs, ranges, n, repetitions, seed, master, threads, sparkConf, showProgress);
  }

  /**
   * Runs each configuration {@code n} times, each repetition with its own seed.
   *
   * @param n at least 1
   * @return the new sweep
   */
  public Sweep repeat(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("repeat must be at least 1, got " + n);
    }
    return new Sweep(grid, configs, ranges, samples, n, seed, master, threads, sparkConf, showProgress);
  }

  /**
   * The sweep's seed, from which every task's seed and the random samples derive.
   *
   * @param s the seed
   * @return the new sweep
   */
  public Sweep seed(long s) {
    return new Sweep(grid, configs, ranges, samples, repetitions, s, master, threads, sparkConf, showProgress);
  }

  /**
   * Runs on threads of this JVM (the default engine; no Spark).
   *
   * @param n the number of threads, at least 1
   * @return the new sweep
   */
  public Sweep threads(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("threads must be at least 1, got " + n);
    }
    return new Sweep(grid, configs, ranges, samples, repetitions, seed, null, n, sparkConf, showProgress);
  }

  /**
   * Runs on Apache Spark: {@code local[N]} embedded in this JVM, or a cluster's master URL
   * ({@code spark://host:7077}, {@code yarn}, {@code k8s://...}, passed to Spark unchanged).
   *
   * @param sparkMaster the master URL
   * @return the new sweep
   */
  public Sweep on(String sparkMaster) {
    Engines.check(sparkMaster);
    return new Sweep(grid, configs, ranges, samples, repetitions, seed, sparkMaster, threads, sparkConf, showProgress);
  }

  /**
   * Sets a Spark property for the Spark engines (e.g. {@code spark.executor.memory}).
   *
   * @param key a Spark property
   * @param value its value
   * @return the new sweep
   */
  public Sweep conf(String key, String value) {
    Map<String, String> c = new LinkedHashMap<>(sparkConf);
    c.put(key, value);
    return new Sweep(grid, configs, ranges, samples, repetitions, seed, master, threads, Map.copyOf(c), showProgress);
  }

  /**
   * Whether to show progress as a notebook output while running (default true).
   *
   * @param on show it or not
   * @return the new sweep
   */
  public Sweep progress(boolean on) {
    return new Sweep(grid, configs, ranges, samples, repetitions, seed, master, threads, sparkConf, on);
  }

  /**
   * The engine {@link #run} uses.
   *
   * @return it
   */
  public Engine engine() {
    return master == null ? new LocalThreads(threads) : Engines.spark(master, sparkConf);
  }

  /**
   * The tasks, in table order: configurations in grid order (the last axis varying fastest), each
   * repeated.
   *
   * @return one task per row
   */
  public List<Task> tasks() {
    List<Map<String, Object>> points = new ArrayList<>();
    points.add(new LinkedHashMap<>());
    for (Map.Entry<String, List<Object>> axis : grid) {
      List<Map<String, Object>> next = new ArrayList<>();
      for (Map<String, Object> p : points) {
        for (Object v : axis.getValue()) {
          Map<String, Object> q = new LinkedHashMap<>(p);
          q.put(axis.getKey(), v);
          next.add(q);
        }
      }
      points = next;
    }
    points = combine(points, configs);
    points = combine(points, randomSamples());
    List<Task> tasks = new ArrayList<>();
    for (Map<String, Object> p : points) {
      for (int r = 0; r < repetitions; r++) {
        tasks.add(new Task(tasks.size(), new Config(p, r, SweepSeeds.of(seed, p, r))));
      }
    }
    return tasks;
  }

  /**
   * Runs the experiment on every task and collects one row per task: the parameters, {@code
   * repetition}, {@code task_seed} ({@link Config#seed()}), the results (in the order of a linked or
   * sorted map, else by name), {@code seconds}, {@code worker}, {@code status} ({@code
   * ok} or {@code failed}) and {@code message}.
   *
   * @param experiment the experiment, a lambda from configuration to named results
   * @return the table, in task order
   * @throws IllegalStateException if the engine fails (not an experiment: those become failed rows)
   */
  public Table run(Experiment experiment) {
    List<Task> tasks = tasks();
    Engine engine = engine();
    SweepProgress progress = showProgress ? new ProgressDisplay() : SweepProgress.none();
    progress.started(tasks.size(), engine.name());
    try {
      List<Outcome> outcomes = engine.run(experiment, tasks, progress);
      return SweepTable.of(tasks, outcomes);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("the sweep was interrupted; its tasks were cancelled", e);
    } finally {
      progress.ended();
    }
  }

  private List<Map<String, Object>> randomSamples() {
    if (ranges.isEmpty()) {
      return List.of();
    }
    SplittableRandom random = new SplittableRandom(SweepSeeds.mix(seed ^ 0x5EED5A3B1E5L));
    List<Map<String, Object>> out = new ArrayList<>();
    for (int i = 0; i < Math.max(1, samples); i++) {
      Map<String, Object> m = new LinkedHashMap<>();
      for (Range r : ranges) {
        m.put(r.name(), r.draw(random));
      }
      out.add(m);
    }
    return out;
  }

  private static List<Map<String, Object>> combine(List<Map<String, Object>> points, List<Map<String, Object>> extra) {
    if (extra.isEmpty()) {
      return points;
    }
    List<Map<String, Object>> out = new ArrayList<>();
    for (Map<String, Object> p : points) {
      for (Map<String, Object> e : extra) {
        for (String k : e.keySet()) {
          if (p.containsKey(k)) {
            throw new IllegalArgumentException("parameter \"" + k + "\" is given twice (grid, configs or range): name it once");
          }
        }
        Map<String, Object> q = new LinkedHashMap<>(p);
        q.putAll(e);
        out.add(q);
      }
    }
    return out;
  }

  private Sweep range(Range r) {
    checkName(r.name());
    if (!(r.high() > r.low())) {
      throw new IllegalArgumentException("range \"" + r.name() + "\": high must exceed low, got [" + r.low() + ", " + r.high() + ")");
    }
    List<Range> rs = new ArrayList<>(ranges);
    rs.add(r);
    return new Sweep(grid, configs, List.copyOf(rs), samples, repetitions, seed, master, threads, sparkConf, showProgress);
  }

  private static void checkName(String name) {
    if (name == null || name.isBlank() || SweepTable.RESERVED.contains(name)) {
      throw new IllegalArgumentException("bad parameter name \"" + name + "\": expected a non-blank name other than "
          + SweepTable.RESERVED);
    }
  }

  private static List<Object> expand(Object[] values) {
    if (values.length == 1 && values[0] != null && values[0].getClass().isArray()) {
      Object array = values[0];
      List<Object> out = new ArrayList<>();
      for (int i = 0; i < Array.getLength(array); i++) {
        out.add(Array.get(array, i));
      }
      return out;
    }
    if (values.length == 1 && values[0] instanceof List<?> list) {
      return new ArrayList<>(list);
    }
    return Arrays.asList(values);
  }

  /** A range of a random parameter. */
  private record Range(String name, double low, double high, boolean log) {
    double draw(SplittableRandom random) {
      double u = random.nextDouble();
      return log ? Math.exp(Math.log(low) + u * (Math.log(high) - Math.log(low))) : low + u * (high - low);
    }
  }
}
