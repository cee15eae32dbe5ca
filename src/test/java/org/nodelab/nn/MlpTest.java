package org.nodelab.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nodelab.tensor.Activation;
import org.nodelab.tensor.Tensor;

class MlpTest {

  @Test
  void appliesTanhBetweenLayersAndNothingAfterTheLast() {
    Mlp mlp = new Mlp(Activation.TANH, 5, 2, 4, 3);
    Tensor x = Tensor.of(new double[][] {{0.3, -1.2}});
    Linear l0 = mlp.layers().get(0);
    Linear l1 = mlp.layers().get(1);
    double[] w0 = l0.weight().toArray();
    double[] b0 = l0.bias().toArray();
    double[] w1 = l1.weight().toArray();
    double[] b1 = l1.bias().toArray();
    double[] h = new double[4];
    for (int j = 0; j < 4; j++) {
      h[j] = Math.tanh(0.3 * w0[j] - 1.2 * w0[4 + j] + b0[j]);
    }
    double[] y = mlp.apply(x).toArray();
    for (int o = 0; o < 3; o++) {
      double expected = b1[o];
      for (int j = 0; j < 4; j++) {
        expected += h[j] * w1[j * 3 + o];
      }
      assertEquals(expected, y[o], 1e-14);
    }
  }

  @Test
  void parameterNamesFollowLayerPositions() {
    Mlp mlp = new Mlp(Activation.RELU, 0, 3, 8, 8, 1);
    assertEquals(
        List.of("0.weight", "0.bias", "1.weight", "1.bias", "2.weight", "2.bias"),
        List.copyOf(mlp.namedParameters().keySet()));
    assertEquals(3 * 8 + 8 + 8 * 8 + 8 + 8 + 1, mlp.parameterCount());
  }

  @Test
  void parameterGradientsMatchCentralDifferences() {
    Mlp mlp = new Mlp(Activation.TANH, 9, 2, 6, 2);
    Tensor x = Tensor.randn(10, 5, 2);
    Tensor target = Tensor.randn(11, 5, 2);
    mlp.zeroGrad();
    loss(mlp, x, target).backward();
    double eps = 1e-6;
    for (Parameter p : mlp.parameters()) {
      double[] values = p.value().toArray();
      double[] grad = p.grad().toArray();
      for (int i = 0; i < values.length; i++) {
        double saved = values[i];
        values[i] = saved + eps;
        p.assign(values);
        double up = loss(mlp, x, target).item();
        values[i] = saved - eps;
        p.assign(values);
        double down = loss(mlp, x, target).item();
        values[i] = saved;
        p.assign(values);
        double fd = (up - down) / (2 * eps);
        // Central differences err by O(eps^2) plus rounding ~1e-16/eps: 1e-7 absolute is safe here.
        assertEquals(fd, grad[i], 1e-7, p.name() + "[" + i + "]");
      }
    }
  }

  private static Tensor loss(Module m, Tensor x, Tensor target) {
    return m.apply(x).sub(target).square().mean();
  }

  @Test
  void normalInitialisationGivesZeroBiases() {
    Mlp mlp = Mlp.normal(Activation.TANH, 0.1, 4, 2, 50, 2);
    for (Linear layer : mlp.layers()) {
      for (double b : layer.bias().toArray()) {
        assertEquals(0.0, b);
      }
    }
    assertEquals(2, mlp.in());
    assertEquals(2, mlp.out());
  }

  @Test
  void rejectsTooFewSizesAndMismatchedLayers() {
    assertThrows(IllegalArgumentException.class, () -> new Mlp(Activation.TANH, 0, 3));
    var e = assertThrows(
        IllegalArgumentException.class,
        () -> new Mlp(List.of(new Linear(2, 3, 0), new Linear(4, 1, 0))));
    assertTrue(e.getMessage().contains("expects 4") && e.getMessage().contains("gives 3"), e.getMessage());
  }

  @Test
  void toStringListsTheLayers() {
    assertEquals("Mlp[Linear(2 -> 3, tanh), Linear(3 -> 1)]", new Mlp(Activation.TANH, 0, 2, 3, 1).toString());
  }
}
