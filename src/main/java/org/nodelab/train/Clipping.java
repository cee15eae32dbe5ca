package org.nodelab.train;

/**
 * Gradient clipping before the optimiser step, as PyTorch's {@code clip_grad_norm_} (scale every
 * gradient by {@code max/(‖g‖ + 1e-6)} when that is below 1, {@code ‖g‖} the L2 norm of all
 * gradients together) and {@code clip_grad_value_} (clamp each component to {@code [−v, v]}).
 * Neural ODEs whose field grows stiff during training are tamed by the first (Pascanu et al. 2013).
 */
public abstract sealed class Clipping permits Clipping.ByNorm, Clipping.ByValue {
  private Clipping() {}

  /**
   * Clips the global L2 norm of the gradients to {@code max}.
   *
   * @param max the largest norm, positive
   * @return the clipping rule
   */
  public static Clipping norm(double max) {
    return new ByNorm(positive("max norm", max));
  }

  /**
   * Clamps every gradient component to {@code [−limit, limit]}.
   *
   * @param limit the largest magnitude, positive
   * @return the clipping rule
   */
  public static Clipping value(double limit) {
    return new ByValue(positive("clip value", limit));
  }

  /** The global L2 norm of {@code grads} (null entries skipped): PyTorch's {@code total_norm}. */
  static double globalNorm(double[][] grads) {
    double sum = 0;
    for (double[] g : grads) {
      if (g != null) {
        for (double v : g) {
          sum += v * v;
        }
      }
    }
    return Math.sqrt(sum);
  }

  /** Clips {@code grads} in place, given their global norm. */
  abstract void clip(double[][] grads, double norm);

  /** Clipping by the global norm. */
  static final class ByNorm extends Clipping {
    private final double max;

    private ByNorm(double max) {
      this.max = max;
    }

    @Override
    void clip(double[][] grads, double norm) {
      double coefficient = max / (norm + 1e-6);
      if (coefficient < 1) {
        for (double[] g : grads) {
          if (g != null) {
            for (int k = 0; k < g.length; k++) {
              g[k] *= coefficient;
            }
          }
        }
      }
    }

    @Override
    public String toString() {
      return "clip by norm " + max;
    }
  }

  /** Clipping by value. */
  static final class ByValue extends Clipping {
    private final double limit;

    private ByValue(double limit) {
      this.limit = limit;
    }

    @Override
    void clip(double[][] grads, double norm) {
      for (double[] g : grads) {
        if (g != null) {
          for (int k = 0; k < g.length; k++) {
            g[k] = Math.max(-limit, Math.min(limit, g[k]));
          }
        }
      }
    }

    @Override
    public String toString() {
      return "clip by value " + limit;
    }
  }

  private static double positive(String what, double v) {
    if (!(v > 0) || Double.isInfinite(v)) {
      throw new IllegalArgumentException(what + " must be a positive finite number, got " + v);
    }
    return v;
  }
}
