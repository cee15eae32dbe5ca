package org.nodelab.train;

/**
 * A training run that could not go on (a failed solve, a non-finite loss or gradient): names the
 * step it failed at and keeps the {@link History} of the steps finished before it, with the model
 * and optimiser left in the state after the last of them. The cause, if any, is the original error.
 */
public class TrainingException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient History history;
  /** The step that failed, from 1. */
  private final long step;

  /**
   * @param message what happened, naming the step
   * @param step the step that failed (1 for the first)
   * @param history the steps finished before it
   * @param cause the original error, or null
   */
  public TrainingException(String message, long step, History history, Throwable cause) {
    super(message, cause);
    this.step = step;
    this.history = history;
  }

  /**
   * The step that failed (1 for the first); the history holds the steps before it.
   *
   * @return the step, from 1
   */
  public long step() {
    return step;
  }

  /**
   * The history of the steps finished before the failure (status {@code "failed"}).
   *
   * @return the history up to the failure
   */
  public History history() {
    return history;
  }
}
