package org.nodelab.tensor;

/**
 * Runs every Vector API kernel over small shapes that take each of its branches (vector blocks,
 * scalar tails, both accumulation modes, with and without bias) until C2 has compiled them: at
 * least {@link #MIN_ROUNDS} rounds, then until a round runs at compiled speed, or for at most
 * {@link #MAX_NANOS}.
 */
final class SimdWarmUp {
  private static final int MIN_ROUNDS = 3000;
  private static final long MAX_NANOS = 20_000_000_000L;

  /** A round of the small shapes below takes a few microseconds once compiled, milliseconds before. */
  private static final long COMPILED_ROUND_NANOS = 50_000;

  private static final Activation[] DERIVATIVES = {Activation.TANH, Activation.ELU, Activation.RELU};

  private SimdWarmUp() {}

  static void run() {
    int lanes = SimdMath.lanes();
    double[] x = filled(64 * lanes + 64);
    double[] y = new double[x.length];
    long start = System.nanoTime();
    int fast = 0;
    for (int round = 0; System.nanoTime() - start < MAX_NANOS; round++) {
      long t0 = System.nanoTime();
      SimdMath.tanh(x, y, 1, 2 * lanes + 4);
      SimdMath.sumRowsInto(x, y, 3, lanes + 1, 0, lanes + 1);
      SimdMath.elu(x, y, 1, 2 * lanes + 4);
      SimdRowCombination.apply(x, 6, 5, x, 3, 2, y, 1, 7, 6);
      SimdSmallMlp.layer(x, 3, 5, x, x, 1, y, 0);
      SimdSmallMlp.gradWeightsLanes(x, 0, 5, x, 5, y);
      SimdSmallMlp.derivative(DERIVATIVES[round % DERIVATIVES.length], x, 1, y, 0, 2 * lanes + 3);
      SimdGroupNorm.channelSums(x, x, y, 1, 3 * lanes + 4, 0.1, 1.2, y);
      SimdGroupNorm.channelSums(x, null, y, 1, 3 * lanes + 4, 0.1, 1.2, y);
      SimdGroupNorm.inputGradient(x, x, x, 1, 3 * lanes + 4, 0.1, 1.2, 0.9, 0.1, 0.2, y);
      SimdGroupNorm.sum(x, 1, 3 * lanes + 4, 0.1, true, y);
      SimdGroupNorm.sum(x, 1, 3 * lanes + 4, 0, false, y);
      SimdGroupNorm.inputGradient(x, null, x, 1, 3 * lanes + 4, 0.1, 1.2, 0.9, 0.1, 0.2, y);
      for (int variant = 0; variant < 8; variant++) {
        boolean transA = (variant & 1) != 0;
        boolean transB = (variant & 2) != 0;
        boolean acc = (variant & 4) != 0;
        double[] bias = acc ? null : x;
        product(x, y, transA, transB, 5, 3, 3 * lanes + 1, bias, acc);
        product(x, y, transA, transB, 5, 3, 3, bias, acc);
        product(x, y, transA, transB, 3 * lanes + 1, 3, 3, bias, acc);
        product(x, y, transA, transB, 33, 2, 3, bias, acc);
        product(x, y, transA, transB, 2, 3, 5 * lanes + 1, bias, acc);
      }
      long nanos = System.nanoTime() - t0;
      fast = nanos < COMPILED_ROUND_NANOS ? fast + 1 : 0;
      if (round >= MIN_ROUNDS && fast >= 100) {
        return;
      }
    }
  }

  private static void product(double[] x, double[] y, boolean transA, boolean transB, int m, int k, int n,
      double[] bias, boolean acc) {
    MatrixKernels.simdRows(x, 1, transA, x, 2, transB, y, 0, m, k, n, bias, acc).run(0, m);
  }

  private static double[] filled(int n) {
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = Math.sin(i) * 0.5;
    }
    return x;
  }
}
