package org.nodelab.tensor;

import java.util.Arrays;

/** Shape arithmetic: sizes, axis normalisation and NumPy broadcasting. */
final class Shapes {
  private Shapes() {}

  static int size(int[] shape) {
    long n = 1;
    for (int d : shape) {
      if (d < 0) {
        throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
      }
      n *= d;
      if (n > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " has too many elements");
      }
    }
    return (int) n;
  }

  static int axis(int axis, int rank, String op) {
    int a = axis < 0 ? axis + rank : axis;
    if (a < 0 || a >= rank) {
      throw new IllegalArgumentException(
          op + ": axis " + axis + " is out of range for a tensor of rank " + rank);
    }
    return a;
  }

  /** The broadcast shape of {@code a} and {@code b} (NumPy rules), or an exception naming {@code op}. */
  static int[] broadcast(String op, int[] a, int[] b) {
    if (Arrays.equals(a, b)) {
      return a;
    }
    int rank = Math.max(a.length, b.length);
    int[] out = new int[rank];
    for (int i = 0; i < rank; i++) {
      int da = i < rank - a.length ? 1 : a[i - (rank - a.length)];
      int db = i < rank - b.length ? 1 : b[i - (rank - b.length)];
      if (da != db && da != 1 && db != 1) {
        throw new IllegalArgumentException(
            op + ": shapes " + Arrays.toString(a) + " and " + Arrays.toString(b) + " cannot be broadcast together");
      }
      out[i] = da == 1 ? db : da;
    }
    return out;
  }

  /**
   * For each flat index of {@code out}, the flat index of the element of a tensor of shape {@code
   * in} broadcast to it; {@code null} when the shapes are equal.
   */
  static int[] indexMap(int[] in, int[] out) {
    if (Arrays.equals(in, out)) {
      return null;
    }
    int rank = out.length;
    int[] stride = new int[rank];
    int s = 1;
    for (int i = in.length - 1; i >= 0; i--) {
      int o = i + rank - in.length;
      stride[o] = in[i] == 1 ? 0 : s;
      s *= in[i];
    }
    return offsets(out, stride);
  }

  /**
   * For each flat (row-major) index of {@code shape}, the offset {@code Σ idx[d]·stride[d]}: how a
   * strided or broadcast view maps onto its source.
   */
  static int[] offsets(int[] shape, int[] stride) {
    int rank = shape.length;
    int n = size(shape);
    int[] map = new int[n];
    int[] idx = new int[rank];
    int offset = 0;
    for (int k = 0; k < n; k++) {
      map[k] = offset;
      for (int d = rank - 1; d >= 0; d--) {
        idx[d]++;
        offset += stride[d];
        if (idx[d] < shape[d]) {
          break;
        }
        offset -= stride[d] * idx[d];
        idx[d] = 0;
      }
    }
    return map;
  }

  /** Row-major strides of {@code shape}. */
  static int[] strides(int[] shape) {
    int[] s = new int[shape.length];
    int acc = 1;
    for (int i = shape.length - 1; i >= 0; i--) {
      s[i] = acc;
      acc *= shape[i];
    }
    return s;
  }

  /** Product of {@code shape[from..to)}. */
  static int product(int[] shape, int from, int to) {
    int p = 1;
    for (int i = from; i < to; i++) {
      p *= shape[i];
    }
    return p;
  }

  static String str(int[] shape) {
    return Arrays.toString(shape);
  }
}
