package org.nodelab.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The packed products against the definition: every output element the chain {@code s = fma(a_p,
 * b_p, s)} over p from zero, computed here element by element, bit for bit, on shapes with partial
 * blocks and panels and with inner sizes beyond one pass of the Vector API kernel.
 */
class PackedProductTest {
  private static final int[][] SHAPES = {{1, 1, 1}, {4, 3, 12}, {5, 7, 13}, {64, 585, 36}, {9, 300, 25}, {3, 520, 2}};

  @Test
  void scalarKernelEqualsTheFusedMultiplyAddChainBitForBit() {
    for (int[] s : SHAPES) {
      check(s[0], s[1], s[2], false);
    }
  }

  @Test
  void vectorKernelEqualsTheFusedMultiplyAddChainBitForBit() {
    assertTrue(Simd.AVAILABLE, "the tests run with the Vector API module");
    for (int[] s : SHAPES) {
      check(s[0], s[1], s[2], true);
    }
  }

  private static void check(int m, int k, int n, boolean vector) {
    SplittableRandom random = new SplittableRandom(m * 1000 + k * 10 + n);
    double[] a = new double[m * k];
    double[] b = new double[k * n];
    for (int i = 0; i < a.length; i++) {
      a[i] = random.nextDouble(-1, 1);
    }
    for (int i = 0; i < b.length; i++) {
      b[i] = random.nextDouble(-1, 1);
    }
    double[] expected = new double[m * n];
    double[] expectedAcc = new double[m * n];
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        double sum = 0;
        for (int p = 0; p < k; p++) {
          sum = Math.fma(a[i * k + p], b[p * n + j], sum);
        }
        expected[i * n + j] = sum;
        expectedAcc[i * n + j] = 0.25 * (i - j) + sum;
      }
    }
    int off = 3;
    double[] ap = new double[off + PackedProduct.rowsLength(m, k)];
    double[] bp = new double[off + PackedProduct.columnsLength(k, n)];
    double[] packA = new double[PackedProduct.rowsLength(m, k)];
    double[] packB = new double[PackedProduct.columnsLength(k, n)];
    PackedProduct.packRows(a, 0, k, 1, m, k, packA);
    PackedProduct.packColumns(b, 0, n, 1, k, n, packB);
    System.arraycopy(packA, 0, ap, off, packA.length);
    System.arraycopy(packB, 0, bp, off, packB.length);
    double[] c = new double[m * n + 2];
    double[] cAcc = new double[m * n + 2];
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        cAcc[2 + i * n + j] = 0.25 * (i - j);
      }
    }
    if (vector) {
      SimdPackedProduct.multiply(ap, off, bp, off, m, k, n, c, 2, n, false);
      SimdPackedProduct.multiply(ap, off, bp, off, m, k, n, cAcc, 2, n, true);
    } else {
      PackedProduct.plain(ap, off, bp, off, m, k, n, c, 2, n, false);
      PackedProduct.plain(ap, off, bp, off, m, k, n, cAcc, 2, n, true);
    }
    assertArrayEquals(expected, java.util.Arrays.copyOfRange(c, 2, c.length), 0.0, m + "x" + k + "x" + n);
    assertArrayEquals(expectedAcc, java.util.Arrays.copyOfRange(cAcc, 2, cAcc.length), 0.0, m + "x" + k + "x" + n);
  }
}
