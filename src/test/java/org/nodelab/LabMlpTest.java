package org.nodelab;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.nodelab.Lab.mlp;
import static org.nodelab.Lab.relu;
import static org.nodelab.Lab.seed;
import static org.nodelab.Lab.tanh;

import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;
import org.nodelab.nn.Mlp;
import org.nodelab.nn.Parameter;
import org.nodelab.tensor.Tensor;

/** {@code mlp(sizes..., activation)}, the form the design shows, builds the same MLP as the other forms. */
class LabMlpTest {

  @Test
  void mlpWithTanhLastIsTheDefaultTanhMlpForTheSameSeed() {
    seed(5);
    Mlp byDefault = mlp(2, 50, 2);
    seed(5);
    Mlp explicit = mlp(2, 50, 2, tanh());
    List<Parameter> a = byDefault.parameters();
    List<Parameter> b = explicit.parameters();
    assertEquals(a.size(), b.size());
    for (int i = 0; i < a.size(); i++) {
      assertArrayEquals(a.get(i).shape(), b.get(i).shape());
      assertArrayEquals(a.get(i).value().toArray(), b.get(i).value().toArray(), 0.0);
    }
    Tensor x = Tensor.of(new double[] {0.3, -1.2, 2.0, 0.7}, 2, 2);
    assertArrayEquals(byDefault.apply(x).toArray(), explicit.apply(x).toArray(), 0.0);
    assertArrayEquals(byHand(explicit, x.toArray(), 2, Math::tanh), explicit.apply(x).toArray(), 1e-12);
  }

  @Test
  void twoHiddenLayersWithReluMatchTheActivationFirstFormAndAHandComputation() {
    seed(9);
    Mlp first = mlp(relu(), 3, 8, 6, 2);
    seed(9);
    Mlp last = mlp(3, 8, 6, 2, relu());
    Tensor x = Tensor.of(new double[] {0.5, -0.25, 1.5, -2.0, 0.1, 0.9}, 2, 3);
    assertArrayEquals(first.apply(x).toArray(), last.apply(x).toArray(), 0.0);
    assertArrayEquals(byHand(last, x.toArray(), 2, v -> Math.max(0, v)), last.apply(x).toArray(), 1e-12);
  }

  /** {@code h ← act(h W + b)} per layer, no activation after the last; weights stored {@code [in, out]}. */
  private static double[] byHand(Mlp mlp, double[] x, int rows, DoubleUnaryOperator act) {
    List<Parameter> p = mlp.parameters();
    double[] h = x;
    for (int layer = 0; layer < p.size() / 2; layer++) {
      int[] shape = p.get(2 * layer).shape();
      double[] w = p.get(2 * layer).value().toArray();
      double[] bias = p.get(2 * layer + 1).value().toArray();
      int in = shape[0];
      int out = shape[1];
      double[] next = new double[rows * out];
      for (int r = 0; r < rows; r++) {
        for (int j = 0; j < out; j++) {
          double sum = bias[j];
          for (int k = 0; k < in; k++) {
            sum += h[r * in + k] * w[k * out + j];
          }
          next[r * out + j] = layer == p.size() / 2 - 1 ? sum : act.applyAsDouble(sum);
        }
      }
      h = next;
    }
    return h;
  }
}
