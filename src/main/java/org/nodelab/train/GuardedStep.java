package org.nodelab.train;

import org.nodelab.data.Batch;
import org.nodelab.nn.EvaluationCounts;
import org.nodelab.nn.Module;
import org.nodelab.ode.Interrupts;
import org.nodelab.ode.OdeException;

/**
 * One training step that is applied only if it is finite: evaluates the objective, back-propagates,
 * checks the loss and the gradients, clips them and steps the optimiser, undoing a step that made
 * a parameter non-finite. A failure throws a {@link TrainingException} carrying the history so far;
 * with anomaly detection on, the failing batch is first re-run under {@link
 * org.nodelab.tensor.AnomalyMode} to name where the first NaN or infinity appeared.
 */
final class GuardedStep {
  private final Module model;
  private final Objective objective;
  private final Optimizer optimizer;
  private final Clipping clipping;
  private final boolean detectAnomaly;

  GuardedStep(Module model, Objective objective, Optimizer optimizer, Clipping clipping, boolean detectAnomaly) {
    this.model = model;
    this.objective = objective;
    this.optimizer = optimizer;
    this.clipping = clipping;
    this.detectAnomaly = detectAnomaly;
  }

  /**
   * What a step recorded.
   *
   * @param value the objective's value with its terms
   * @param loss its total
   * @param gradNorm the global L2 norm of the gradients before clipping
   * @param nfeForward field evaluations of the forward pass
   * @param nfeBackward field evaluations of the backward pass
   */
  record Result(Objective.Value value, double loss, double gradNorm, long nfeForward, long nfeBackward) {}

  /** Runs step {@code step} on {@code batch} (called {@code batchName} in errors). */
  Result run(Batch batch, long step, String batchName, History history) {
    optimizer.zeroGrad();
    Objective.Value value;
    long nfeForward;
    try {
      value = objective.evaluate(model, batch);
      nfeForward = model instanceof EvaluationCounts c ? c.forwardEvaluations() : 0;
      value.total().backward();
    } catch (OdeException e) {
      throw solveFailed(e, step, batchName, batch, history);
    }
    long nfeBackward = model instanceof EvaluationCounts c ? c.backwardEvaluations() : 0;
    double loss = value.total().item();
    double[][] grads = optimizer.gradients();
    double gradNorm = Clipping.globalNorm(grads);
    if (!Double.isFinite(loss) || !Double.isFinite(gradNorm)) {
      history.markEnding("failed");
      throw new NonFiniteLossException(step, batchName, loss, firstNonFinite(grads), false,
          detectAnomaly ? anomaly(batch) : null, history);
    }
    if (clipping != null) {
      clipping.clip(grads, gradNorm);
    }
    String[] broken = new String[1];
    Interrupts.atomically(() -> broken[0] = optimizer.stepKeepingFinite(grads));
    if (broken[0] != null) {
      history.markEnding("failed");
      throw new NonFiniteLossException(step, batchName, loss, broken[0], true, null, history);
    }
    return new Result(value, loss, gradNorm, nfeForward, nfeBackward);
  }

  /** The name of the first parameter whose gradient holds NaN or infinity, or null. */
  private String firstNonFinite(double[][] grads) {
    for (int p = 0; p < grads.length; p++) {
      if (grads[p] != null && !Double.isFinite(Clipping.globalNorm(new double[][] {grads[p]}))) {
        return optimizer.parameters().get(p).name();
      }
    }
    return null;
  }

  /** Re-runs the objective and backward pass on {@code batch} with anomaly detection on. */
  private String anomaly(Batch batch) {
    optimizer.zeroGrad();
    String found = org.nodelab.tensor.AnomalyMode.run(() -> objective.evaluate(model, batch).total().backward());
    optimizer.zeroGrad();
    return found;
  }

  /** A solve failure as a training failure that keeps the history; an interrupt passes through. */
  private RuntimeException solveFailed(OdeException e, long step, String batchName, Batch batch, History history) {
    if (e.kind() == OdeException.Kind.INTERRUPTED) {
      return e;
    }
    history.markEnding("failed");
    String found = detectAnomaly ? anomaly(batch) : null;
    return new TrainingException("training stopped at step " + step + " (" + batchName + "): the solve failed. "
        + "The model and optimiser keep their state from before this step; the history of the steps "
        + "before it is in history(). " + (found != null ? "First non-finite value: " + found + ". " : "")
        + "Cause: " + e.getMessage(), step, history, e);
  }
}
