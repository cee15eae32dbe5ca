package org.nodelab.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.nodelab.testing.GradCheck;

/**
 * Convolution, pooling and group normalisation against central differences along random directions
 * (relative tolerance 1e-7), convolution against a direct sum over its definition, and the
 * convolution with a constant channel against the convolution of the concatenated input.
 */
class ImageOpsGradientCheckTest {
  @Test
  void conv2dMatchesCentralDifferencesForSeveralStridesAndPaddings() {
    int[][] configs = {{2, 3, 6, 6, 4, 3, 1, 1}, {3, 2, 7, 5, 3, 4, 2, 1}, {1, 1, 5, 5, 2, 2, 1, 0},
        {2, 2, 6, 6, 3, 3, 3, 2}};
    long seed = 20;
    for (int[] c : configs) {
      Tensor x = Tensor.randn(seed++, c[0], c[1], c[2], c[3]);
      Tensor w = Tensor.randn(seed++, c[4], c[1], c[5], c[5]);
      Tensor b = Tensor.randn(seed++, c[4]);
      int stride = c[6];
      int pad = c[7];
      GradCheck.check(xs -> xs.get(0).conv2d(xs.get(1), xs.get(2), stride, pad), seed++, 1e-7, x, w, b);
      GradCheck.check(xs -> xs.get(0).conv2d(xs.get(1), null, stride, pad).tanh(), seed++, 1e-7, x, w);
    }
  }

  @Test
  void conv2dOfManySamplesMatchesItsDefinition() {
    Tensor x = Tensor.randn(1, 40, 2, 9, 9);
    Tensor w = Tensor.randn(2, 3, 2, 3, 3);
    Tensor b = Tensor.randn(3, 3);
    Tensor y = x.conv2d(w, b, 2, 1);
    assertArrayEquals(new int[] {40, 3, 5, 5}, y.shape());
    double[] expected = new double[y.size()];
    for (int n = 0; n < 40; n++) {
      for (int o = 0; o < 3; o++) {
        for (int i = 0; i < 5; i++) {
          for (int j = 0; j < 5; j++) {
            double sum = b.get(o);
            for (int c = 0; c < 2; c++) {
              for (int u = 0; u < 3; u++) {
                for (int v = 0; v < 3; v++) {
                  int ih = 2 * i - 1 + u;
                  int iw = 2 * j - 1 + v;
                  if (ih >= 0 && ih < 9 && iw >= 0 && iw < 9) {
                    sum += w.get(o, c, u, v) * x.get(n, c, ih, iw);
                  }
                }
              }
            }
            expected[((n * 3 + o) * 5 + i) * 5 + j] = sum;
          }
        }
      }
    }
    assertArrayEquals(expected, y.toArray(), 1e-12);
  }

  @Test
  void conv2dOfABatchSplitOverThreadsMatchesCentralDifferences() {
    GradCheck.check(xs -> xs.get(0).conv2d(xs.get(1), xs.get(2), 1, 1), 40, 1e-7,
        Tensor.randn(41, 64, 3, 8, 8), Tensor.randn(42, 16, 3, 3, 3), Tensor.randn(43, 16));
  }

  @Test
  void poolingMatchesCentralDifferences() {
    Tensor x = Tensor.randn(50, 2, 3, 7, 6);
    GradCheck.check(t -> t.avgPool2d(2, 2), x, 51);
    GradCheck.check(t -> t.avgPool2d(3, 1), x, 52);
    GradCheck.check(t -> t.maxPool2d(2, 2), x, 53);
    GradCheck.check(t -> t.maxPool2d(3, 2), x, 54);
    GradCheck.check(Tensor::globalAvgPool, x, 55);
    GradCheck.check(t -> t.flatten().tanh(), x, 56);
  }

  @Test
  void groupNormMatchesCentralDifferences() {
    Tensor x = Tensor.randn(60, 3, 6, 4, 5).mul(2).add(1);
    for (int groups : new int[] {1, 2, 3, 6}) {
      GradCheck.check(xs -> xs.get(0).groupNorm(groups, xs.get(1), xs.get(2), 1e-5), 61 + groups, 1e-7,
          x, Tensor.randn(70, 6), Tensor.randn(71, 6));
      GradCheck.check(t -> t.groupNorm(groups, null, null, 1e-5).square(), x, 75 + groups);
    }
  }

