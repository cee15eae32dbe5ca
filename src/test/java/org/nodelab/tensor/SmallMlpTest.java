package org.nodelab.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nodelab.testing.GradCheck;

/**
 * The fused small perceptron against the chain of affine layers it replaces (values, to 1e-13),
 * against central differences along random directions (gradients of the input, every weight and
 * bias, with a row count that leaves the last chunk partly filled), bit for bit for one and two
 * threads, and its Vector API products and activation derivatives against their plain loops bit for bit.
 */
class SmallMlpTest {
  private final int threadsBefore = Tensor.threads();

  @AfterEach
  void restoreThreads() {
    Tensor.threads(threadsBefore);
  }

  private static Tensor chain(Tensor x, Tensor[] w, Tensor[] b, Activation[] acts) {
    Tensor h = x;
    for (int l = 0; l < w.length; l++) {
      h = h.affine(w[l], b[l], acts[l]);
    }
    return h;
  }

  private static Tensor[] weights(long seed, int... widths) {
    Tensor[] w = new Tensor[widths.length - 1];
    for (int l = 0; l < w.length; l++) {
      w[l] = Tensor.randn(seed + l, widths[l], widths[l + 1]).mul(0.5);
    }
    return w;
  }

  @Test
  void matchesTheChainOfAffineLayers() {
    Activation[] acts = {Activation.ELU, Activation.TANH, Activation.IDENTITY};
    for (int rows : new int[] {1, 63, 64, 150}) {
      Tensor x = Tensor.randn(1, rows, 3);
      Tensor[] w = weights(2, 3, 7, 5, 2);
      Tensor[] b = {Tensor.randn(10, 7), null, Tensor.randn(11, 2)};
      assertArrayEquals(chain(x, w, b, acts).toArray(), Tensor.mlp(x, w, b, acts).toArray(), 1e-13);
    }
    Tensor x3 = Tensor.randn(3, 4, 5, 4);
    Tensor[] w = weights(4, 4, 20, 20, 4);
    Tensor[] b = {Tensor.randn(12, 20), Tensor.randn(13, 20), Tensor.randn(14, 4)};
    Activation[] elu = {Activation.ELU, Activation.ELU, Activation.IDENTITY};
    Tensor y = Tensor.mlp(x3, w, b, elu);
    assertArrayEquals(new int[] {4, 5, 4}, y.shape());
    assertArrayEquals(chain(x3, w, b, elu).toArray(), y.toArray(), 1e-13);
  }

  @Test
  void gradientsMatchCentralDifferences() {
    Activation[] acts = {Activation.ELU, Activation.RELU, Activation.TANH, Activation.IDENTITY};
    int[] widths = {3, 6, 5, 4, 2};
    Tensor[] w = weights(20, widths);
    List<Tensor> inputs = new ArrayList<>();
    inputs.add(Tensor.randn(30, 70, 3));
    for (int l = 0; l < w.length; l++) {
      inputs.add(w[l]);
      inputs.add(Tensor.randn(40 + l, widths[l + 1]).mul(0.3));
    }
    GradCheck.check(v -> {
      Tensor[] ws = new Tensor[4];
      Tensor[] bs = new Tensor[4];
      for (int l = 0; l < 4; l++) {
        ws[l] = v.get(1 + 2 * l);
        bs[l] = v.get(2 + 2 * l);
      }
      return Tensor.mlp(v.get(0), ws, bs, acts);
    }, 50, 1e-7, inputs.toArray(new Tensor[0]));
  }

  @Test
  void givesTheSameBitsOnOneAndTwoThreads() {
    Activation[] acts = {Activation.ELU, Activation.ELU, Activation.IDENTITY};
    double[][] runs = new double[2][];
    for (int threads = 1; threads <= 2; threads++) {
      Tensor.threads(threads);
      Tensor x = Tensor.randn(60, 1000, 4).requiresGrad();
      Tensor[] w = weights(61, 4, 20, 20, 4);
      Tensor[] b = {Tensor.randn(62, 20), Tensor.randn(63, 20), Tensor.randn(64, 4)};
      for (Tensor t : w) {
        t.requiresGrad();
      }
      Tensor y = Tensor.mlp(x, w, b, acts);
      y.square().sum().backward();
      double[] all = new double[y.size() + x.size() + w[1].size()];
      System.arraycopy(y.toArray(), 0, all, 0, y.size());
      System.arraycopy(x.grad().toArray(), 0, all, y.size(), x.size());
      System.arraycopy(w[1].grad().toArray(), 0, all, y.size() + x.size(), w[1].size());
      runs[threads - 1] = all;
    }
    for (int i = 0; i < runs[0].length; i++) {
      assertEquals(Double.doubleToRawLongBits(runs[0][i]), Double.doubleToRawLongBits(runs[1][i]), "element " + i);
    }
  }

