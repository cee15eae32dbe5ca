package org.nodelab.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nodelab.tensor.Activation;
import org.nodelab.tensor.Tensor;

class LinearTest {

  @Test
  void computesXTimesWeightPlusBiasLikeAHandWrittenLoop() {
    Linear layer = new Linear(3, 2, 7);
    Tensor x = Tensor.of(new double[][] {{1, -2, 0.5}, {0.25, 4, -1}});
    double[] w = layer.weight().toArray();
    double[] b = layer.bias().toArray();
    double[] y = layer.apply(x).toArray();
    double[][] xs = {{1, -2, 0.5}, {0.25, 4, -1}};
    for (int r = 0; r < 2; r++) {
      for (int o = 0; o < 2; o++) {
        double expected = b[o];
        for (int i = 0; i < 3; i++) {
          expected += xs[r][i] * w[i * 2 + o];
        }
        assertEquals(expected, y[r * 2 + o], 1e-14);
      }
    }
  }

  @Test
  void fusedActivationEqualsTheActivationAppliedAfterwards() {
    Linear plain = new Linear(4, 3, 11);
    Linear fused = plain.withActivation(Activation.TANH);
    Tensor x = Tensor.randn(3, 5, 4);
    double[] a = fused.apply(x).toArray();
    double[] b = plain.apply(x).toArray();
    for (int i = 0; i < a.length; i++) {
      assertEquals(Math.tanh(b[i]), a[i], 1e-15);
    }
    assertEquals(plain.parameters().get(0).value(), fused.parameters().get(0).value());
  }

  @Test
  void pytorchDefaultInitialisationStaysWithinOneOverRootFanIn() {
    Linear layer = new Linear(64, 200, 1);
    double bound = 1 / Math.sqrt(64);
    double sumSquares = 0;
    double[] w = layer.weight().toArray();
    for (double v : w) {
      assertTrue(Math.abs(v) <= bound, "weight " + v + " outside ±" + bound);
      sumSquares += v * v;
    }
    // Uniform on ±b has standard deviation b/√3; 12800 samples put the estimate within 2%.
    assertEquals(bound / Math.sqrt(3), Math.sqrt(sumSquares / w.length), 0.02 * bound / Math.sqrt(3));
    for (double v : layer.bias().toArray()) {
      assertTrue(Math.abs(v) <= bound);
    }
  }

  @Test
  void sameSeedGivesSameWeightsAndOtherSeedsDiffer() {
    assertArrayEquals(new Linear(5, 6, 42).weight().toArray(), new Linear(5, 6, 42).weight().toArray());
    assertNotEquals(new Linear(5, 6, 42).weight().toArray()[0], new Linear(5, 6, 43).weight().toArray()[0]);
  }

  @Test
  void normalInitialisationHasTheRequestedSpreadAndZeroBias() {
    Linear layer = Linear.normal(100, 100, 0.1, 3);
    double sumSquares = 0;
    for (double v : layer.weight().toArray()) {
      sumSquares += v * v;
    }
    // 10^4 samples: the sample standard deviation is within 3% of 0.1 with overwhelming probability.
    assertEquals(0.1, Math.sqrt(sumSquares / 10000), 0.003);
    assertArrayEquals(new double[100], layer.bias().toArray());
  }

  @Test
  void parametersAreNamedWeightAndBiasAndRequireGradients() {
    List<Parameter> ps = new Linear(2, 3, 0).parameters();
    assertEquals(List.of("weight", "bias"), ps.stream().map(Parameter::name).toList());
    assertTrue(ps.get(0).value().requiresGradient());
    assertArrayEquals(new int[] {2, 3}, ps.get(0).shape());
    assertNull(new Linear(Tensor.ones(2, 3), null, Activation.IDENTITY).bias());
  }

  @Test
  void wrongInputWidthNamesBothShapes() {
    var e = assertThrows(IllegalArgumentException.class, () -> new Linear(3, 2, 0).apply(Tensor.zeros(4, 5)));
    assertTrue(e.getMessage().contains("[4, 5]") && e.getMessage().contains("[..., 3]"), e.getMessage());
  }

  @Test
  void badShapesAndSizesAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> new Linear(0, 2, 0));
    var e = assertThrows(
        IllegalArgumentException.class,
        () -> new Linear(Tensor.ones(2, 3), Tensor.ones(2), Activation.IDENTITY));
    assertTrue(e.getMessage().contains("[3]") && e.getMessage().contains("[2]"), e.getMessage());
    assertThrows(
        IllegalArgumentException.class, () -> new Linear(Tensor.ones(6), null, Activation.IDENTITY));
  }
}
