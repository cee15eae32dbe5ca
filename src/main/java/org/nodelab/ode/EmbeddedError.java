package org.nodelab.ode;

import java.util.Arrays;
import java.util.function.IntToDoubleFunction;
import org.nodelab.ode.control.ErrorEstimate;

/**
 * The single embedded error estimate of an implicit step, {@code Σ eᵢ·stageᵢ / h}, in one reused
 * buffer: infinite after a step that could not be computed, so that an adaptive solve retries a
 * smaller step and a fixed-step solve stops with its diagnosis.
 */
final class EmbeddedError {
  private final double[] err;
  private final IntToDoubleFunction e;
  private final ErrorEstimate estimate;

  /** A buffer for {@code n} components and the method's error weights {@code eᵢ}. */
  EmbeddedError(int n, IntToDoubleFunction e) {
    this.err = new double[n];
    this.e = e;
    this.estimate = ErrorEstimate.of(err);
  }

  /** The estimate {@code Σ eᵢ·values(stageᵢ) / h} over {@code s} stages, or infinite when {@code failed}. */
  <S> ErrorEstimate of(StateSpace<S> space, S[] stages, int s, double h, boolean failed) {
    if (failed) {
      Arrays.fill(err, Double.POSITIVE_INFINITY);
      return estimate;
    }
    Arrays.fill(err, 0);
    for (int i = 0; i < s; i++) {
      double ei = e.applyAsDouble(i);
      if (ei == 0) {
        continue;
      }
      double[] v = space.values(stages[i]);
      for (int j = 0; j < err.length; j++) {
        err[j] += ei * v[j] / h;
      }
    }
    return estimate;
  }
}