  @Test
  void vectorProductsGiveTheSameBitsAsThePlainLoops() {
    if (!Simd.AVAILABLE) {
      return;
    }
    SplittableRandom random = new SplittableRandom(7);
    for (int[] km : new int[][] {{4, 20}, {20, 4}, {5, 2}, {3, 7}, {1, 1}, {27, 25}, {25, 27}, {9, 6}}) {
      int k = km[0];
      int m = km[1];
      double[] w = random.doubles(k * m, -1, 1).toArray();
      double[] bias = random.doubles(m, -1, 1).toArray();
      double[] a = random.doubles(k * SmallMlp.CHUNK, -1, 1).toArray();
      double[] gz = random.doubles(m * SmallMlp.CHUNK, -1, 1).toArray();
      double[] plain = new double[m * SmallMlp.CHUNK];
      double[] vector = new double[m * SmallMlp.CHUNK];
      SmallMlp.layerPlain(w, k, m, bias, a, 0, plain, 0);
      SimdSmallMlp.layer(w, k, m, bias, a, 0, vector, 0);
      assertArrayEquals(plain, vector, 0.0, "layer " + k + " -> " + m);
      SmallMlp.layerPlain(w, k, m, null, a, 0, plain, 0);
      SimdSmallMlp.layer(w, k, m, null, a, 0, vector, 0);
      assertArrayEquals(plain, vector, 0.0, "layer without bias " + k + " -> " + m);
      double[] gwPlain = new double[k * m];
      for (int p = 0; p < k; p++) {
        for (int j = 0; j < m; j++) {
          double sum = 0;
          for (int c = 0; c < SmallMlp.CHUNK; c++) {
            sum += a[p * SmallMlp.CHUNK + c] * gz[j * SmallMlp.CHUNK + c];
          }
          gwPlain[p * m + j] = sum;
        }
      }
      double[] shifted = new double[3 * SmallMlp.CHUNK + a.length];
      System.arraycopy(a, 0, shifted, 3 * SmallMlp.CHUNK, a.length);
      double[] lanesPlain = random.doubles(k * m * SmallMlp.LANES, -1, 1).toArray();
      double[] lanesVector = lanesPlain.clone();
      double[] start = lanesPlain.clone();
      SmallMlp.gradWeightsLanesPlain(shifted, 3 * SmallMlp.CHUNK, k, gz, m, lanesPlain);
      SimdSmallMlp.gradWeightsLanes(shifted, 3 * SmallMlp.CHUNK, k, gz, m, lanesVector);
      assertArrayEquals(lanesPlain, lanesVector, 0.0, "weight-gradient lanes " + k + " x " + m);
      double[] fromZero = new double[k * m * SmallMlp.LANES];
      SmallMlp.gradWeightsLanesPlain(a, 0, k, gz, m, fromZero);
      double[] reduced = SmallMlp.reduceLanes(fromZero);
      for (int i = 0; i < reduced.length; i++) {
        assertEquals(gwPlain[i], reduced[i], 1e-13, "lanes reduced: the weight gradient at " + i);
        assertEquals(start[i * 4] + fromZero[i * 4], lanesPlain[i * 4], 1e-12, "lanes accumulate at " + i);
      }
    }
    double[] y = random.doubles(203, -1, 1).toArray();
    for (Activation act : new Activation[] {Activation.TANH, Activation.ELU, Activation.RELU}) {
      double[] g = random.doubles(203, -2, 2).toArray();
      double[] expected = g.clone();
      Kernels.activationGrad(act, java.util.Arrays.copyOfRange(y, 3, 203), g.clone(), expected, 0, 200);
      double[] vector = g.clone();
      SimdSmallMlp.derivative(act, y, 3, vector, 0, 200);
      double[] plain = g.clone();
      SmallMlp.derivativePlain(act, y, 3, plain, 0, 200);
      for (int i = 0; i < 200; i++) {
        assertEquals(Double.doubleToRawLongBits(expected[i]), Double.doubleToRawLongBits(vector[i]), act + " at " + i);
        assertEquals(Double.doubleToRawLongBits(expected[i]), Double.doubleToRawLongBits(plain[i]), act + " at " + i);
      }
    }
  }
}
