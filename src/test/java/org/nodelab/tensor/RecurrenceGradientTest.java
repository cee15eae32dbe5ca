package org.nodelab.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nodelab.testing.GradCheck;

/**
 * The fused recurrence against the same recurrence written with separate operations (values) and
 * against central differences along random directions (gradients of every input), forwards and
 * backwards, all states and the last one, with a hidden width that needs padding (5) and one that
 * does not (16).
 */
class RecurrenceGradientTest {

  private static Tensor unfused(Tensor x, Tensor wi, Tensor b, Tensor wh, Tensor h0, Activation act, boolean reverse) {
    int steps = x.dim(0);
    Tensor[] states = new Tensor[steps];
    Tensor h = h0;
    for (int k = 0; k < steps; k++) {
      int t = reverse ? steps - 1 - k : k;
      Tensor z = x.slice(0, t, t + 1).reshape(x.dim(1), x.dim(2)).matmul(wi).add(h.matmul(wh));
      h = act.apply(b == null ? z : z.add(b));
      states[t] = h.reshape(1, h.dim(0), h.dim(1));
    }
    return Tensor.concat(0, states);
  }

  @Test
  void matchesTheStepByStepRecurrenceToRounding() {
    for (int hidden : new int[] {5, 16}) {
      for (boolean reverse : new boolean[] {false, true}) {
        Tensor x = Tensor.randn(1, 4, 3, 2);
        Tensor wi = Tensor.randn(2, 2, hidden);
        Tensor b = Tensor.randn(3, hidden);
        Tensor wh = Tensor.randn(4, hidden, hidden).mul(0.4);
        Tensor h0 = Tensor.randn(5, 3, hidden);
        Tensor plain = unfused(x, wi, b, wh, h0, Activation.TANH, reverse);
        assertArrayEquals(plain.toArray(), Tensor.recurrence(x, wi, b, wh, h0, Activation.TANH, reverse).toArray(), 1e-13);
        int last = reverse ? 0 : 3;
        assertArrayEquals(plain.slice(0, last, last + 1).toArray(),
            Tensor.recurrenceLast(x, wi, b, wh, h0, Activation.TANH, reverse).toArray(), 1e-13);
        assertArrayEquals(unfused(x, wi, null, wh, h0, Activation.TANH, reverse).toArray(),
            Tensor.recurrence(x, wi, null, wh, h0, Activation.TANH, reverse).toArray(), 1e-13);
      }
    }
  }

  @Test
  void gradientsMatchCentralDifferences() {
    for (int hidden : new int[] {5, 16}) {
      for (Activation act : List.of(Activation.TANH, Activation.SIGMOID)) {
        for (boolean reverse : new boolean[] {false, true}) {
          Tensor[] inputs = {Tensor.randn(6, 4, 3, 2), Tensor.randn(7, 2, hidden), Tensor.randn(8, hidden),
              Tensor.randn(9, hidden, hidden).mul(0.4), Tensor.randn(10, 3, hidden)};
          GradCheck.check(v -> Tensor.recurrence(v.get(0), v.get(1), v.get(2), v.get(3), v.get(4), act, reverse), 11,
              1e-7, inputs);
          GradCheck.check(v -> Tensor.recurrenceLast(v.get(0), v.get(1), v.get(2), v.get(3), v.get(4), act, reverse),
              12, 1e-7, inputs);
        }
      }
    }
  }
}
