package org.nodelab.data;

import java.util.SplittableRandom;

/**
 * Draws the batch of a training step, for sampling schemes that are not epochs over a fixed set
 * (e.g. random windows of a time series, as torchdiffeq's {@code ode_demo.py} samples).
 */
@FunctionalInterface
public interface BatchSource {

  /**
   * The batch for one step.
   *
   * @param random a generator seeded from the trainer's seed and the step number, so runs (and
   *     resumed runs) are reproducible
   * @return the inputs {@code x} and targets {@code y} of the step
   */
  Batch next(SplittableRandom random);
}