  @Test
  void groupNormWithAnActivationMatchesCentralDifferences() {
    Tensor x = Tensor.randn(62, 3, 6, 3, 3).mul(2).add(1);
    for (Activation act : new Activation[] {Activation.RELU, Activation.TANH, Activation.ELU}) {
      for (int groups : new int[] {1, 2, 3, 6}) {
        GradCheck.check(xs -> xs.get(0).groupNorm(groups, xs.get(1), xs.get(2), 1e-5, act), 80 + groups, 1e-7,
            x, Tensor.randn(72, 6), Tensor.randn(73, 6));
        GradCheck.check(t -> t.groupNorm(groups, null, null, 1e-5, act).square(), x, 90 + groups);
      }
    }
  }

  @Test
  void groupNormWithReluGivesTheBitsOfGroupNormThenRelu() {
    Tensor w = Tensor.randn(74, 6);
    Tensor b = Tensor.randn(75, 6);
    Tensor u = Tensor.randn(76, 4, 6, 5, 5);
    Tensor x1 = Tensor.randn(77, 4, 6, 5, 5).requiresGrad();
    Tensor w1 = w.detach().requiresGrad();
    Tensor b1 = b.detach().requiresGrad();
    Tensor fused = x1.groupNorm(3, w1, b1, 1e-5, Activation.RELU);
    fused.mul(u).sum().backward();
    Tensor x2 = x1.detach().requiresGrad();
    Tensor w2 = w.detach().requiresGrad();
    Tensor b2 = b.detach().requiresGrad();
    Tensor apart = x2.groupNorm(3, w2, b2, 1e-5).relu();
    apart.mul(u).sum().backward();
    assertArrayEquals(apart.toArray(), fused.toArray(), 0);
    assertArrayEquals(x2.grad().toArray(), x1.grad().toArray(), 0);
    assertArrayEquals(w2.grad().toArray(), w1.grad().toArray(), 0);
    assertArrayEquals(b2.grad().toArray(), b1.grad().toArray(), 0);
  }

  @Test
  void aConstantChannelGivesTheConvolutionOfTheConcatenatedInput() {
    int[][] configs = {{3, 4, 6, 6, 5, 3, 1, 1}, {2, 3, 7, 5, 4, 4, 2, 1}, {2, 2, 5, 5, 3, 3, 1, 0},
        {1, 2, 4, 3, 2, 5, 1, 2}, {2, 2, 6, 6, 3, 3, 3, 2}};
    long seed = 100;
    for (int[] c : configs) {
      Tensor x = Tensor.randn(seed++, c[0], c[1], c[2], c[3]);
      Tensor w = Tensor.randn(seed++, c[4], c[1] + 1, c[5], c[5]);
      Tensor b = Tensor.randn(seed++, c[4]);
      int stride = c[6];
      int pad = c[7];
      for (double value : new double[] {0.37, -2}) {
        Tensor concatenated = Tensor.concat(1, Tensor.full(value, c[0], 1, c[2], c[3]), x);
        assertArrayEquals(concatenated.conv2d(w, b, stride, pad).toArray(),
            x.conv2dWithConstantChannel(value, w, b, stride, pad).toArray(), 1e-12);
        GradCheck.check(xs -> xs.get(0).conv2dWithConstantChannel(value, xs.get(1), xs.get(2), stride, pad), seed++,
            1e-7, x, w, b);
        GradCheck.check(xs -> xs.get(0).conv2dWithConstantChannel(value, xs.get(1), null, stride, pad).tanh(),
            seed++, 1e-7, x, w);
      }
    }
  }

  @Test
  void badShapesAreRejectedWithBothShapes() {
    Tensor x = Tensor.zeros(1, 3, 5, 5);
    assertThrows(IllegalArgumentException.class, () -> x.conv2d(Tensor.zeros(2, 2, 3, 3), null, 1, 0));
    assertThrows(IllegalArgumentException.class, () -> x.conv2d(Tensor.zeros(2, 3, 3, 3), Tensor.zeros(3), 1, 0));
    assertThrows(IllegalArgumentException.class, () -> x.conv2d(Tensor.zeros(2, 3, 7, 7), null, 1, 0));
    assertThrows(IllegalArgumentException.class, () -> x.conv2d(Tensor.zeros(2, 3, 3, 3), null, 0, 0));
    assertThrows(IllegalArgumentException.class, () -> x.groupNorm(2, null, null, 1e-5));
    assertThrows(IllegalArgumentException.class, () -> x.conv2dWithConstantChannel(1, Tensor.zeros(2, 3, 3, 3), null, 1, 0));
    assertThrows(IllegalArgumentException.class, () -> x.maxPool2d(6, 1));
  }
}
