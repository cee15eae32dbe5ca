package org.nodelab.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nodelab.nn.Parameter;
import org.nodelab.tensor.Tensor;
import org.nodelab.testing.GradCheck;

/**
 * The ODE-Net's field: against the same layers written out (GroupNorm, ReLU, the convolution of the
 * explicitly concatenated time channel) to 1e-12, against central differences (relative 1e-7), and
 * bit for bit the same on one and two threads.
 */
class ConvFieldTest {
  private final int threadsBefore = Tensor.threads();

  @AfterEach
  void restore() {
    Tensor.threads(threadsBefore);
  }

  @Test
  void theFieldIsGroupNormReluAndTheConvolutionOfTheConcatenatedTime() {
    ConvField field = new ConvField(8, 3);
    List<Parameter> p = field.parameters();
    Tensor h = Tensor.randn(4, 3, 8, 5, 5);
    double t = 0.43;
    Tensor out = h;
    for (int layer = 0; layer < 2; layer++) {
      out = out.groupNorm(8, p.get(4 * layer).value(), p.get(4 * layer + 1).value(), 1e-5).relu();
      Tensor time = Tensor.full(t, 3, 1, 5, 5);
      out = Tensor.concat(1, time, out).conv2d(p.get(4 * layer + 2).value(), p.get(4 * layer + 3).value(), 1, 1);
    }
    out = out.groupNorm(8, p.get(8).value(), p.get(9).value(), 1e-5);
    assertArrayEquals(out.toArray(), field.apply(t, h).toArray(), 1e-12);
  }

  @Test
  void theFieldMatchesCentralDifferences() {
    ConvField field = new ConvField(4, 5);
    GradCheck.check(h -> field.apply(0.7, h), Tensor.randn(6, 2, 4, 5, 5), 7);
  }

  @Test
  void oneAndTwoThreadsGiveTheSameBits() {
    Tensor.threads(1);
    List<double[]> one = valueAndGradients();
    Tensor.threads(2);
    List<double[]> two = valueAndGradients();
    for (int i = 0; i < one.size(); i++) {
      assertArrayEquals(one.get(i), two.get(i), 0, "output " + i);
    }
  }

  /** The field's value on a batch large enough to be split, then the gradients of the state and parameters. */
  private static List<double[]> valueAndGradients() {
    ConvField field = new ConvField(32, 11);
    Tensor h = Tensor.randn(12, 64, 32, 8, 8).requiresGrad();
    Tensor y = field.apply(0.25, h);
    y.mul(Tensor.randn(13, 64, 32, 8, 8)).sum().backward();
    List<double[]> out = new ArrayList<>();
    out.add(y.toArray());
    out.add(h.grad().toArray());
    for (Parameter p : field.parameters()) {
      out.add(p.value().grad().toArray());
    }
    return out;
  }
}
