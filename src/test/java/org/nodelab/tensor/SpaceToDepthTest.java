package org.nodelab.tensor;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Stride-2 4×4 convolutions, run as Winograd F(m×m, 2×2) over the image's four phases, against the
 * direct sums of the definition ({@code y[n,o,i,j] = b[o] + Σ w[o,c,u,v]·x[n,c,2i+u−p,2j+v−p]})
 * computed here loop by loop, values and the gradients of {@code Σ y·seed}, to a relative 1e-12 of
 * the largest value: even and odd sizes, paddings 0, 1 and 2, the ODE-Net's downsampling shape, and
 * one with fewer channels than {@link SpaceToDepth#MIN_CHANNELS} (image-to-column).
 */
class SpaceToDepthTest {
  @Test
  void stridedConvolutionsMatchTheDirectSums() {
    int[][] shapes = {{2, 16, 8, 6, 4, 1}, {1, 17, 9, 7, 3, 0}, {3, 16, 5, 5, 2, 2}, {2, 16, 26, 26, 8, 1},
        {1, 20, 13, 13, 6, 1}, {2, 3, 8, 6, 4, 1}};
    long seed = 11;
    for (int[] s : shapes) {
      int n = s[0];
      int c = s[1];
      int h = s[2];
      int w = s[3];
      int o = s[4];
      int p = s[5];
      int ho = (h + 2 * p - 4) / 2 + 1;
      int wo = (w + 2 * p - 4) / 2 + 1;
      SplittableRandom random = new SplittableRandom(seed++);
      double[] x = WinogradTest.fill(random, n * c * h * w);
      double[] wt = WinogradTest.fill(random, o * c * 16);
      double[] b = WinogradTest.fill(random, o);
      double[] gy = WinogradTest.fill(random, n * o * ho * wo);
      Tensor tx = Tensor.of(x, n, c, h, w).requiresGrad();
      Tensor tw = Tensor.of(wt, o, c, 4, 4).requiresGrad();
      Tensor tb = Tensor.of(b, o).requiresGrad();
      Tensor y = tx.conv2d(tw, tb, 2, p);
      y.backward(Tensor.of(gy, n, o, ho, wo));
      DirectConvolution expected = DirectConvolution.of(x, wt, b, gy, n, c, h, w, o, 4, 2, p);
      String shape = java.util.Arrays.toString(s);
      WinogradTest.assertClose(expected.y(), y.toArray(), "output " + shape);
      WinogradTest.assertClose(expected.gx(), tx.grad().toArray(), "input gradient " + shape);
      WinogradTest.assertClose(expected.gw(), tw.grad().toArray(), "weight gradient " + shape);
    }
  }
}
