package org.nodelab.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.nodelab.tensor.Tensor;
import tech.tablesaw.api.Table;

/**
 * Observations of a dynamical system: strictly increasing times in any units (years, seconds) and
 * values of shape {@code [times, batch, dim]} (a {@code [times, dim]} input is one trajectory,
 * batch 1), with a name per component and the {@link Scaling} applied since the raw data, so that
 * fitted models are drawn back in the data's own units. Immutable; built from arrays, tensors or
 * Tablesaw columns ({@code TimeSeries.of(table, "year", "hare", "lynx")}).
 */
public final class TimeSeries {
  private final double[] times;
  private final Tensor values;
  private final List<String> names;
  private final String timeName;
  private final Scaling scaling;

  private TimeSeries(double[] times, Tensor values, List<String> names, String timeName, Scaling scaling) {
    this.times = times;
    this.values = values;
    this.names = names;
    this.timeName = timeName;
    this.scaling = scaling;
  }

  /**
   * A series from times and a tensor of values.
   *
   * @param times strictly increasing, finite
   * @param values shape {@code [times, dim]} or {@code [times, batch, dim]}, finite
   * @param names component names ({@code h0, h1, ...} where missing)
   * @return the series, its values {@code [times, batch, dim]}, in raw units (no scaling)
   */
  public static TimeSeries of(double[] times, Tensor values, String... names) {
    Objects.requireNonNull(times, "times");
    Objects.requireNonNull(values, "values");
    if (values.rank() != 2 && values.rank() != 3) {
      throw new IllegalArgumentException("values need shape [times, dim] or [times, batch, dim], got "
          + Arrays.toString(values.shape()));
    }
    if (values.dim(0) != times.length) {
      throw new IllegalArgumentException("need one row of values per time: " + times.length + " times but values of shape "
          + Arrays.toString(values.shape()));
    }
    checkTimes(times);
    double[] v = values.detach().toArray();
    for (int i = 0; i < v.length; i++) {
      if (!Double.isFinite(v[i])) {
        int perTime = v.length / times.length;
        throw new IllegalArgumentException("value " + v[i] + " at time " + times[i / perTime] + " (index " + i / perTime
            + "): observations must be finite; drop or fill missing ones first");
      }
    }
    int dim = values.dim(-1);
    Tensor stored = Tensor.of(v, times.length, values.rank() == 3 ? values.dim(1) : 1, dim);
    return new TimeSeries(times.clone(), stored, names(names, dim), "t", Scaling.identity(dim));
  }

  /**
   * A series from {@code values[time][component]}.
   *
   * @param times the observation times, strictly increasing
   * @param values one row per time, one entry per component
   * @param names the components' names
   * @return the series {@code [times, 1, dim]}, in raw units
   */
  public static TimeSeries of(double[] times, double[][] values, String... names) {
    return of(times, Tensor.of(values), names);
  }

  /**
   * A series from Tablesaw columns: {@code timeColumn} gives the times (and the time axis' name),
   * each of {@code valueColumns} a component; cells may be numbers or numeric text.
   *
   * @param table the table
   * @param timeColumn the name of the column of times
   * @param valueColumns the names of the columns of values
   * @return the series {@code [times, 1, valueColumns.length]}, in raw units
   */
  public static TimeSeries of(Table table, String timeColumn, String... valueColumns) {
    if (valueColumns.length == 0) {
      throw new IllegalArgumentException("name at least one value column of " + table.name() + "; it has "
          + table.columnNames());
    }
    double[] times = numbers(table, timeColumn);
    double[] values = new double[times.length * valueColumns.length];
    for (int d = 0; d < valueColumns.length; d++) {
      double[] column = numbers(table, valueColumns[d]);
      for (int i = 0; i < times.length; i++) {
        values[i * valueColumns.length + d] = column[i];
      }
    }
    return of(times, Tensor.of(values, times.length, valueColumns.length), valueColumns).withTimeName(timeColumn);
  }

  private static double[] numbers(Table table, String column) {
    if (!table.containsColumn(column)) {
      throw new IllegalArgumentException(table.name() + " has no column '" + column + "'; it has " + table.columnNames());
    }
    if (table.column(column) instanceof tech.tablesaw.api.NumericColumn<?> numeric) {
      return numeric.asDoubleArray();
    }
    return Csv.column(table, column).toArray();
  }

  /**
   * This series with the time axis called {@code name} (e.g. "year"; default "t").
   *
   * @param name the name
   * @return a new series
   */
  public TimeSeries withTimeName(String name) {
    return new TimeSeries(times, values, names, Objects.requireNonNull(name, "name"), scaling);
  }

