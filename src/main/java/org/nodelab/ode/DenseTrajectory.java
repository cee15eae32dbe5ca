package org.nodelab.ode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A solve's trajectory kept for its adjoint: per accepted step, the state at {@code θ = 0, ¼, ½, ¾, 1}
 * from the stepper's dense output, read back at any time by the quartic through them (exact for
 * Rodas5's quartic dense output and for cubic Hermite). Lets the backward solve of a stiff problem
 * read {@code y(t)} instead of integrating the unstable {@code y' = f} backwards.
 */
final class DenseTrajectory implements Integrator.StepRecorder<double[]> {
  private static final double[] THETAS = {0, 0.25, 0.5, 0.75, 1};

  private final List<double[][]> samples = new ArrayList<>();
  private double[] tStarts = new double[16];
  private double[] tEnds = new double[16];
  private int count;

  @Override
  public void accepted(double t, double tNew, Stepper<double[]> step) {
    double[][] s = new double[THETAS.length][];
    s[0] = step.state().clone();
    for (int k = 1; k < THETAS.length - 1; k++) {
      s[k] = step.interpolate(THETAS[k]).clone();
    }
    s[THETAS.length - 1] = step.proposal().clone();
    if (count == tStarts.length) {
      tStarts = Arrays.copyOf(tStarts, 2 * count);
      tEnds = Arrays.copyOf(tEnds, 2 * count);
    }
    tStarts[count] = t;
    tEnds[count] = tNew;
    samples.add(s);
    count++;
  }

  /** Writes {@code y(t)} into {@code out} ({@code t} inside the solved interval, either direction). */
  void at(double t, double[] out) {
    int k = find(t);
    double t0 = tStarts[k];
    double theta = (t - t0) / (tEnds[k] - t0);
    double[][] s = samples.get(k);
    Arrays.fill(out, 0);
    for (int m = 0; m < THETAS.length; m++) {
      double w = 1;
      for (int j = 0; j < THETAS.length; j++) {
        if (j != m) {
          w *= (theta - THETAS[j]) / (THETAS[m] - THETAS[j]);
        }
      }
      double[] v = s[m];
      for (int i = 0; i < out.length; i++) {
        out[i] += w * v[i];
      }
    }
  }

  /** The step whose interval holds {@code t} (the nearest one at the ends). */
  private int find(double t) {
    boolean forward = tEnds[0] >= tStarts[0];
    int lo = 0;
    int hi = count - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      boolean before = forward ? t < tEnds[mid] : t > tEnds[mid];
      if (before) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }
}
