package org.nodelab.train;

/**
 * What a training callback sees after a step; {@link #stop()} asks the trainer to end after this
 * step.
 */
public final class Progress {
  private final long step;
  private final int epoch;
  private final double loss;
  private final History history;
  private boolean stopRequested;

  Progress(long step, int epoch, double loss, History history) {
    this.step = step;
    this.epoch = epoch;
    this.loss = loss;
    this.history = history;
  }

  /**
   * The step just taken (1 for the first).
   *
   * @return the step, from 1
   */
  public long step() {
    return step;
  }

  /**
   * The epoch of that step (0 when training by iterations).
   *
   * @return the epoch, counted from 0
   */
  public int epoch() {
    return epoch;
  }

  /**
   * The training loss of that step's batch.
   *
   * @return the mean loss of the batch
   */
  public double loss() {
    return loss;
  }

  /**
   * The history so far, this step included.
   *
   * @return the history, this step's row included
   */
  public History history() {
    return history;
  }

  /** Ends training after this step. */
  public void stop() {
    stopRequested = true;
  }

  boolean stopRequested() {
    return stopRequested;
  }

  @Override
  public String toString() {
    return String.format(java.util.Locale.ROOT, "step %d  epoch %d  loss %.6g", step, epoch, loss);
  }
}
