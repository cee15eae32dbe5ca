package org.nodelab.tensor;

/**
 * The recurrence {@code h_t = σ(u_t + h_{t−1}·W)} over a whole sequence as one taped operation (an
 * Elman RNN once the inputs' projections {@code u_t = x_t·W_ih + b} are computed): the forward loop
 * keeps every state, and the backward pass runs back-propagation through time in one closure, with
 * the weight gradient {@code Σ_t h_{t−1}ᵀ·g_t} as a single product over all steps.
 */
final class Recurrence {
  private Recurrence() {}

  static Tensor run(Tensor inputs, Tensor weight, Tensor h0, Activation act, boolean reverse) {
    Tensor.nonNull(inputs, "inputs");
    Tensor.nonNull(weight, "weight");
    Tensor.nonNull(h0, "h0");
    java.util.Objects.requireNonNull(act, "activation");
    int[] us = inputs.shapeRef();
    int[] ws = weight.shapeRef();
    int[] hs = h0.shapeRef();
    if (us.length != 3 || ws.length != 2 || ws[0] != ws[1] || ws[0] != us[2] || hs.length != 2 || hs[0] != us[1]
        || hs[1] != us[2]) {
      throw new IllegalArgumentException("recurrence: expected inputs [steps, batch, hidden], weight [hidden, hidden] "
          + "and h0 [batch, hidden], got inputs " + Shapes.str(us) + ", weight " + Shapes.str(ws) + ", h0 "
          + Shapes.str(hs));
    }
    int steps = us[0];
    int batch = us[1];
    int hidden = us[2];
    int width = RecurrenceKernels.width(hidden);
    int block = batch * width;
    double[] w = pad(weight.data(), hidden, hidden, width, false);
    double[] start = pad(h0.data(), batch, hidden, width, false);
    double[] y = pad(inputs.data(), steps * batch, hidden, width, false);
    for (int k = 0; k < steps; k++) {
      int t = reverse ? steps - 1 - k : k;
      int off = t * block;
      if (k == 0) {
        RecurrenceKernels.rowsTimes(start, 0, hidden, w, y, off, batch, width);
      } else {
        RecurrenceKernels.rowsTimes(y, (reverse ? t + 1 : t - 1) * block, hidden, w, y, off, batch, width);
      }
      Kernels.activate(act, y, y, off, off + block);
    }
    Tensor out = Tensor.result(unpad(y, steps * batch, hidden, width), us.clone());
    if (!Tensor.recording(inputs, weight, h0)) {
      return out;
    }
    return out.record("recurrence", new Tensor[] {inputs, weight, h0}, (g, s) -> {
      double[] wt = pad(weight.data(), hidden, hidden, width, true);
      double[] gz = pad(g, steps * batch, hidden, width, false);
      double[] carry = new double[block];
      double[] gw = new double[hidden * width];
      for (int k = steps - 1; k >= 0; k--) {
        int t = reverse ? steps - 1 - k : k;
        int off = t * block;
        for (int i = 0; i < block; i++) {
          gz[off + i] += carry[i];
        }
        Kernels.activationGrad(act, y, gz, gz, off, off + block);
        java.util.Arrays.fill(carry, 0.0);
        RecurrenceKernels.rowsTimes(gz, off, hidden, wt, carry, 0, batch, width);
        if (k == 0) {
          RecurrenceKernels.outer(start, 0, gz, off, gw, batch, hidden, width);
        } else {
          RecurrenceKernels.outer(y, (reverse ? t + 1 : t - 1) * block, gz, off, gw, batch, hidden, width);
        }
      }
      double[] gu = s.of(inputs);
      if (gu != null) {
        Kernels.scatterAdd(unpad(gz, steps * batch, hidden, width), null, gu);
      }
      double[] gh0 = s.of(h0);
      if (gh0 != null) {
        Kernels.scatterAdd(unpad(carry, batch, hidden, width), null, gh0);
      }
      double[] gW = s.of(weight);
      if (gW != null) {
        Kernels.scatterAdd(unpad(gw, hidden, hidden, width), null, gW);
      }
    });
  }

  /** Rows of {@code cols} values (or, with {@code transpose}, the columns of a square matrix) as rows of {@code width}, zeros after. */
  private static double[] pad(double[] a, int rows, int cols, int width, boolean transpose) {
    double[] p = new double[rows * width];
    for (int r = 0; r < rows; r++) {
      if (transpose) {
        for (int c = 0; c < cols; c++) {
          p[r * width + c] = a[c * cols + r];
        }
      } else {
        System.arraycopy(a, r * cols, p, r * width, cols);
      }
    }
    return p;
  }

  private static double[] unpad(double[] p, int rows, int cols, int width) {
    if (cols == width) {
      return p.clone();
    }
    double[] a = new double[rows * cols];
    for (int r = 0; r < rows; r++) {
      System.arraycopy(p, r * width, a, r * cols, cols);
    }
    return a;
  }
}
