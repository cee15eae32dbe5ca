package org.nodelab.ode;

import org.nodelab.ode.control.Tolerances;

/**
 * What the steppers that solve their stages by simplified Newton iterations share (ESDIRK, Radau):
 * the Jacobian kept across steps and refreshed on demand, the iteration matrices refactored only
 * when {@code h} or {@code J} changes, the retry of a failed solve with a fresh Jacobian before the
 * step is reported as failed (Hairer &amp; Wanner, Solving ODEs II, IV.8), and the error-control
 * scale {@code atolⱼ + rtolⱼ·|yⱼ|} of the Newton norm.
 *
 * @param <S> state type
 */
abstract class NewtonStepper<S> extends ImplicitStepper<S> {
  protected final Tolerances tolerances;
  protected final int n;
  /** {@code atolⱼ + rtolⱼ·|yⱼ|} at the step start, the scale of the Newton norm. */
  protected final double[] scale;
  /** The attempt's signed step. */
  protected double h;
  /** Whether the last attempt's stages could not be solved. */
  protected boolean failed;
  /** Whether the next attempt should start from a fresh Jacobian. */
  protected boolean refreshJacobian;
  private boolean jacobianCurrent;
  private boolean jacobianReady;
  private boolean factorsReady;
  private double factoredH = Double.NaN;

  NewtonStepper(StateSpace<S> space, S like, Tolerances tolerances, int n) {
    super(space, like);
    this.tolerances = tolerances;
    this.n = n;
    this.scale = new double[n];
  }

  /** Writes {@code J} at the step start (counting the evaluations it takes). */
  protected abstract void computeJacobian();

  /**
   * Factors the iteration matrices for step {@code h} from the current {@code J}.
   *
   * @return false when a matrix is singular to working precision
   */
  protected abstract boolean factorMatrices(double h);

  /**
   * Solves the stages with the current factors.
   *
   * @return false when Newton diverged or did not converge in time
   */
  protected abstract boolean solveStages();

  /**
   * Solves the stages of a step of size {@code h} from {@code y}: with the kept Jacobian and factors,
   * and once more with a fresh Jacobian when that fails.
   *
   * @return false (and {@link #failed} set) when the solve failed with a fresh Jacobian too
   */
  protected final boolean solveNewton(double h, double[] y) {
    this.h = h;
    failed = false;
    for (int j = 0; j < n; j++) {
      scale[j] = tolerances.absolute(j) + tolerances.relative(j) * Math.abs(y[j]);
    }
    while (true) {
      if (!jacobianReady || refreshJacobian) {
        jacobians++;
        computeJacobian();
        jacobianReady = true;
        jacobianCurrent = true;
        refreshJacobian = false;
        factorsReady = false;
      }
      if (!factorsReady || factoredH != h) {
        factorizations++;
        factorsReady = factorMatrices(h);
        factoredH = h;
        failed = !factorsReady;
      }
      if (!failed && solveStages()) {
        return true;
      }
      if (jacobianCurrent) {
        failed = true;
        refreshJacobian = false;
        return false;
      }
      refreshJacobian = true;
      failed = false;
    }
  }

  /** The step was accepted: the kept Jacobian now belongs to an earlier point. */
  protected final void moved() {
    jacobianCurrent = false;
  }

  /** The RMS norm of {@code v} in units of {@link #scale}. */
  protected final double scaledNorm(double[] v) {
    double sum = 0;
    for (int j = 0; j < n; j++) {
      double x = v[j] / scale[j];
      sum += x * x;
    }
    return Math.sqrt(sum / n);
  }
}
