package org.nodelab.sweep;

import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.nodelab.ode.Solver;

/**
 * One configuration of a sweep as its experiment sees it: the named parameter values, the
 * repetition and a seed derived from the sweep's seed, the values and the repetition ({@link
 * SweepSeeds}), never from the thread or machine that runs it.
 *
 * @serial exclude
 */
public final class Config implements Serializable {
  private static final long serialVersionUID = 1L;
  private final LinkedHashMap<String, Object> values;
  private final int repetition;
  private final long seed;

  Config(Map<String, Object> values, int repetition, long seed) {
    this.values = new LinkedHashMap<>(values);
    this.repetition = repetition;
    this.seed = seed;
  }

  /**
   * The value of parameter {@code name}.
   *
   * @param name a parameter of the sweep
   * @return its value in this configuration
   * @throws IllegalArgumentException if the sweep has no such parameter
   */
  public Object get(String name) {
    if (!values.containsKey(name)) {
      throw new IllegalArgumentException("no parameter \"" + name + "\" in this sweep: expected one of " + values.keySet());
    }
    return values.get(name);
  }

  /**
   * A numeric parameter as a double.
   *
   * @param name a parameter whose values are numbers
   * @return its value
   */
  public double number(String name) {
    return as(name, Number.class).doubleValue();
  }

  /**
   * An integer parameter.
   *
   * @param name a parameter whose values are whole numbers
   * @return its value
   */
  public int integer(String name) {
    Number n = as(name, Number.class);
    if (n.doubleValue() != Math.rint(n.doubleValue()) || Math.abs(n.doubleValue()) > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("parameter \"" + name + "\" is " + n + ", expected a whole number");
    }
    return n.intValue();
  }

  /**
   * A parameter as text ({@code toString} of its value).
   *
   * @param name a parameter of the sweep
   * @return its value as text
   */
  public String string(String name) {
    return String.valueOf(get(name));
  }

  /**
   * A solver parameter.
   *
   * @param name a parameter whose values are solvers
   * @return its value
   */
  public Solver solver(String name) {
    return as(name, Solver.class);
  }

  /**
   * The parameter values by name, in the order the sweep declared them.
   *
   * @return an unmodifiable view
   */
  public Map<String, Object> values() {
    return Collections.unmodifiableMap(values);
  }

  /**
   * Which repetition of its parameter values this is, from 0.
   *
   * @return the repetition
   */
  public int repetition() {
    return repetition;
  }

  /**
   * The seed of this configuration and repetition: use it for every random choice.
   *
   * @return the seed
   */
  public long seed() {
    return seed;
  }

  /**
   * A generator seeded with {@link #seed()}.
   *
   * @return a new generator, the same for every call
   */
  public SplittableRandom random() {
    return new SplittableRandom(seed);
  }

  private <T> T as(String name, Class<T> type) {
    Object v = get(name);
    if (!type.isInstance(v)) {
      throw new IllegalArgumentException("parameter \"" + name + "\" is " + v + " ("
          + (v == null ? "null" : v.getClass().getSimpleName()) + "), expected a " + type.getSimpleName());
    }
    return type.cast(v);
  }

  @Override
  public String toString() {
    return values.entrySet().stream().map(e -> e.getKey() + "=" + Values.label(e.getValue()))
        .collect(Collectors.joining(", ")) + ", repetition " + repetition;
  }
}
