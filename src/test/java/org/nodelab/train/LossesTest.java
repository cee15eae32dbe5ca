package org.nodelab.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nodelab.tensor.Tensor;

class LossesTest {

  @Test
  void mseAndL1AverageOverAllElements() {
    Tensor p = Tensor.of(new double[][] {{1, 2}, {3, 4}});
    Tensor y = Tensor.of(new double[][] {{0, 2}, {5, 1}});
    // differences 1, 0, -2, 3: squares 1+0+4+9 = 14, absolutes 1+0+2+3 = 6.
    assertEquals(3.5, Losses.mse(p, y).item(), 1e-15);
    assertEquals(1.5, Losses.l1(p, y).item(), 1e-15);
  }

  @Test
  void crossEntropyMatchesTheLogSumExpFormulaAndItsGradient() {
    Tensor logits = Tensor.of(new double[][] {{2, 0, -1}, {0.5, 0.5, 3}}).requiresGrad();
    Tensor labels = Tensor.of(0, 1);
    double row0 = -2 + Math.log(Math.exp(2) + Math.exp(0) + Math.exp(-1));
    double row1 = -0.5 + Math.log(2 * Math.exp(0.5) + Math.exp(3));
    Tensor loss = Losses.crossEntropy(logits, labels);
    assertEquals((row0 + row1) / 2, loss.item(), 1e-14);
    loss.backward();
    // d/dz = (softmax(z) − onehot(y)) / batch.
    double z0 = Math.exp(2) + 1 + Math.exp(-1);
    double z1 = 2 * Math.exp(0.5) + Math.exp(3);
    double[] expected = {
      (Math.exp(2) / z0 - 1) / 2, (1 / z0) / 2, (Math.exp(-1) / z0) / 2,
      (Math.exp(0.5) / z1) / 2, (Math.exp(0.5) / z1 - 1) / 2, (Math.exp(3) / z1) / 2
    };
    assertArrayEquals(expected, logits.grad().toArray(), 1e-14);
  }

  @Test
  void smoothL1IsQuadraticInsideOneAndLinearOutsideWithItsGradient() {
    Tensor p = Tensor.of(0.5, 2, -3, 1).requiresGrad();
    Tensor y = Tensor.of(0, 0, 0, 0);
    // PyTorch: F.smooth_l1_loss([0.5, 2, -3, 1], 0) = mean(0.125, 1.5, 2.5, 0.5) = 1.15625.
    Tensor loss = Losses.smoothL1(p, y);
    assertEquals(1.15625, loss.item(), 1e-15);
    loss.backward();
    // d/dp = clamp(d, −1, 1) / n.
    assertArrayEquals(new double[] {0.125, 0.25, -0.25, 0.25}, p.grad().toArray(), 1e-15);
  }

  @Test
  void accuracyCountsArgmaxHits() {
    Tensor logits = Tensor.of(new double[][] {{2, 1}, {0, 3}, {5, 4}});
    assertEquals(2.0 / 3, Losses.accuracy(logits, Tensor.of(0, 1, 1)), 1e-15);
  }

  @Test
  void badShapesAndLabelsAreNamed() {
    var e = assertThrows(IllegalArgumentException.class, () -> Losses.mse(Tensor.zeros(2, 3), Tensor.zeros(3, 2)));
    assertTrue(e.getMessage().contains("[2, 3]") && e.getMessage().contains("[3, 2]"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Losses.l1(Tensor.zeros(2), Tensor.zeros(3)));
    var bad = assertThrows(
        IllegalArgumentException.class, () -> Losses.crossEntropy(Tensor.zeros(2, 3), Tensor.of(0, 3)));
    assertTrue(bad.getMessage().contains("row 1"), bad.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Losses.crossEntropy(Tensor.zeros(2, 3), Tensor.of(0)));
  }
}
