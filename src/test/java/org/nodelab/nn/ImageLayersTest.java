package org.nodelab.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.nodelab.Lab.convField;
import static org.nodelab.Lab.downsampling;
import static org.nodelab.Lab.head;
import static org.nodelab.Lab.ode;
import static org.nodelab.Lab.rk45;

import org.junit.jupiter.api.Test;
import org.nodelab.Lab;
import org.nodelab.model.ImageModels;
import org.nodelab.model.NeuralOde;
import org.nodelab.tensor.Tensor;

/**
 * The convolutional layers: PyTorch's initialisation bounds and moments, the time channel of
 * {@link ConcatConv2d}, and the parameter counts of the paper's MNIST networks (208,266 for the
 * ODE-Net and 576,778 for the 6-block ResNet at 64 channels, as torchdiffeq's {@code odenet_mnist.py}
 * reports them).
 */
class ImageLayersTest {
  @Test
  void conv2dIsInitialisedUniformlyOnPlusMinusOneOverRootFanIn() {
    Conv2d conv = new Conv2d(16, 32, 3, 1, 1, 7);
    double bound = 1 / Math.sqrt(16 * 9);
    double[] w = conv.weight().toArray();
    double max = 0;
    double sumSq = 0;
    for (double v : w) {
      max = Math.max(max, Math.abs(v));
      sumSq += v * v;
    }
    assertEquals(bound, max, 0.01 * bound, "largest |weight| near the bound");
    // Var of U(-b, b) is b²/3; over 4608 draws the sample variance errs by about 2%.
    assertEquals(bound * bound / 3, sumSq / w.length, 0.08 * bound * bound / 3);
    for (double v : conv.bias().toArray()) {
      assertEquals(0, v, bound);
    }
    assertArrayEquals(new int[] {32, 16, 3, 3}, conv.weight().shape());
  }

  @Test
  void groupNormStartsAsPlainNormalisation() {
    GroupNorm norm = new GroupNorm(2, 4);
    Tensor x = Tensor.randn(3, 2, 4, 3, 3).mul(5).add(2);
    Tensor y = norm.apply(x);
    double[] v = y.toArray();
    for (int group = 0; group < 4; group++) {
      double mean = 0;
      double sq = 0;
      for (int i = 0; i < 18; i++) {
        mean += v[group * 18 + i] / 18;
        sq += v[group * 18 + i] * v[group * 18 + i] / 18;
      }
      assertEquals(0, mean, 1e-12, "mean of group " + group);
      assertEquals(1, sq - mean * mean, 1e-5, "variance of group " + group + " (eps 1e-5 shrinks it slightly)");
    }
    assertEquals(8, norm.parameterCount());
  }

  @Test
  void concatConvSeesTheTimeAsAConstantFirstChannel() {
    ConcatConv2d conv = new ConcatConv2d(2, 3, 3, 1, 1, 9);
    Tensor w = conv.parameters().get(0).value();
    Tensor b = conv.parameters().get(1).value();
    Tensor zero = Tensor.zeros(1, 2, 5, 5);
    double t = 0.7;
    Tensor y = conv.apply(t, zero);
    // At the centre pixel the whole 3×3 window is inside: y = b + t·Σ w[o, 0, :, :].
    for (int o = 0; o < 3; o++) {
      double expected = b.get(o);
      for (int u = 0; u < 3; u++) {
        for (int v = 0; v < 3; v++) {
          expected += t * w.get(o, 0, u, v);
        }
      }
      assertEquals(expected, y.get(0, o, 2, 2), 1e-14);
    }
  }

  @Test
  void thePapersNetworksHaveTorchdiffeqsParameterCounts() {
    Lab.seed(0);
    NeuralOde odeNet = ode(convField(64)).from(downsampling(64)).to(head(64)).solve(rk45.rtol(1e-3).atol(1e-3)).until(1);
    assertEquals(208_266, odeNet.parameterCount());
    assertEquals(576_778, ImageModels.resNet(6, 64, 1).parameterCount());
    Tensor logits = Tensor.noGrad(() -> odeNet.apply(Tensor.rand(1, 2, 1, 28, 28)));
    assertArrayEquals(new int[] {2, 10}, logits.shape());
  }
}
