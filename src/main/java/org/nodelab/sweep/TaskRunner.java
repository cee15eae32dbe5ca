package org.nodelab.sweep;

import java.util.LinkedHashMap;
import java.util.Map;

/** Runs one task of a sweep in whatever thread or JVM calls it, turning a throw into a failed outcome. */
public final class TaskRunner {
  private TaskRunner() {}

  /**
   * Runs {@code experiment} on {@code task}'s configuration and times it.
   *
   * @param experiment the experiment
   * @param task the task
   * @param worker the name of the thread or executor that runs it
   * @return the outcome; failed (with the exception's class and message) if the experiment threw
   */
  public static Outcome run(Experiment experiment, Task task, String worker) {
    long start = System.nanoTime();
    try {
      Map<String, ?> results = experiment.run(task.config());
      if (results == null) {
        throw new IllegalStateException("the experiment returned null: expected a map of named results, e.g. Map.of(\"loss\", 0.1)");
      }
      return new Outcome(task.index(), Outcome.portable(results), seconds(start), worker, false, "");
    } catch (Exception | StackOverflowError | AssertionError e) {
      return new Outcome(task.index(), new LinkedHashMap<>(), seconds(start), worker, true, message(e));
    }
  }

  private static String message(Throwable e) {
    String name = e.getClass().getSimpleName().isEmpty() ? e.getClass().getName() : e.getClass().getSimpleName();
    return e.getMessage() == null ? name : name + ": " + e.getMessage();
  }

  private static double seconds(long start) {
    return (System.nanoTime() - start) / 1e9;
  }
}
