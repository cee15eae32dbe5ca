package org.nodelab.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import org.nodelab.tensor.Tensor;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Irregularly sampled multivariate series: each sample has its own increasing observation times,
 * and at each time any subset of the variables may be observed. Read from a long-format CSV
 * ({@code id,time,variable,value}, one observed component per row) or built from regular arrays;
 * {@link #batch} puts samples on the union of their times with a mask.
 */
public final class IrregularSeries {
  private final List<String> ids;
  private final List<String> variables;
  private final List<double[]> times;
  private final List<double[][]> values;
  private final List<boolean[][]> observed;

  private IrregularSeries(List<String> ids, List<String> variables, List<double[]> times, List<double[][]> values,
      List<boolean[][]> observed) {
    this.ids = List.copyOf(ids);
    this.variables = List.copyOf(variables);
    this.times = times;
    this.values = values;
    this.observed = observed;
  }

  /**
   * Series from a long-format CSV file with the columns {@code id, time, variable, value} (in any
   * order, other columns ignored); see {@link #fromTable}.
   *
   * @param file the CSV file
   * @return one series per id, variables sorted by name, times increasing
   */
  public static IrregularSeries fromCsv(Path file) {
    return fromTable(Csv.read(file));
  }

  /**
   * Series from a long-format table: one row per observed component. Samples are ordered by first
   * appearance, variables by name, times increasing.
   *
   * @param table the long-format table
   * @return one series per sample, variables sorted by name, times increasing
   * @throws IllegalArgumentException naming the row (1-based, data rows) and column for a missing
   *     column, an empty id or variable, a time or value that is not a finite number, or a component
   *     given twice
   */
  public static IrregularSeries fromTable(Table table) {
    for (String column : List.of("id", "time", "variable", "value")) {
      if (!table.containsColumn(column)) {
        throw new IllegalArgumentException(table.name() + " has no column '" + column
            + "'; a long-format series needs id, time, variable, value; it has " + table.columnNames());
      }
    }
    StringColumn id = table.stringColumn("id");
    StringColumn time = table.stringColumn("time");
    StringColumn variable = table.stringColumn("variable");
    StringColumn value = table.stringColumn("value");
    Map<String, TreeMap<Double, Map<String, Double>>> bySample = new LinkedHashMap<>();
    TreeSet<String> names = new TreeSet<>();
    for (int r = 0; r < table.rowCount(); r++) {
      String sample = text(table.name(), r, "id", id.get(r));
      String name = text(table.name(), r, "variable", variable.get(r));
      double t = number(table.name(), r, "time", time.get(r));
      double v = number(table.name(), r, "value", value.get(r));
      Map<String, Double> atTime = bySample.computeIfAbsent(sample, k -> new TreeMap<>())
          .computeIfAbsent(t, k -> new LinkedHashMap<>());
      if (atTime.put(name, v) != null) {
        throw new IllegalArgumentException(table.name() + ": row " + (r + 1) + " gives '" + name + "' of '" + sample
            + "' at time " + t + " a second time");
      }
      names.add(name);
    }
    if (bySample.isEmpty()) {
      throw new IllegalArgumentException(table.name() + " has no observations");
    }
    List<String> variables = new ArrayList<>(names);
    Builder builder = new Builder(variables);
    bySample.forEach((sample, series) -> {
      double[] ts = new double[series.size()];
      double[][] vs = new double[ts.length][variables.size()];
      boolean[][] ms = new boolean[ts.length][variables.size()];
      int i = 0;
      for (var entry : series.entrySet()) {
        ts[i] = entry.getKey();
        for (var component : entry.getValue().entrySet()) {
          int j = variables.indexOf(component.getKey());
          vs[i][j] = component.getValue();
          ms[i][j] = true;
        }
        i++;
      }
      builder.add(sample, ts, vs, ms);
    });
    return builder.build();
  }

  private static String text(String table, int row, String column, String cell) {
    if (cell == null || cell.isBlank()) {
      throw new IllegalArgumentException(table + ": row " + (row + 1) + ", column '" + column + "' is empty");
    }
    return cell.trim();
  }

  private static double number(String table, int row, String column, String cell) {
    double v;
    try {
      v = Double.parseDouble(cell.trim());
    } catch (NumberFormatException | NullPointerException e) {
      throw new IllegalArgumentException(table + ": row " + (row + 1) + ", column '" + column + "' holds '" + cell
          + "', which is not a number", e);
    }
    if (!Double.isFinite(v)) {
      throw new IllegalArgumentException(table + ": row " + (row + 1) + ", column '" + column + "' holds '" + cell
          + "', which is not a finite number");
    }
    return v;
  }

  /**
   * Fully observed series on shared times.
   *
   * @param times the observation times, strictly increasing
   * @param values shape {@code [samples, times, variables]}
   * @param variables the variables' names
   * @return the series, with every component observed
   */
  public static IrregularSeries regular(double[] times, Tensor values, List<String> variables) {
    if (values.rank() != 3 || values.dim(1) != times.length || values.dim(2) != variables.size()) {
      throw new IllegalArgumentException("regular series need values [samples, " + times.length + " times, "
          + variables.size() + " variables], got " + java.util.Arrays.toString(values.shape()));
    }
    double[] v = values.toArray();
    int n = values.dim(0);
    int d = variables.size();
    Builder builder = new Builder(variables);
    for (int s = 0; s < n; s++) {
      double[][] vs = new double[times.length][d];
      boolean[][] ms = new boolean[times.length][d];
      for (int i = 0; i < times.length; i++) {
        for (int j = 0; j < d; j++) {
          vs[i][j] = v[(s * times.length + i) * d + j];
          ms[i][j] = true;
        }
      }
      builder.add(Integer.toString(s), times.clone(), vs, ms);
    }
    return builder.build();
  }

  /** Collects samples of the same variables. */
  public static final class Builder {
    private final List<String> variables;
    private final List<String> ids = new ArrayList<>();
    private final List<double[]> times = new ArrayList<>();
    private final List<double[][]> values = new ArrayList<>();
    private final List<boolean[][]> observed = new ArrayList<>();

    /**
     * A builder for series of the named variables.
     *
     * @param variables the variables' names
     */
    public Builder(List<String> variables) {
      if (variables.isEmpty()) {
        throw new IllegalArgumentException("series need at least one variable");
      }
      this.variables = List.copyOf(variables);
    }

    /**
     * Adds a sample.
     *
     * @param id its name
     * @param times strictly increasing finite times
     * @param values {@code [times][variables]}
     * @param observed {@code [times][variables]}, which components were observed
     * @return this builder
     */
    public Builder add(String id, double[] times, double[][] values, boolean[][] observed) {
      for (int i = 0; i < times.length; i++) {
        if (!Double.isFinite(times[i]) || (i > 0 && !(times[i] > times[i - 1]))) {
          throw new IllegalArgumentException("sample '" + id + "': times must be finite and strictly increasing, "
              + "but time " + i + " is " + times[i] + (i > 0 ? " after " + times[i - 1] : ""));
        }
        if (values[i].length != variables.size() || observed[i].length != variables.size()) {
          throw new IllegalArgumentException("sample '" + id + "': time " + i + " needs " + variables.size()
              + " values and flags, got " + values[i].length + " and " + observed[i].length);
        }
      }
      if (values.length != times.length || observed.length != times.length) {
        throw new IllegalArgumentException("sample '" + id + "': " + times.length + " times but " + values.length
            + " rows of values and " + observed.length + " of flags");
      }
      ids.add(id);
      this.times.add(times.clone());
      this.values.add(deepCopy(values));
      boolean[][] flags = new boolean[observed.length][];
      for (int i = 0; i < flags.length; i++) {
        flags[i] = observed[i].clone();
      }
      this.observed.add(flags);
      return this;
    }

    /**
     * The series added so far.
     *
     * @return the series, in the order added
     */
    public IrregularSeries build() {
      return new IrregularSeries(ids, variables, new ArrayList<>(times), new ArrayList<>(values),
          new ArrayList<>(observed));
    }
  }

  private static double[][] deepCopy(double[][] a) {
    double[][] c = new double[a.length][];
    for (int i = 0; i < a.length; i++) {
      c[i] = a[i].clone();
    }
    return c;
  }

  /**
   * Number of samples.
   *
   * @return the number of samples
   */
  public int size() {
    return ids.size();
  }

  /**
   * The variables' names.
   *
   * @return the names, sorted
   */
  public List<String> variables() {
    return variables;
  }

  /**
   * The name of sample {@code i}.
   *
   * @param i the sample's index
   * @return its id
   */
  public String id(int i) {
    return ids.get(i);
  }

  /**
   * The observation times of sample {@code i} (a copy).
   *
   * @param i the sample's index
   * @return its times, increasing
   */
  public double[] times(int i) {
    return times.get(i).clone();
  }

  /**
   * The values of sample {@code i}, {@code [times][variables]} (0 where unobserved; a copy).
   *
   * @param i the sample's index
   * @return its values
   */
  public double[][] values(int i) {
    return deepCopy(values.get(i));
  }

  /**
   * Whether component {@code j} of sample {@code i} was observed at its time {@code k}.
   *
   * @param i the sample's index
   * @param k the index of the time within the sample
   * @param j the variable's index
   * @return true when observed
   */
  public boolean isObserved(int i, int k, int j) {
    return observed.get(i)[k][j];
  }

  /**
   * The whole set as one batch.
   *
   * @return every sample, on the union of their times
   */
  public IrregularBatch batch() {
    int[] all = new int[size()];
    java.util.Arrays.setAll(all, k -> k);
    return batch(all);
  }

  /**
   * The samples {@code indices} on the sorted union of their times: values and mask of shape
   * {@code [union times, batch, variables]}.
   *
   * @param indices the samples' indices
   * @return the values and mask {@code [union times, batch, variables]} with their times
   */
  public IrregularBatch batch(int... indices) {
    TreeSet<Double> union = new TreeSet<>();
    for (int s : indices) {
      if (s < 0 || s >= size()) {
        throw new IndexOutOfBoundsException("sample " + s + " is outside 0.." + (size() - 1));
      }
      for (double t : times.get(s)) {
        union.add(t);
      }
    }
    double[] u = union.stream().mapToDouble(Double::doubleValue).toArray();
    int b = indices.length;
    int d = variables.size();
    double[] v = new double[u.length * b * d];
    double[] m = new double[v.length];
    for (int k = 0; k < b; k++) {
      double[] ts = times.get(indices[k]);
      double[][] vs = values.get(indices[k]);
      boolean[][] ms = observed.get(indices[k]);
      for (int i = 0; i < ts.length; i++) {
        int row = java.util.Arrays.binarySearch(u, ts[i]);
        for (int j = 0; j < d; j++) {
          if (ms[i][j]) {
            v[(row * b + k) * d + j] = vs[i][j];
            m[(row * b + k) * d + j] = 1;
          }
        }
      }
    }
    return new IrregularBatch(u, Tensor.of(v, u.length, b, d), Tensor.of(m, u.length, b, d));
  }

  /**
   * Removes a random {@code fraction} of each sample's observations of each variable (rounded to
   * the nearest count), seeded, for held-out evaluation.
   *
   * @param fraction the fraction removed, in [0, 1)
   * @param seed the seed of the choice
   * @return the kept observations and the removed ones, each on the original times
   */
  public Holdout holdOut(double fraction, long seed) {
    if (!(fraction >= 0 && fraction < 1)) {
      throw new IllegalArgumentException("the held-out fraction must be in [0, 1), got " + fraction);
    }
    SplittableRandom random = new SplittableRandom(seed);
    Builder kept = new Builder(variables);
    Builder removed = new Builder(variables);
    for (int s = 0; s < size(); s++) {
      boolean[][] ms = observed.get(s);
      boolean[][] keep = new boolean[ms.length][variables.size()];
      boolean[][] drop = new boolean[ms.length][variables.size()];
      for (int j = 0; j < variables.size(); j++) {
        List<Integer> present = new ArrayList<>();
        for (int i = 0; i < ms.length; i++) {
          if (ms[i][j]) {
            present.add(i);
            keep[i][j] = true;
          }
        }
        int count = (int) Math.round(fraction * present.size());
        for (int c = 0; c < count; c++) {
          int i = present.remove(random.nextInt(present.size()));
          keep[i][j] = false;
          drop[i][j] = true;
        }
      }
      kept.add(ids.get(s), times.get(s), values.get(s), keep);
      removed.add(ids.get(s), times.get(s), values.get(s), drop);
    }
    return new Holdout(kept.build(), removed.build());
  }

  /**
   * Observations split for held-out evaluation.
   *
   * @param kept the observations to fit
   * @param heldOut the removed observations, to evaluate on
   */
  public record Holdout(IrregularSeries kept, IrregularSeries heldOut) {}

  /**
   * The observations as a long-format table {@code id, time, variable, value}.
   *
   * @return the table, one row per observed component
   */
  public Table toTable() {
    StringColumn id = StringColumn.create("id");
    tech.tablesaw.api.DoubleColumn time = tech.tablesaw.api.DoubleColumn.create("time");
    StringColumn variable = StringColumn.create("variable");
    tech.tablesaw.api.DoubleColumn value = tech.tablesaw.api.DoubleColumn.create("value");
    for (int s = 0; s < size(); s++) {
      for (int i = 0; i < times.get(s).length; i++) {
        for (int j = 0; j < variables.size(); j++) {
          if (observed.get(s)[i][j]) {
            id.append(ids.get(s));
            time.append(times.get(s)[i]);
            variable.append(variables.get(j));
            value.append(values.get(s)[i][j]);
          }
        }
      }
    }
    return Table.create("series", id, time, variable, value);
  }

  @Override
  public String toString() {
    return "IrregularSeries(" + size() + " samples of " + variables + ")";
  }
}
