package org.nodelab.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Forward values of operations against hand computations, factories, formatting and errors. */
class TensorOpsTest {
  private static final Tensor M = Tensor.of(new double[][] {{1, 2, 3}, {4, 5, 6}});

  @Test
  void factoriesBuildTheExpectedValues() {
    assertArrayEquals(new double[] {1, 0, 0, 1}, Tensor.eye(2).toArray(), 0);
    assertArrayEquals(new double[] {0, 0.25, 0.5, 0.75, 1}, Tensor.linspace(0, 1, 5).toArray(), 0);
    assertArrayEquals(new double[] {7, 7}, Tensor.full(7, 2).toArray(), 0);
    assertArrayEquals(new double[] {1, 1, 1}, Tensor.ones(3).toArray(), 0);
    assertArrayEquals(new int[] {2, 0}, Tensor.zeros(2, 0).shape());
    assertEquals(0, Tensor.scalar(5).rank());
    assertEquals(5.0, Tensor.scalar(5).item());
    assertEquals(6.0, M.get(1, 2));
    assertEquals(3, M.dim(-1));
  }

  @Test
  void stackPutsEqualShapesAlongANewFirstAxis() {
    Tensor a = Tensor.of(new double[] {1, 2});
    Tensor b = Tensor.of(new double[] {3, 4});
    Tensor s = Tensor.stack(java.util.List.of(a, b, a));
    assertArrayEquals(new int[] {3, 2}, s.shape());
    assertArrayEquals(new double[] {1, 2, 3, 4, 1, 2}, s.toArray(), 0);
    var e = assertThrows(IllegalArgumentException.class, () -> Tensor.stack(java.util.List.of(a, M)));
    assertTrue(e.getMessage().contains("part 1 is [2, 3]"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Tensor.stack(java.util.List.of()));
  }

  @Test
  void randomFactoriesAreReproducibleAndHaveTheRightMoments() {
    assertArrayEquals(Tensor.randn(7, 1000).toArray(), Tensor.randn(7, 1000).toArray(), 0);
    assertNotEquals(Tensor.randn(7, 10).get(0), Tensor.randn(8, 10).get(0));
    double[] z = Tensor.randn(1, 100_000).toArray();
    double mean = 0;
    double sq = 0;
    for (double v : z) {
      mean += v;
      sq += v * v;
    }
    mean /= z.length;
    // standard errors: 1/√n ≈ 0.0032 for the mean, √(2/n) ≈ 0.0045 for the variance; 5 of each.
    assertEquals(0, mean, 0.016);
    assertEquals(1, sq / z.length - mean * mean, 0.023);
    for (double u : Tensor.rand(3, 10_000).toArray()) {
      assertTrue(u >= 0 && u < 1);
    }
  }

  @Test
  void reductionsGiveHandComputedValues() {
    assertEquals(21, M.sum().item(), 0);
    assertEquals(3.5, M.mean().item(), 0);
    assertArrayEquals(new double[] {5, 7, 9}, M.sum(0, false).toArray(), 0);
    assertArrayEquals(new int[] {2, 1}, M.sum(1, true).shape());
    assertArrayEquals(new double[] {2, 5}, M.mean(1, false).toArray(), 0);
    assertArrayEquals(new double[] {3, 6}, M.max(1, false).toArray(), 0);
    assertArrayEquals(new double[] {1, 1, 1}, M.argmax(0).toArray(), 0);
    assertArrayEquals(new double[] {2, 2}, M.argmax(1).toArray(), 0);
  }

  @Test
  void softmaxRowsSumToOneAndMatchTheFormula() {
    Tensor s = M.softmax(1);
    double z = Math.exp(1) + Math.exp(2) + Math.exp(3);
    assertEquals(Math.exp(2) / z, s.get(0, 1), 1e-15);
    assertArrayEquals(new double[] {1, 1}, s.sum(1, false).toArray(), 1e-15);
    assertEquals(Math.log(Math.exp(2) / z), M.logSoftmax(1).get(0, 1), 1e-15);
    // Stable for huge logits.
    assertEquals(-Math.log(2), Tensor.of(new double[][] {{1000, 1000}}).logSoftmax(1).get(0, 0), 1e-15);
  }

  @Test
  void matmulTransposeSliceConcatAndReshapeMoveValuesCorrectly() {
    assertArrayEquals(new double[] {14, 32, 32, 77}, M.matmul(M.transpose()).toArray(), 0);
    assertArrayEquals(new double[] {1, 4, 2, 5, 3, 6}, M.transpose().toArray(), 0);
    assertArrayEquals(new double[] {2, 3, 5, 6}, M.slice(1, 1, 3).toArray(), 0);
    assertArrayEquals(new double[] {1, 2, 3, 1, 2, 3, 4, 5, 6, 4, 5, 6},
        Tensor.concat(1, M, M).toArray(), 0);
    assertArrayEquals(new int[] {3, 2}, M.reshape(-1, 2).shape());
    assertArrayEquals(new double[] {14, 32}, M.matmul(Tensor.of(1, 2, 3)).toArray(), 0);
    Tensor batch = Tensor.concat(0, M.reshape(1, 2, 3), M.mul(2).reshape(1, 2, 3));
    assertArrayEquals(new double[] {14, 32, 28, 64},
        batch.matmul(Tensor.of(1, 2, 3).reshape(3, 1)).toArray(), 0);
  }

  @Test
  void elementwiseOpsFollowIeeeInsteadOfThrowing() {
    assertTrue(Double.isNaN(Tensor.of(-1).log().item()));
    assertEquals(Double.POSITIVE_INFINITY, Tensor.of(1).div(Tensor.of(0)).item());
    assertArrayEquals(new double[] {0, 1}, Tensor.of(-1, 1).relu().toArray(), 0);
    assertEquals(Math.log1p(Math.exp(-800)) + 0, Tensor.of(-800).softplus().item(), 0);
    assertEquals(800, Tensor.of(800).softplus().item(), 0);
  }

  @Test
  void tanhKernelIsWithinFourUlpsOfTheLibraryEverywhere() {
    int n = 2_000_001;
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = -25 + 50.0 * i / (n - 1);
    }
    double[] y = Tensor.of(x).tanh().toArray();
    double worst = 0;
    for (int i = 0; i < n; i++) {
      double expected = StrictMath.tanh(x[i]);
      worst = Math.max(worst, Math.abs(y[i] - expected) / Math.ulp(expected));
    }
    assertTrue(worst <= 4, "worst error " + worst + " ulp");
    double[] tiny = {1e-300, -1e-20, 1e-9, 3e-5, 0.01};
    double[] t = Tensor.of(tiny).tanh().toArray();
    for (int i = 0; i < tiny.length; i++) {
      assertEquals(StrictMath.tanh(tiny[i]), t[i], 2 * Math.ulp(StrictMath.tanh(tiny[i])));
    }
    double[] special = Tensor.of(0.0, -0.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN).tanh().toArray();
    assertEquals(Double.doubleToRawLongBits(0.0), Double.doubleToRawLongBits(special[0]));
    assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(special[1]));
    assertEquals(1.0, special[2]);
    assertEquals(-1.0, special[3]);
    assertTrue(Double.isNaN(special[4]));
  }

  @Test
  void sigmoidMatchesItsDefinition() {
    double[] x = {-700, -37, -30, -2, 0, 0.5, 30};
    double[] s = Tensor.of(x).sigmoid().toArray();
    for (int i = 0; i < x.length; i++) {
      double expected = 1 / (1 + Math.exp(-x[i]));
      // relative accuracy, also deep in the left tail where the value is tiny
      assertEquals(expected, s[i], 1e-14 * expected, "sigmoid(" + x[i] + ")");
    }
  }

  @Test
  void toStringShowsShapeAndAbbreviatesLongAxes() {
    assertEquals("Tensor[2, 3] [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]", M.toString());
    String longOne = Tensor.linspace(0, 99, 100).toString();
    assertTrue(longOne.startsWith("Tensor[100] [0.0, 1.0, 2.0, ..., 97.0, 98.0, 99.0]"), longOne);
    assertTrue(Tensor.of(1).requiresGrad().toString().endsWith("requiresGrad"));
    assertTrue(Tensor.of(1).requiresGrad().mul(2).toString().endsWith("grad_fn=mul"));
    assertEquals("Tensor[] 0.500000", Tensor.scalar(0.5).toString());
  }

  @Test
  void shapeErrorsNameTheOperationAndBothShapes() {
    var add = assertThrows(IllegalArgumentException.class, () -> M.add(Tensor.ones(4)));
    assertTrue(add.getMessage().contains("add") && add.getMessage().contains("[2, 3]") && add.getMessage().contains("[4]"), add.getMessage());
    var mm = assertThrows(IllegalArgumentException.class, () -> M.matmul(M));
    assertTrue(mm.getMessage().contains("matmul") && mm.getMessage().contains("[2, 3]"), mm.getMessage());
    var af = assertThrows(IllegalArgumentException.class, () -> M.affine(Tensor.ones(2, 2), null, Activation.TANH));
    assertTrue(af.getMessage().contains("[2, 3]") && af.getMessage().contains("[2, 2]"), af.getMessage());
    assertThrows(IllegalArgumentException.class, () -> M.affine(Tensor.ones(3, 2), Tensor.ones(3), Activation.TANH));
    var axis = assertThrows(IllegalArgumentException.class, () -> M.sum(2, false));
    assertTrue(axis.getMessage().contains("axis 2") && axis.getMessage().contains("rank 2"), axis.getMessage());
    assertThrows(IllegalArgumentException.class, () -> M.reshape(4, 2));
    assertThrows(IllegalArgumentException.class, () -> M.reshape(-1, -1));
    assertThrows(IllegalArgumentException.class, () -> M.slice(1, 2, 5));
    assertThrows(IllegalArgumentException.class, () -> Tensor.concat(0, M, Tensor.ones(2, 2)));
    assertThrows(IllegalArgumentException.class, () -> Tensor.of(new double[][] {{1, 2}, {3}}));
    assertThrows(IllegalArgumentException.class, () -> Tensor.of(new double[] {1, 2, 3}, 2, 2));
    assertThrows(IllegalStateException.class, M::item);
    assertThrows(IndexOutOfBoundsException.class, () -> M.get(2, 0));
    assertThrows(IllegalArgumentException.class, () -> M.get(0));
    assertThrows(IllegalArgumentException.class, () -> Tensor.combine(M, new double[] {1}, new Tensor[] {Tensor.ones(3)}));
    assertThrows(IllegalArgumentException.class, () -> Tensor.linspace(0, 1, 0));
    assertThrows(IllegalArgumentException.class, () -> Tensor.scalar(1).transpose());
  }
}
