package org.nodelab.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The ELU kernel against {@link Math#expm1} (within 2 ulp of the result, or 1e-300 absolute) and its
 * Vector API form against the scalar form bit for bit; the row-wise vector kernel for narrow
 * products against the plain transposed kernel bit for bit (the recurrence's products are those of
 * {@link SmallMlp}, tested in {@code SmallMlpTest}).
 */
class EluAndRecurrenceKernelsTest {
  @Test
  void eluIsWithinTwoUlpOfExpm1AndTheVectorFormGivesTheSameBits() {
    SplittableRandom random = new SplittableRandom(1);
    double[] x = new double[4099];
    for (int i = 0; i < x.length; i++) {
      x[i] = i % 3 == 0 ? random.nextDouble(-50, 5) : random.nextDouble(-1, 1) * Math.pow(10, -random.nextInt(12));
    }
    x[0] = 0;
    x[1] = -0.0;
    x[2] = -700;
    double[] vector = new double[x.length];
    SimdMath.elu(x, vector, 0, x.length);
    for (int i = 0; i < x.length; i++) {
      double expected = x[i] > 0 ? x[i] : Math.expm1(x[i]);
      double scalar = VectorMath.elu(x[i]);
      assertEquals(expected, scalar, Math.max(2 * Math.ulp(expected), 1e-300), "elu(" + x[i] + ")");
      assertEquals(Double.doubleToRawLongBits(scalar), Double.doubleToRawLongBits(vector[i]), "bits at " + x[i]);
    }
    assertEquals(Double.NaN, VectorMath.elu(Double.NaN));
  }

  @Test
  void narrowProductsGiveTheSameBitsAsThePlainKernel() {
    int[][] shapes = {{100, 4, 20}, {50, 20, 4}, {37, 3, 9}, {300, 25, 31}, {64, 20, 2}, {40, 7, 1}};
    for (int[] sh : shapes) {
      int m = sh[0];
      int k = sh[1];
      int n = sh[2];
      double[] a = Tensor.randn(6, m * k).toArray();
      double[] b = Tensor.randn(7, k * n).toArray();
      double[] bias = Tensor.randn(8, n).toArray();
      for (boolean withBias : new boolean[] {false, true}) {
        double[] plain = new double[m * n];
        MatrixKernels.plainRows(a, 0, false, b, 0, false, plain, 0, m, k, n, withBias ? bias : null).run(0, m);
        double[] vector = new double[m * n];
        MatrixKernels.simdRows(a, 0, false, b, 0, false, vector, 0, m, k, n, withBias ? bias : null, false).run(0, m);
        assertArrayEquals(plain, vector, 0, java.util.Arrays.toString(sh));
        if (!withBias) {
          double[] start = Tensor.randn(9, m * n).toArray();
          double[] accumulated = start.clone();
          MatrixKernels.simdRows(a, 0, false, b, 0, false, accumulated, 0, m, k, n, null, true).run(0, m);
          for (int i = 0; i < plain.length; i++) {
            assertEquals(start[i] + plain[i], accumulated[i], 0, "accumulating " + java.util.Arrays.toString(sh));
          }
        }
      }
    }
  }
}
