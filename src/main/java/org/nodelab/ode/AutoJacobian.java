package org.nodelab.ode;

import java.util.Arrays;
import java.util.List;
import org.nodelab.tensor.Tensor;

/**
 * The Jacobian of a tensor field by reverse-mode automatic differentiation: one taped evaluation,
 * then one vector–Jacobian product per row ({@code eᵢᵀ·∂f/∂y}) on the kept graph. Exact to round-off,
 * and independent of the state's scale, unlike finite differences.
 */
final class AutoJacobian {
  private AutoJacobian() {}

  /**
   * Writes {@code ∂f/∂y} at {@code (t, values)} row-major into {@code jac}, outside any caller's tape.
   *
   * @param f the field
   * @param t time
   * @param values the state, flat
   * @param shape its shape
   * @param jac output, {@code n·n}
   */
  static void evaluate(VectorField f, double t, double[] values, int[] shape, double[] jac) {
    int n = values.length;
    try (var on = Tensor.enableGrad()) {
      Tensor leaf = Tensor.of(values.clone(), shape).requiresGrad();
      Tensor out = f.apply(t, leaf);
      Arrays.fill(jac, 0);
      if (!out.requiresGradient()) {
        return;
      }
      double[] seed = new double[n];
      for (int i = 0; i < n; i++) {
        seed[i] = 1;
        double[] row = Tensor.gradients(out, Tensor.of(seed, shape), List.of(leaf)).get(0).toArray();
        System.arraycopy(row, 0, jac, i * n, n);
        seed[i] = 0;
      }
    }
  }
}
