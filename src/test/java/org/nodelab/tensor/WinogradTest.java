package org.nodelab.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Winograd's F(m×m, 3×3) convolutions (m = 2, 4, 6) and their gradients against the direct sums of
 * the definition ({@code y[n,o,i,j] = b[o] + Σ w[o,c,u,v]·x[n,c,i+u−1,j+v−1]}), computed here loop
 * by loop, to a relative 1e-12 of the largest value: image sizes that are and are not multiples of
 * the tile (partial tiles), several chunks of samples, one pixel; and the one-dimensional identity
 * {@code Aᵀ[(G g) ⊙ (Bᵀ d)] = g ⋆ d} of every F(m, 2) and F(m, 3) tiling on small integers.
 */
class WinogradTest {
  private static final double TOL = 1e-12;

  @Test
  void eachTilingComputesTheOneDimensionalCorrelation() {
    for (int r = 2; r <= 3; r++) {
      for (int m = 2; m + r - 1 <= 8; m++) {
        WinogradTiling t = WinogradTiling.of(m, r);
        int alpha = t.alpha();
        double[] g = {3, -1, 2};
        double[] d = new double[alpha];
        for (int i = 0; i < alpha; i++) {
          d[i] = i * i - 4 * i + 1;
        }
        for (int i = 0; i < m; i++) {
          double y = 0;
          for (int j = 0; j < alpha; j++) {
            double gj = 0;
            double dj = 0;
            for (int k = 0; k < r; k++) {
              gj += t.g()[j * r + k] * g[k];
            }
            for (int l = 0; l < alpha; l++) {
              dj += t.bt()[j * alpha + l] * d[l];
            }
            y += t.at()[i * alpha + j] * gj * dj;
          }
          double expected = 0;
          for (int k = 0; k < r; k++) {
            expected += g[k] * d[i + k];
          }
          assertTrue(Math.abs(y - expected) <= 1e-12 * Math.abs(expected) + 1e-12,
              "F(" + m + ", " + r + ") output " + i + ": " + y + " against " + expected);
        }
      }
    }
  }

  @Test
  void shapesPickTheTilingWithLeastWork() {
    assertEquals(6, WinogradTiling.best(6, 6, 3, 65, 64).m(), "one tile covers a 6×6 map");
    assertEquals(4, WinogradTiling.best(7, 7, 3, 65, 64).m(), "4 tiles of 4×4 cover 7×7 (6×6 would need 4 of 8×8)");
  }

  @Test
  void forwardAndGradientsMatchTheDirectSums() {
    for (int m : new int[] {2, 4, 6}) {
      check(WinogradTiling.of(m));
    }
  }

  @Test
  void theShapesOwnTilingMatchesTheDirectSums() {
    check(null);
  }

  private static void check(WinogradTiling tiling) {
    int[][] shapes = {{37, 5, 6, 6, 7}, {2, 3, 7, 5, 4}, {1, 2, 1, 1, 3}, {3, 65, 6, 6, 64}, {2, 4, 13, 11, 5}};
    long seed = 1;
    for (int[] s : shapes) {
      int n = s[0];
      int c = s[1];
      int h = s[2];
      int w = s[3];
      int o = s[4];
      SplittableRandom random = new SplittableRandom(seed++);
      double[] x = fill(random, n * c * h * w);
      double[] wt = fill(random, o * c * 9);
      double[] b = fill(random, o);
      double[] gy = fill(random, n * o * h * w);
      double[] y = tiling == null ? Winograd.forward(x, wt, b, n, c, h, w, o)
          : Winograd.forward(tiling, x, wt, b, n, c, h, w, o);
      double[] gx = new double[x.length];
      double[] gw = new double[wt.length];
      if (tiling == null) {
        Winograd.backward(x, wt, gy, gx, gw, n, c, h, w, o);
      } else {
        Winograd.backward(tiling, x, wt, gy, gx, gw, n, c, h, w, o);
      }
      DirectConvolution expected = DirectConvolution.of(x, wt, b, gy, n, c, h, w, o, 3, 1, 1);
      String shape = java.util.Arrays.toString(s) + (tiling == null ? "" : " F(" + tiling.m() + ", 3)");
      assertClose(expected.y(), y, "output " + shape);
      assertClose(expected.gx(), gx, "input gradient " + shape);
      assertClose(expected.gw(), gw, "weight gradient " + shape);
    }
  }

  static void assertClose(double[] expected, double[] actual, String what) {
    double scale = 0;
    double error = 0;
    for (int i = 0; i < expected.length; i++) {
      scale = Math.max(scale, Math.abs(expected[i]));
      error = Math.max(error, Math.abs(expected[i] - actual[i]));
    }
    assertTrue(error <= TOL * scale, what + ": largest error " + error + " against largest value " + scale + ", expected"
        + " at most " + TOL + " of it");
  }

  static double[] fill(SplittableRandom random, int size) {
    double[] v = new double[size];
    for (int i = 0; i < size; i++) {
      v[i] = random.nextDouble(-1, 1);
    }
    return v;
  }
}