  /**
   * The observation times (a copy).
   *
   * @return a copy of the times, strictly increasing
   */
  public double[] times() {
    return times.clone();
  }

  /**
   * The first observation time.
   *
   * @return {@code times()[0]}
   */
  public double start() {
    return times[0];
  }

  /**
   * The last observation time.
   *
   * @return the last entry of {@code times()}
   */
  public double end() {
    return times[times.length - 1];
  }

  /**
   * The values in the current units, shape {@code [times, batch, dim]}.
   *
   * @return the values {@code [times, batch, dim]}
   */
  public Tensor values() {
    return values;
  }

  /**
   * The first observation, shape {@code [batch, dim]}: the input of a trajectory model fitted to this series.
   *
   * @return the first observation
   */
  public Tensor initial() {
    return values.slice(0, 0, 1).reshape(batch(), dim());
  }

  /**
   * Number of observation times.
   *
   * @return the number of times
   */
  public int size() {
    return times.length;
  }

  /**
   * Number of trajectories observed together (1 for a {@code [times, dim]} series).
   *
   * @return the number of trajectories
   */
  public int batch() {
    return values.dim(1);
  }

  /**
   * Number of components.
   *
   * @return the number of components
   */
  public int dim() {
    return values.dim(2);
  }

  /**
   * The component names.
   *
   * @return one name per component
   */
  public List<String> names() {
    return names;
  }

  /**
   * The name of the time axis.
   *
   * @return the name, "t" unless set by {@link #withTimeName}
   */
  public String timeName() {
    return timeName;
  }

  /**
   * The change of units from the raw data to the current values.
   *
   * @return the affine map per component; identity for raw data
   */
  public Scaling scaling() {
    return scaling;
  }

  /**
   * Component {@code d} of trajectory {@code b} over time, in the current units.
   *
   * @param b the trajectory's index
   * @param d the component's index
   * @return one value per time
   */
  public double[] component(int b, int d) {
    double[] all = values.toArray();
    double[] c = new double[times.length];
    for (int i = 0; i < times.length; i++) {
      c[i] = all[(i * batch() + b) * dim() + d];
    }
    return c;
  }

  /**
   * Each component divided by its {@code divisor} (one for all, or one per component), remembered.
   *
   * @param divisors one divisor, or one per component
   * @return the scaled series
   */
  public TimeSeries scaled(double... divisors) {
    double[] v = divisors.length == 1 ? filled(dim(), divisors[0]) : divisors;
    if (v.length != dim()) {
      throw new IllegalArgumentException("scaled takes one divisor or one per component (" + dim() + "), got "
          + v.length);
    }
    return rescaled(new Scaling(new double[dim()], v));
  }

  /**
   * Each component shifted to mean 0 and divided by its standard deviation (over time and batch), remembered.
   *
   * @return the standardised series
   */
  public TimeSeries standardized() {
    double[] mean = new double[dim()];
    double[] sd = new double[dim()];
    double[] all = values.toArray();
    int rows = all.length / dim();
    for (int r = 0; r < rows; r++) {
      for (int d = 0; d < dim(); d++) {
        mean[d] += all[r * dim() + d] / rows;
      }
    }
    for (int r = 0; r < rows; r++) {
      for (int d = 0; d < dim(); d++) {
        double e = all[r * dim() + d] - mean[d];
        sd[d] += e * e / rows;
      }
    }
    for (int d = 0; d < dim(); d++) {
      sd[d] = sd[d] > 0 ? Math.sqrt(sd[d]) : 1;
    }
    return rescaled(new Scaling(mean, sd));
  }

  private TimeSeries rescaled(Scaling next) {
    return new TimeSeries(times, next.apply(values), names, timeName, scaling.then(next));
  }

  /**
   * {@code scaled} (model output in the current units, last axis {@code dim}) back in the raw data's units.
   *
   * @param scaled model output in the current units
   * @return the values in raw units
   */
  public Tensor unscale(Tensor scaled) {
    return scaling.undo(scaled);
  }

  /**
   * This series in the raw data's units.
   *
   * @return the unscaled series
   */
  public TimeSeries unscaled() {
    return new TimeSeries(times, scaling.undo(values), names, timeName, Scaling.identity(dim()));
  }

  /**
   * The observations with index in {@code [from, to)}.
   *
   * @param from the first index kept
   * @param to one past the last
   * @return a series of {@code to − from} observations, same units
   */
  public TimeSeries slice(int from, int to) {
    if (from < 0 || to > times.length || to - from < 1) {
      throw new IllegalArgumentException("slice [" + from + ", " + to + ") of a series of " + times.length
          + " times must hold at least one of them");
    }
    return new TimeSeries(Arrays.copyOfRange(times, from, to), values.slice(0, from, to), names, timeName, scaling);
  }

