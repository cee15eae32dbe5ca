package org.nodelab.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The Vector API kernels against the plain loops, bit for bit: both compute every element by the
 * same operations in the same order. The tests run with {@code --add-modules jdk.incubator.vector}
 * (Maven's surefire configuration), so the Vector API kernels are the ones in use.
 */
class SimdKernelsTest {

  @Test
  void theTestsRunWithTheVectorApi() {
    assertTrue(Simd.AVAILABLE, "surefire starts the JVM with --add-modules jdk.incubator.vector");
    assertTrue(Simd.bits() >= 256, "vector width " + Simd.bits());
  }

  @Test
  void tanhAgreesWithThePlainKernelBitForBit() {
    SplittableRandom random = new SplittableRandom(7);
    int n = 4099;
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = random.nextGaussian() * Math.pow(10, random.nextInt(-12, 3));
    }
    double[] specials = {0.0, -0.0, 1e-300, -1e-300, 19.0, 19.1, -19.1, 19.2, 40, -40, 710, -746, 1e308,
        Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN, Double.MIN_VALUE, 0.34657359027997264};
    System.arraycopy(specials, 0, x, 0, specials.length);
    double[] plain = new double[n];
    double[] simd = new double[n];
    VectorMath.tanh(x, plain, 0, n);
    SimdMath.tanh(x, simd, 0, n);
    for (int start : new int[] {0, 1, 3, 17}) {
      double[] part = new double[n];
      SimdMath.tanh(x, part, start, n - start);
      for (int i = start; i < n - start; i++) {
        assertEquals(Double.doubleToRawLongBits(plain[i]), Double.doubleToRawLongBits(part[i]), "x = " + x[i]);
      }
    }
    for (int i = 0; i < n; i++) {
      assertEquals(Double.doubleToRawLongBits(plain[i]), Double.doubleToRawLongBits(simd[i]), "x = " + x[i]);
    }
  }

  @Test
  void matrixProductsAgreeWithThePlainKernelsBitForBit() {
    SplittableRandom random = new SplittableRandom(11);
    int[] sizes = {0, 1, 2, 3, 4, 5, 7, 8, 9, 16, 20, 31, 32, 33, 50, 67, 130, 260};
    int cases = 0;
    for (int trial = 0; trial < 400; trial++) {
      int m = sizes[random.nextInt(sizes.length)];
      int k = sizes[random.nextInt(sizes.length)];
      int n = sizes[random.nextInt(sizes.length)];
      if ((long) m * k * n > 2_000_000) {
        continue;
      }
      boolean transA = random.nextBoolean();
      boolean transB = random.nextBoolean();
      int aOff = random.nextInt(3);
      int bOff = random.nextInt(3);
      int cOff = random.nextInt(3);
      double[] a = gaussian(random, aOff + m * k);
      double[] b = gaussian(random, bOff + k * n);
      double[] bias = random.nextBoolean() ? gaussian(random, n) : null;
      double[] plain = new double[cOff + m * n];
      double[] simd = new double[cOff + m * n];
      MatrixKernels.plainRows(a, aOff, transA, b, bOff, transB, plain, cOff, m, k, n, bias).run(0, m);
      MatrixKernels.simdRows(a, aOff, transA, b, bOff, transB, simd, cOff, m, k, n, bias, false).run(0, m);
      String shape = "[" + m + ", " + k + "]x[" + k + ", " + n + "] transA " + transA + " transB " + transB
          + " bias " + (bias != null);
      assertArrayEquals(bits(plain), bits(simd), shape);
      double[] before = gaussian(random, cOff + m * n);
      double[] added = before.clone();
      double[] accumulated = before.clone();
      for (int i = cOff; i < added.length; i++) {
        added[i] += plain[i];
      }
      MatrixKernels.simdRows(a, aOff, transA, b, bOff, transB, accumulated, cOff, m, k, n, bias, true).run(0, m);
      assertArrayEquals(bits(added), bits(accumulated), "accumulating " + shape);
      cases++;
    }
    assertTrue(cases > 300, cases + " cases");
  }

  @Test
  void columnSumsAddTheRowsInOrder() {
    SplittableRandom random = new SplittableRandom(3);
    for (int cols : new int[] {1, 3, 4, 5, 50, 67}) {
      int rows = 1 + random.nextInt(30);
      double[] g = gaussian(random, rows * cols);
      double[] expected = gaussian(random, cols);
      double[] actual = expected.clone();
      for (int r = 0; r < rows; r++) {
        for (int j = 0; j < cols; j++) {
          expected[j] += g[r * cols + j];
        }
      }
      SimdMath.sumRowsInto(g, actual, rows, cols, 0, cols);
      assertArrayEquals(bits(expected), bits(actual), rows + " x " + cols);
    }
  }

  @Test
  void groupNormBackwardLoopsAgreeWithThePlainLoopsBitForBit() {
    SplittableRandom random = new SplittableRandom(5);
    for (int n : new int[] {1, 3, 4, 5, 36, 37, 103}) {
      double[] x = gaussian(random, n + 2);
      double[] g = gaussian(random, n + 2);
      double[] out = gaussian(random, n + 2);
      for (int i = 0; i < out.length; i++) {
        out[i] = i % 7 == 3 ? Double.NaN : Math.max(out[i], 0.0);
      }
      for (double[] relu : new double[][] {null, out}) {
        double[] plain = new double[10];
        double[] simd = new double[10];
        GroupNormalization.channelSums(x, relu, g, 1, n + 1, 0.3, 1.7, plain);
        SimdGroupNorm.channelSums(x, relu, g, 1, n + 1, 0.3, 1.7, simd);
        assertArrayEquals(bits(java.util.Arrays.copyOf(plain, 2)), bits(java.util.Arrays.copyOf(simd, 2)), "sums over " + n);
        double[] gxPlain = gaussian(new SplittableRandom(n), n + 2);
        double[] gxSimd = gxPlain.clone();
        GroupNormalization.inputGradient(x, relu, g, 1, n + 1, 0.3, 1.7, 0.8, 0.11, -0.4, gxPlain);
        SimdGroupNorm.inputGradient(x, relu, g, 1, n + 1, 0.3, 1.7, 0.8, 0.11, -0.4, gxSimd);
        assertArrayEquals(bits(gxPlain), bits(gxSimd), "input gradient over " + n);
      }
      double[] scratch = new double[4];
      assertEquals(Double.doubleToRawLongBits(GroupNormalization.sum(x, 1, n + 1, 0, false)),
          Double.doubleToRawLongBits(SimdGroupNorm.sum(x, 1, n + 1, 0, false, scratch)), "sum over " + n);
      assertEquals(Double.doubleToRawLongBits(GroupNormalization.sum(x, 1, n + 1, 0.3, true)),
          Double.doubleToRawLongBits(SimdGroupNorm.sum(x, 1, n + 1, 0.3, true, scratch)), "squares over " + n);
    }
  }

  private static double[] gaussian(SplittableRandom random, int n) {
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = random.nextGaussian();
    }
    return x;
  }

  private static long[] bits(double[] x) {
    long[] out = new long[x.length];
    for (int i = 0; i < x.length; i++) {
      out[i] = Double.doubleToRawLongBits(x[i]);
    }
    return out;
  }
}
