package org.nodelab.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nodelab.testing.GradCheck;

/**
 * The fused recurrence against the same recurrence written with separate operations (values) and
 * against central differences along random directions (gradients of every input), forwards and
 * backwards, all states and the last one, with hidden widths 5 and 16; on a batch of several chunks
 * (one partial), the gradients against those of the separate operations and the bits on one and two
 * threads.
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

  @Test
  void severalChunksMatchTheSeparateOperationsAndGiveTheSameBitsOnOneAndTwoThreads() {
    int batch = 2 * SmallMlp.CHUNK + 21;
    double[][] runs = new double[2][];
    try {
      for (int threads = 1; threads <= 2; threads++) {
        Tensor.threads(threads);
        Tensor[] fused = inputs(batch);
        Tensor[] plain = inputs(batch);
        Tensor y = Tensor.recurrence(fused[0], fused[1], fused[2], fused[3], fused[4], Activation.TANH, true);
        y.mul(Tensor.randn(20, y.shape())).sum().backward();
        Tensor u = unfused(plain[0], plain[1], plain[2], plain[3], plain[4], Activation.TANH, true);
        u.mul(Tensor.randn(20, u.shape())).sum().backward();
        assertArrayEquals(u.toArray(), y.toArray(), 1e-13);
        java.util.List<Double> all = new java.util.ArrayList<>();
        for (double v : y.toArray()) {
          all.add(v);
        }
        for (int i = 0; i < fused.length; i++) {
          assertArrayEquals(plain[i].grad().toArray(), fused[i].grad().toArray(), 1e-11, "gradient of input " + i);
          for (double v : fused[i].grad().toArray()) {
            all.add(v);
          }
        }
        runs[threads - 1] = all.stream().mapToDouble(Double::doubleValue).toArray();
      }
    } finally {
      Tensor.threads(Runtime.getRuntime().availableProcessors());
    }
    for (int i = 0; i < runs[0].length; i++) {
      org.junit.jupiter.api.Assertions.assertEquals(Double.doubleToRawLongBits(runs[0][i]),
          Double.doubleToRawLongBits(runs[1][i]), "element " + i);
    }
  }

  private static Tensor[] inputs(int batch) {
    int hidden = 25;
    return new Tensor[] {Tensor.randn(13, 7, batch, 2).requiresGrad(), Tensor.randn(14, 2, hidden).requiresGrad(),
        Tensor.randn(15, hidden).requiresGrad(), Tensor.randn(16, hidden, hidden).mul(0.2).requiresGrad(),
        Tensor.randn(17, batch, hidden).requiresGrad()};
  }
}
