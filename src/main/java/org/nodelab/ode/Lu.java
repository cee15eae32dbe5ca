package org.nodelab.ode;

/**
 * A dense LU factorisation with partial pivoting, {@code P·A = L·U} (Golub &amp; Van Loan,
 * Algorithm 3.4.1), for the small linear systems of the implicit methods: factor once, then solve
 * {@code A·x = b} and {@code Aᵀ·x = b} as often as needed. A new instance per solve holds the
 * factors in reused arrays; nothing is allocated per factorisation or solve.
 */
final class Lu {
  private final int n;
  private final double[] lu;
  private final int[] pivot;
  private long version;

  /** Room for {@code n × n} matrices. */
  Lu(int n) {
    this.n = n;
    this.lu = new double[n * n];
    this.pivot = new int[n];
  }

  /** Counts the factorisations, so that a kept {@link #copy()} can tell whether it is current. */
  long version() {
    return version;
  }

  /** An independent copy of the current factors (for a tape whose backward runs after later steps). */
  Lu copy() {
    Lu c = new Lu(n);
    System.arraycopy(lu, 0, c.lu, 0, lu.length);
    System.arraycopy(pivot, 0, c.pivot, 0, n);
    c.version = version;
    return c;
  }

  /** The order {@code n}. */
  int size() {
    return n;
  }

  /**
   * Factors {@code a} (row-major, {@code n × n}, copied).
   *
   * @return false when a pivot is zero or not finite (the matrix is singular to working precision)
   */
  boolean factor(double[] a) {
    version++;
    System.arraycopy(a, 0, lu, 0, n * n);
    for (int k = 0; k < n; k++) {
      int p = k;
      double best = Math.abs(lu[k * n + k]);
      for (int i = k + 1; i < n; i++) {
        double v = Math.abs(lu[i * n + k]);
        if (v > best) {
          best = v;
          p = i;
        }
      }
      pivot[k] = p;
      if (!(best > 0) || !Double.isFinite(best)) {
        return false;
      }
      if (p != k) {
        swapRows(p, k);
      }
      double inv = 1 / lu[k * n + k];
      for (int i = k + 1; i < n; i++) {
        double m = lu[i * n + k] * inv;
        lu[i * n + k] = m;
        if (m == 0) {
          continue;
        }
        int ri = i * n;
        int rk = k * n;
        for (int j = k + 1; j < n; j++) {
          lu[ri + j] -= m * lu[rk + j];
        }
      }
    }
    return true;
  }

  private void swapRows(int p, int k) {
    for (int j = 0; j < n; j++) {
      double tmp = lu[p * n + j];
      lu[p * n + j] = lu[k * n + j];
      lu[k * n + j] = tmp;
    }
  }

  /** Solves {@code A·x = b} in place ({@code b} becomes {@code x}). */
  void solve(double[] b) {
    for (int k = 0; k < n; k++) {
      int p = pivot[k];
      if (p != k) {
        double tmp = b[p];
        b[p] = b[k];
        b[k] = tmp;
      }
    }
    for (int i = 1; i < n; i++) {
      double s = b[i];
      int ri = i * n;
      for (int j = 0; j < i; j++) {
        s -= lu[ri + j] * b[j];
      }
      b[i] = s;
    }
    for (int i = n - 1; i >= 0; i--) {
      double s = b[i];
      int ri = i * n;
      for (int j = i + 1; j < n; j++) {
        s -= lu[ri + j] * b[j];
      }
      b[i] = s / lu[ri + i];
    }
  }

  /** Solves {@code Aᵀ·x = b} in place: {@code Uᵀ·Lᵀ·P·x = b}. */
  void solveTransposed(double[] b) {
    for (int i = 0; i < n; i++) {
      double s = b[i];
      for (int j = 0; j < i; j++) {
        s -= lu[j * n + i] * b[j];
      }
      b[i] = s / lu[i * n + i];
    }
    for (int i = n - 1; i >= 0; i--) {
      double s = b[i];
      for (int j = i + 1; j < n; j++) {
        s -= lu[j * n + i] * b[j];
      }
      b[i] = s;
    }
    for (int k = n - 1; k >= 0; k--) {
      int p = pivot[k];
      if (p != k) {
        double tmp = b[p];
        b[p] = b[k];
        b[k] = tmp;
      }
    }
  }
}
