package org.nodelab.train;

/**
 * A training step whose loss or gradient was NaN or infinite: the step was not applied, so the
 * model and optimiser keep the last finite state. Names the step, the batch, the loss and the first
 * parameter whose gradient was not finite; with {@code Trainer.detectAnomaly()}, also the operation
 * that produced the first NaN or infinity ({@link #anomaly()}).
 */
public final class NonFiniteLossException extends TrainingException {
  private static final long serialVersionUID = 1L;

  /** The loss of the failing step. */
  private final double loss;
  /** The first parameter with a non-finite gradient, or null. */
  private final String parameter;
  /** Which batch the step drew. */
  private final String batch;
  /** Where the first NaN or infinity appeared, or null. */
  private final String anomaly;

  NonFiniteLossException(long step, String batch, double loss, String parameter, boolean inUpdate, String anomaly,
      History history) {
    super(message(step, batch, loss, parameter, inUpdate, anomaly), step, history, null);
    this.loss = loss;
    this.parameter = parameter;
    this.batch = batch;
    this.anomaly = anomaly;
  }

  private static String message(long step, String batch, double loss, String parameter, boolean inUpdate,
      String anomaly) {
    StringBuilder sb = new StringBuilder("training stopped at step ").append(step).append(" (").append(batch)
        .append("): loss ").append(loss);
    sb.append(inUpdate ? ", finite gradients, but the update made parameter '" + parameter + "' non-finite"
        : parameter == null ? ", every gradient finite" : ", first non-finite gradient in parameter '" + parameter + "'");
    sb.append(". The step was not applied: the model and optimiser keep their state from before it, and the "
        + "history of the steps before it is in history(). ");
    sb.append(anomaly != null ? "First non-finite value: " + anomaly
        : "Try a lower learning rate, gradient clipping (clipGradNorm), tighter solver tolerances, "
            + "or detectAnomaly() to find the operation that produced it.");
    return sb.toString();
  }

  /**
   * The loss of the failing step (NaN or infinite, or finite when only a gradient was not).
   *
   * @return the loss, possibly NaN or infinite
   */
  public double loss() {
    return loss;
  }

  /**
   * The name of the first parameter with a non-finite gradient (or, when every gradient was finite,
   * the first one the update made non-finite), or null if there was none.
   *
   * @return the parameter's name, or {@code null}
   */
  public String parameter() {
    return parameter;
  }

  /**
   * Which batch the step drew, e.g. {@code "batch 4 of epoch 1, 8 rows"}.
   *
   * @return the description of the batch
   */
  public String batch() {
    return batch;
  }

  /**
   * Where the first NaN or infinity appeared (with anomaly detection on), else null.
   *
   * @return the description, or {@code null}
   */
  public String anomaly() {
    return anomaly;
  }
}
