package org.nodelab.tensor;

/** The packed matrix product's own rate on one thread, for the benchmarks to set the convolutions' rates against. */
public final class PackedProductRate {
  private PackedProductRate() {}

  /**
   * GFLOP/s of {@code C = A·B} for A m × k and B k × n already packed (best of {@code repeats}
   * timings of thread CPU time), counting {@code 2·m·k·n} flops.
   *
   * @param m rows of A
   * @param k inner size
   * @param n columns of B
   * @param repeats timings taken
   * @return the best rate
   */
  public static double gflops(int m, int k, int n, int repeats) {
    double[] a = new double[PackedProduct.rowsLength(m, k)];
    double[] b = new double[PackedProduct.columnsLength(k, n)];
    double[] c = new double[m * n];
    for (int i = 0; i < a.length; i++) {
      a[i] = Math.sin(i);
    }
    for (int i = 0; i < b.length; i++) {
      b[i] = Math.cos(i);
    }
    var bean = java.lang.management.ManagementFactory.getThreadMXBean();
    long best = Long.MAX_VALUE;
    for (int r = 0; r < repeats; r++) {
      long t0 = bean.getCurrentThreadCpuTime();
      PackedProduct.multiply(a, 0, b, 0, m, k, n, c, 0, n, false);
      best = Math.min(best, bean.getCurrentThreadCpuTime() - t0);
    }
    return 2.0 * m * k * n / Math.max(1, best);
  }
}
