package org.nodelab.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nodelab.testing.GradCheck;

/**
 * The fused recurrence against the same recurrence written with element-wise operations (values)
 * and against central differences along random directions (gradients), forwards and backwards,
 * with a hidden width that needs padding (5) and one that does not (16).
 */
class RecurrenceGradientTest {

  private static Tensor unfused(Tensor u, Tensor w, Tensor h0, Activation act, boolean reverse) {
    int steps = u.dim(0);
    Tensor[] states = new Tensor[steps];
    Tensor h = h0;
    for (int k = 0; k < steps; k++) {
      int t = reverse ? steps - 1 - k : k;
      h = act.apply(u.slice(0, t, t + 1).reshape(u.dim(1), u.dim(2)).add(h.matmul(w)));
      states[t] = h.reshape(1, u.dim(1), u.dim(2));
    }
    return Tensor.concat(0, states);
  }

  @Test
  void matchesTheStepByStepRecurrenceToRounding() {
    for (int hidden : new int[] {5, 16}) {
      for (boolean reverse : new boolean[] {false, true}) {
        Tensor u = Tensor.randn(1, 4, 3, hidden);
        Tensor w = Tensor.randn(2, hidden, hidden).mul(0.4);
        Tensor h0 = Tensor.randn(3, 3, hidden);
        double[] fused = Tensor.recurrence(u, w, h0, Activation.TANH, reverse).toArray();
        double[] plain = unfused(u, w, h0, Activation.TANH, reverse).toArray();
        assertArrayEquals(plain, fused, 1e-13);
      }
    }
  }

  @Test
  void gradientsMatchCentralDifferences() {
    for (int hidden : new int[] {5, 16}) {
      for (Activation act : List.of(Activation.TANH, Activation.SIGMOID)) {
        for (boolean reverse : new boolean[] {false, true}) {
          GradCheck.check(xs -> Tensor.recurrence(xs.get(0), xs.get(1), xs.get(2), act, reverse), 7, 1e-7,
              Tensor.randn(4, 6, 3, hidden), Tensor.randn(5, hidden, hidden).mul(0.4), Tensor.randn(6, 3, hidden));
        }
      }
    }
  }
}
