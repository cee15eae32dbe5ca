package org.nodelab.examples;

import java.util.List;
import org.nodelab.tensor.Tensor;

/**
 * Adam with PyTorch's defaults (β = 0.9, 0.999; ε = 1e-8) on leaf tensors, the learning rate given
 * per step, as torchdiffeq's learn_physics example sets it by hand each iteration.
 */
final class ScheduledAdam {
  private final List<Tensor> parameters;
  private final double[][] m;
  private final double[][] v;
  private long t;

  ScheduledAdam(List<Tensor> parameters) {
    this.parameters = List.copyOf(parameters);
    this.m = new double[parameters.size()][];
    this.v = new double[parameters.size()][];
    for (int k = 0; k < m.length; k++) {
      m[k] = new double[parameters.get(k).size()];
      v[k] = new double[parameters.get(k).size()];
    }
  }

  /** The example's schedule: {@code base·(1 + cos(π·min(i, n)/n))/2}. */
  static double cosine(double base, int iteration, int iterations) {
    return base * 0.5 * (1 + Math.cos(Math.PI * Math.min(iteration, iterations) / iterations));
  }

  /** One update of every parameter from its gradient (none: a zero gradient). */
  void step(double lr) {
    t++;
    double stepSize = lr / (1 - Math.pow(0.9, t));
    double rootCorrection = Math.sqrt(1 - Math.pow(0.999, t));
    for (int k = 0; k < m.length; k++) {
      Tensor p = parameters.get(k);
      double[] theta = p.toArray();
      double[] g = p.grad() == null ? new double[theta.length] : p.grad().toArray();
      for (int j = 0; j < theta.length; j++) {
        m[k][j] = 0.9 * m[k][j] + 0.1 * g[j];
        v[k][j] = 0.999 * v[k][j] + 0.001 * g[j] * g[j];
        theta[j] -= stepSize * m[k][j] / (Math.sqrt(v[k][j]) / rootCorrection + 1e-8);
      }
      p.assign(theta);
    }
  }
}
