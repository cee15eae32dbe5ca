package org.nodelab.train;

import java.util.function.Supplier;

/**
 * Watches a training run: called after a step at most a few times a second, and once at the end.
 * The notebook kernel and runner install one (via {@link #setDefault}) that shows a live loss chart
 * in the running cell, updated in place; {@code Trainer.progress(null)} turns it off with the
 * progress line.
 */
@FunctionalInterface
public interface TrainingMonitor {

  /**
   * Called with the latest step.
   *
   * @param progress the step just taken and the history so far
   * @param totalSteps the planned number of steps
   * @param last whether this is the final call of the run
   */
  void update(Progress progress, long totalSteps, boolean last);

  /**
   * Called once before the first step with the run's label (see {@link Trainer#label}).
   *
   * @param label the run's label
   * @param totalSteps the number of steps planned
   */
  default void start(String label, long totalSteps) {}

  /**
   * Makes every trainer without its own monitor use a fresh one from {@code factory} (null: none).
   *
   * @param factory makes a monitor per run, or {@code null}
   */
  static void setDefault(Supplier<TrainingMonitor> factory) {
    Defaults.factory = factory;
  }

  /** Holder of the process-wide default. */
  final class Defaults {
    private static volatile Supplier<TrainingMonitor> factory;

    private Defaults() {}

    static TrainingMonitor create() {
      Supplier<TrainingMonitor> f = factory;
      return f == null ? null : f.get();
    }
  }
}
