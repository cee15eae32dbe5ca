package org.nodelab.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.nodelab.nn.Parameter;
import org.nodelab.tensor.Tensor;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Named coefficients of a mechanistic model, trained through an unconstrained raw parameter and
 * read in natural units: free ({@code value = raw}), positive ({@code value = exp(raw)}, raw
 * trained as a logarithm) or bounded ({@code value = lo + (hi − lo)·σ(raw)}). Inside a field,
 * {@link #get} gives the differentiable natural value; {@link #table} reports them. Immutable: each
 * builder call returns new coefficients that share the earlier parameters.
 */
public final class Coefficients {
  private final Map<String, Entry> entries;

  private enum Kind { FREE, POSITIVE, BOUNDED }

  private record Entry(Kind kind, double lo, double hi, Parameter raw) {
    Tensor natural() {
      return switch (kind) {
        case FREE -> raw.value();
        case POSITIVE -> raw.value().exp();
        case BOUNDED -> raw.value().sigmoid().mul(hi - lo).add(lo);
      };
    }

    String describe() {
      return switch (kind) {
        case FREE -> "free";
        case POSITIVE -> "positive (log)";
        case BOUNDED -> String.format(Locale.ROOT, "in (%s, %s) (sigmoid)", lo, hi);
      };
    }
  }

  private Coefficients(Map<String, Entry> entries) {
    this.entries = entries;
  }

  /**
   * No coefficients yet; add them with {@link #free}, {@link #positive} and {@link #bounded}.
   *
   * @return an empty set of coefficients
   */
  public static Coefficients create() {
    return new Coefficients(new LinkedHashMap<>());
  }

  /**
   * Adds an unconstrained coefficient starting at {@code value}.
   *
   * @param name the coefficient's name, unique in this set
   * @param value its starting value
   * @return this set with the coefficient added
   */
  public Coefficients free(String name, double value) {
    return with(name, Kind.FREE, 0, 0, value, "", value);
  }

  /**
   * Adds a positive coefficient starting at {@code value > 0}, trained as its logarithm.
   *
   * @param name the coefficient's name, unique in this set
   * @param value its starting value, positive
   * @return this set with the coefficient added
   */
  public Coefficients positive(String name, double value) {
    if (!(value > 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException("positive coefficient '" + name + "' needs a finite start > 0, got " + value);
    }
    return with(name, Kind.POSITIVE, 0, 0, Math.log(value), "log_", value);
  }

  /**
   * Adds a coefficient kept in {@code (lo, hi)} by a sigmoid, starting at {@code value} inside.
   *
   * @param name the coefficient's name, unique in this set
   * @param value its starting value, strictly between the bounds
   * @param lo the lower bound
   * @param hi the upper bound, greater than {@code lo}
   * @return this set with the coefficient added
   */
  public Coefficients bounded(String name, double value, double lo, double hi) {
    if (!(lo < hi) || !Double.isFinite(lo) || !Double.isFinite(hi) || !(value > lo && value < hi)) {
      throw new IllegalArgumentException("bounded coefficient '" + name + "' needs finite lo < value < hi, got lo " + lo
          + ", value " + value + ", hi " + hi);
    }
    double u = (value - lo) / (hi - lo);
    return with(name, Kind.BOUNDED, lo, hi, Math.log(u / (1 - u)), "logit_", value);
  }

  private Coefficients with(String name, Kind kind, double lo, double hi, double raw, String prefix, double value) {
    if (Objects.requireNonNull(name, "name").isBlank() || entries.containsKey(name)) {
      throw new IllegalArgumentException("coefficient names must be new and not blank, got '" + name + "'; have "
          + entries.keySet());
    }
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("coefficient '" + name + "' needs a finite start, got " + value);
    }
    Map<String, Entry> more = new LinkedHashMap<>(entries);
    more.put(name, new Entry(kind, lo, hi, new Parameter(prefix + name, Tensor.of(raw))));
    return new Coefficients(more);
  }

  private Entry entry(String name) {
    Entry e = entries.get(name);
    if (e == null) {
      throw new IllegalArgumentException("no coefficient '" + name + "'; have " + entries.keySet());
    }
    return e;
  }

  /**
   * The coefficient in natural units, differentiable with respect to its raw parameter; shape {@code [1]}.
   *
   * @param name a name added to this set
   * @return the coefficient on the tape
   */
  public Tensor get(String name) {
    return entry(name).natural();
  }

  /**
   * The coefficient's current value in natural units.
   *
   * @param name a name added to this set
   * @return its value
   */
  public double value(String name) {
    return Tensor.noGrad(() -> entry(name).natural()).item();
  }

  /**
   * All current values in natural units, in the order added.
   *
   * @return one value per coefficient
   */
  public double[] values() {
    return entries.keySet().stream().mapToDouble(this::value).toArray();
  }

  /**
   * The names, in the order added.
   *
   * @return the coefficients' names
   */
  public List<String> names() {
    return List.copyOf(entries.keySet());
  }

  /**
   * The raw trainable parameters ({@code log_NAME}, {@code logit_NAME} or {@code NAME}).
   *
   * @return one parameter per coefficient, for the optimiser
   */
  public List<Parameter> parameters() {
    List<Parameter> all = new ArrayList<>();
    entries.values().forEach(e -> all.add(e.raw()));
    return all;
  }

  /**
   * The coefficients as a table: name, value in natural units, constraint.
   *
   * @return a Tablesaw table with one row per coefficient
   */
  public Table table() {
    StringColumn name = StringColumn.create("name");
    DoubleColumn value = DoubleColumn.create("value");
    StringColumn constraint = StringColumn.create("constraint");
    entries.forEach((n, e) -> {
      name.append(n);
      value.append(value(n));
      constraint.append(e.describe());
    });
    return Table.create("coefficients", name, value, constraint);
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder();
    entries.keySet().forEach(n -> s.append(s.length() == 0 ? "" : ", ").append(n).append(" = ")
        .append(String.format(Locale.ROOT, "%.6g", value(n))));
    return s.toString();
  }
}
