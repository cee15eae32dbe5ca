package org.nodelab.sweep;

import java.lang.reflect.InvocationTargetException;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Chooses the engine for a master URL. Spark's classes are loaded only here, only when a Spark
 * master is asked for ({@link SparkClassPath}), so the rest of nodelab never needs Spark.
 */
public final class Engines {
  private static final Pattern MASTER = Pattern.compile(
      "local(\\[(\\*|[1-9][0-9]*)(,[1-9][0-9]*)?])?|(spark|k8s|mesos)://.+|yarn|local-cluster\\[.+]");

  private Engines() {}

  /**
   * Checks a Spark master URL's form.
   *
   * @param master e.g. {@code local[2]}, {@code spark://host:7077}, {@code yarn}, {@code k8s://https://host:443}
   * @throws IllegalArgumentException naming the URL and the expected forms
   */
  static void check(String master) {
    if (master == null || !MASTER.matcher(master).matches()) {
      throw new IllegalArgumentException("'" + master + "' is not a Spark master URL: expected local[N], local[*],"
          + " spark://host:port, yarn or k8s://...");
    }
  }

  /**
   * A Spark engine for {@code master}, loading Spark from the class path or, when absent, from Maven.
   *
   * @param master the master URL
   * @param conf extra Spark properties
   * @return the engine
   */
  static Engine spark(String master, Map<String, String> conf) {
    check(master);
    ClassLoader loader = SparkClassPath.loader();
    ClassLoader previous = Thread.currentThread().getContextClassLoader();
    try {
      Thread.currentThread().setContextClassLoader(loader);
      Class<?> engine = Class.forName("org.nodelab.sweep.spark.SparkEngine", true, loader);
      return (Engine) engine.getConstructor(String.class, Map.class).newInstance(master, conf);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException("cannot start Spark on " + master + ": " + e.getCause(), e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot load nodelab's Spark engine: " + e, e);
    } finally {
      Thread.currentThread().setContextClassLoader(previous);
    }
  }
}
