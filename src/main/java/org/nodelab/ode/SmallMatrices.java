package org.nodelab.ode;

/** Products and inverses of the small dense matrices that method coefficients are made of. */
final class SmallMatrices {
  private SmallMatrices() {}

  /** {@code x·y}. */
  static double[][] product(double[][] x, double[][] y) {
    int n = x.length;
    int m = y[0].length;
    double[][] out = new double[n][m];
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < y.length; k++) {
        for (int j = 0; j < m; j++) {
          out[i][j] += x[i][k] * y[k][j];
        }
      }
    }
    return out;
  }

  /** {@code x·v}. */
  static double[] multiply(double[][] x, double[] v) {
    double[] out = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      for (int j = 0; j < v.length; j++) {
        out[i] += x[i][j] * v[j];
      }
    }
    return out;
  }

  /** {@code x⁻¹} by Gauss–Jordan elimination with partial pivoting; a singular {@code x} is an error. */
  static double[][] inverse(double[][] x) {
    int n = x.length;
    double[][] m = new double[n][2 * n];
    for (int i = 0; i < n; i++) {
      System.arraycopy(x[i], 0, m[i], 0, n);
      m[i][n + i] = 1;
    }
    for (int k = 0; k < n; k++) {
      int p = k;
      for (int i = k + 1; i < n; i++) {
        if (Math.abs(m[i][k]) > Math.abs(m[p][k])) {
          p = i;
        }
      }
      if (m[p][k] == 0) {
        throw new IllegalArgumentException("the coefficient matrix is singular (column " + k + ")");
      }
      double[] swap = m[p];
      m[p] = m[k];
      m[k] = swap;
      double pivot = m[k][k];
      for (int j = 0; j < 2 * n; j++) {
        m[k][j] /= pivot;
      }
      for (int i = 0; i < n; i++) {
        if (i != k && m[i][k] != 0) {
          double f = m[i][k];
          for (int j = 0; j < 2 * n; j++) {
            m[i][j] -= f * m[k][j];
          }
        }
      }
    }
    double[][] out = new double[n][n];
    for (int i = 0; i < n; i++) {
      System.arraycopy(m[i], n, out[i], 0, n);
    }
    return out;
  }
}
