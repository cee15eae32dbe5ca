package org.nodelab.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Kernels split over threads give bit-for-bit the single-thread results (and the split really
 * happens for large products, and not for small ones); shared pieces each run once.
 */
class ParallelKernelsTest {
  private final int threadsBefore = Tensor.threads();

  @AfterEach
  void restore() {
    Tensor.threads(threadsBefore);
  }

  /** Forward values and all three gradients of {@code σ(x·W + b)} summed with weights. */
  private static List<double[]> affineAndGradients(int batch, int in, int out, Activation act) {
    Tensor x = Tensor.randn(1, batch, in).requiresGrad();
    Tensor w = Tensor.randn(2, in, out).mul(1.0 / Math.sqrt(in)).detach().requiresGrad();
    Tensor b = Tensor.randn(3, out).requiresGrad();
    Tensor y = x.affine(w, b, act);
    y.mul(Tensor.randn(4, batch, out)).sum().backward();
    return List.of(y.toArray(), x.grad().toArray(), w.grad().toArray(), b.grad().toArray());
  }

  @ParameterizedTest(name = "batch {0}, {1} -> {2}, {3}")
  @CsvSource({"512, 16, 256, TANH", "512, 256, 16, TANH", "1000, 64, 64, TANH", "1200, 128, 5, TANH",
      "512, 16, 256, SIGMOID", "1000, 64, 64, RELU"})
  void twoThreadsGiveTheSingleThreadBitsForLargeAffineLayers(int batch, int in, int out, Activation act) {
    Tensor.threads(1);
    List<double[]> one = affineAndGradients(batch, in, out, act);
    Tensor.threads(2);
    long before = Parallel.splits();
    List<double[]> two = affineAndGradients(batch, in, out, act);
    assertTrue(Parallel.splits() > before, "a product of this size is split");
    for (int i = 0; i < one.size(); i++) {
      assertArrayEquals(one.get(i), two.get(i), 0, "output " + i);
    }
  }

  /** Forward values and the three gradients of a group normalisation with ReLU, summed with weights. */
  private static List<double[]> groupNormAndGradients() {
    Tensor x = Tensor.randn(11, 128, 16, 8, 8).requiresGrad();
    Tensor w = Tensor.randn(12, 16).requiresGrad();
    Tensor b = Tensor.randn(13, 16).requiresGrad();
    Tensor y = x.groupNorm(8, w, b, 1e-5, Activation.RELU);
    y.mul(Tensor.randn(14, 128, 16, 8, 8)).sum().backward();
    return List.of(y.toArray(), x.grad().toArray(), w.grad().toArray(), b.grad().toArray());
  }

  @Test
  void twoThreadsGiveTheSingleThreadBitsForALargeGroupNorm() {
    Tensor.threads(1);
    List<double[]> one = groupNormAndGradients();
    Tensor.threads(2);
    long before = Parallel.splits();
    List<double[]> two = groupNormAndGradients();
    assertTrue(Parallel.splits() > before, "a group normalisation of this size is split");
    for (int i = 0; i < one.size(); i++) {
      assertArrayEquals(one.get(i), two.get(i), 0, "output " + i);
    }
  }

  @Test
  void helpersRunPartsOfConsecutiveLargeProducts() {
    Tensor.threads(2);
    Tensor a = Tensor.randn(7, 512, 256);
    Tensor b = Tensor.randn(8, 256, 256);
    double[] expected = reference(a.toArray(), b.toArray(), 512, 256, 256);
    long before = Parallel.helpedParts();
    for (int i = 0; i < 50; i++) {
      assertArrayEquals(expected, a.matmul(b).toArray(), 1e-10);
    }
    assertTrue(Parallel.helpedParts() > before, "no part of 50 products ran on a helper");
  }

  @Test
  void aFailingPartIsRethrownOnTheCallingThread() {
    Tensor.threads(2);
    for (int failing = 0; failing < 2; failing++) {
      int bad = failing;
      var e = assertThrows(IllegalStateException.class, () -> Parallel.rows(1024, 4, Parallel.MIN_WORK, (from, to) -> {
        if ((from == 0) == (bad == 0)) {
          throw new IllegalStateException("part from " + from);
        }
      }));
      assertTrue(e.getMessage().startsWith("part from"), e.getMessage());
    }
  }

  @Test
  void piecesRunEachIndexOnceAndRethrowAFailure() {
    Tensor.threads(2);
    for (int round = 0; round < 200; round++) {
      int[] runs = new int[1563];
      long before = Parallel.splits();
      Parallel.pieces(runs.length, Parallel.MIN_WORK, (from, to) -> {
        for (int i = from; i < to; i++) {
          runs[i]++;
        }
      });
      assertTrue(Parallel.splits() > before, "pieces of this much work are shared");
      for (int i = 0; i < runs.length; i++) {
        assertEquals(1, runs[i], "piece " + i + " in round " + round);
      }
    }
    var e = assertThrows(IllegalStateException.class, () -> Parallel.pieces(64, Parallel.MIN_WORK, (from, to) -> {
      if (from <= 40 && 40 < to) {
        throw new IllegalStateException("piece 40");
      }
    }));
    assertEquals("piece 40", e.getMessage());
  }

  @Test
  void smallProductsStayOnTheCallingThread() {
    Tensor.threads(2);
    long before = Parallel.splits();
    affineAndGradients(20, 2, 50, Activation.TANH);
    affineAndGradients(64, 32, 32, Activation.TANH);
    assertEquals(before, Parallel.splits());
  }

  @Test
  void concurrentCallersGetCorrectProducts() throws Exception {
    Tensor.threads(2);
    Tensor a = Tensor.randn(5, 400, 300);
    Tensor b = Tensor.randn(6, 300, 200);
    double[] expected = reference(a.toArray(), b.toArray(), 400, 300, 200);
    ExecutorService callers = Executors.newFixedThreadPool(3);
    try {
      List<Future<double[]>> results = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        Callable<double[]> product = () -> a.matmul(b).toArray();
        results.add(callers.submit(product));
      }
      for (Future<double[]> r : results) {
        assertArrayEquals(expected, r.get(), 1e-10);
      }
    } finally {
      callers.shutdown();
    }
  }

  @Test
  void threadsMustBePositive() {
    var e = assertThrows(IllegalArgumentException.class, () -> Tensor.threads(0));
    assertTrue(e.getMessage().contains("at least 1, got 0"), e.getMessage());
  }

  /** The textbook triple loop. */
  private static double[] reference(double[] a, double[] b, int m, int k, int n) {
    double[] c = new double[m * n];
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        double s = 0;
        for (int p = 0; p < k; p++) {
          s += a[i * k + p] * b[p * n + j];
        }
        c[i * n + j] = s;
      }
    }
    return c;
  }
}
