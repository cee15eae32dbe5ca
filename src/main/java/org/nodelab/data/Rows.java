package org.nodelab.data;

import java.util.SplittableRandom;
import org.nodelab.tensor.Tensor;

/** Row selection and permutations on tensors (no gradient: data, not parameters). */
final class Rows {
  private Rows() {}

  static Tensor gather(Tensor t, int[] indices) {
    int[] shape = t.shape();
    int rowSize = t.size() / shape[0];
    double[] src = t.toArray();
    double[] dst = new double[indices.length * rowSize];
    for (int i = 0; i < indices.length; i++) {
      if (indices[i] < 0 || indices[i] >= shape[0]) {
        throw new IndexOutOfBoundsException("row " + indices[i] + " outside [0, " + shape[0] + ")");
      }
      System.arraycopy(src, indices[i] * rowSize, dst, i * rowSize, rowSize);
    }
    shape[0] = indices.length;
    return Tensor.of(dst, shape);
  }

  /** A uniformly random permutation of {@code 0..n-1} (Fisher–Yates). */
  static int[] permutation(int n, SplittableRandom random) {
    int[] p = new int[n];
    for (int i = 0; i < n; i++) {
      p[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int tmp = p[i];
      p[i] = p[j];
      p[j] = tmp;
    }
    return p;
  }

  /** {@code count} distinct integers from {@code [0, bound)} in random order (partial Fisher–Yates). */
  static int[] distinct(SplittableRandom random, int bound, int count) {
    int[] pool = new int[bound];
    for (int i = 0; i < bound; i++) {
      pool[i] = i;
    }
    for (int i = 0; i < count; i++) {
      int j = i + random.nextInt(bound - i);
      int tmp = pool[i];
      pool[i] = pool[j];
      pool[j] = tmp;
    }
    return java.util.Arrays.copyOf(pool, count);
  }
}