  /**
   * The observations at {@code indices} (increasing).
   *
   * @param indices the indices, increasing
   * @return a series of {@code indices.length} observations, same units
   */
  public TimeSeries select(int... indices) {
    double[] t = new double[indices.length];
    for (int i = 0; i < indices.length; i++) {
      if (indices[i] < 0 || indices[i] >= times.length) {
        throw new IllegalArgumentException("index " + indices[i] + " outside [0, " + times.length + ")");
      }
      t[i] = times[indices[i]];
    }
    return new TimeSeries(t, Rows.gather(values, indices), names, timeName, scaling);
  }

  /**
   * Every {@code every}-th observation (indices {@code every−1, 2·every−1, ...}) held out for
   * testing; the first observation always stays in the training part.
   *
   * @param every the spacing of held-out observations, at least 2
   * @return the training and test parts
   */
  public Split holdOut(int every) {
    if (every < 2 || every > times.length) {
      throw new IllegalArgumentException("holdOut needs 2 <= every <= " + times.length + ", got " + every);
    }
    List<Integer> train = new ArrayList<>();
    List<Integer> test = new ArrayList<>();
    for (int i = 0; i < times.length; i++) {
      ((i + 1) % every == 0 ? test : train).add(i);
    }
    return new Split(select(train.stream().mapToInt(Integer::intValue).toArray()),
        select(test.stream().mapToInt(Integer::intValue).toArray()));
  }

  /** A training part and a held-out part of one series, in the same units. */
  public record Split(TimeSeries train, TimeSeries test) {}

  /**
   * torchdiffeq {@code ode_demo.py}'s {@code get_batch()} on this series: {@code count} distinct
   * random start indices from {@code [0, size − length)}, x = the states there (shape {@code
   * [count·batch, dim]}), y = the {@code length} states from each (shape {@code [length,
   * count·batch, dim]}).
   *
   * @param length observations per window, at least 2
   * @param count windows per step
   * @return the sampler of batches, x {@code [count, dim]} and y {@code [length, count, dim]}
   */
  public BatchSource windows(int length, int count) {
    if (length < 2 || length > times.length - 1) {
      throw new IllegalArgumentException("a window needs 2 <= length < " + times.length + " observations, got " + length);
    }
    if (count < 1 || count > times.length - length) {
      throw new IllegalArgumentException("can draw 1 to " + (times.length - length) + " distinct windows of " + length
          + " from " + times.length + " observations, asked for " + count);
    }
    double[] all = values.toArray();
    int row = batch() * dim();
    return random -> {
      int[] starts = Rows.distinct(random, times.length - length, count);
      double[] x = new double[count * row];
      double[] y = new double[length * count * row];
      for (int w = 0; w < count; w++) {
        System.arraycopy(all, starts[w] * row, x, w * row, row);
        for (int k = 0; k < length; k++) {
          System.arraycopy(all, (starts[w] + k) * row, y, (k * count + w) * row, row);
        }
      }
      return new Batch(Tensor.of(x, count * batch(), dim()), Tensor.of(y, length, count * batch(), dim()));
    };
  }

  /**
   * Whether the observation times are equally spaced (to 1e-9 of the spacing).
   *
   * @return true when equally spaced
   */
  public boolean equallySpaced() {
    double h = times[1 < times.length ? 1 : 0] - times[0];
    for (int i = 1; i < times.length; i++) {
      if (Math.abs(times[i] - times[i - 1] - h) > 1e-9 * Math.abs(h)) {
        return false;
      }
    }
    return true;
  }

  private static void checkTimes(double[] times) {
    if (times.length == 0) {
      throw new IllegalArgumentException("a time series needs at least one observation");
    }
    for (int i = 0; i < times.length; i++) {
      if (!Double.isFinite(times[i]) || (i > 0 && !(times[i] > times[i - 1]))) {
        throw new IllegalArgumentException("times must be finite and strictly increasing; index " + i + " holds "
            + times[i] + (i > 0 ? " after " + times[i - 1] : ""));
      }
    }
  }

  private static List<String> names(String[] given, int dim) {
    List<String> out = new ArrayList<>();
    for (int d = 0; d < dim; d++) {
      out.add(d < given.length && given[d] != null ? given[d] : "h" + d);
    }
    return List.copyOf(out);
  }

  private static double[] filled(int n, double v) {
    double[] a = new double[n];
    Arrays.fill(a, v);
    return a;
  }

  @Override
  public String toString() {
    return "TimeSeries(" + names + " at " + times.length + " times from " + start() + " to " + end()
        + (batch() > 1 ? ", batch " + batch() : "") + (scaling.isIdentity() ? "" : ", " + scaling) + ")";
  }
}
