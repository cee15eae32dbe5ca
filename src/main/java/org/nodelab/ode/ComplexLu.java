package org.nodelab.ode;

/**
 * A dense complex LU factorisation with partial pivoting, {@code P·A = L·U}, held as real and
 * imaginary parts (Radau's complex stage system {@code ((α + iβ)/h − J)·w = r}); factors once,
 * solves in place as often as needed, allocating nothing per factorisation or solve.
 */
final class ComplexLu {
  private final int n;
  private final double[] re;
  private final double[] im;
  private final int[] pivot;

  /** Room for {@code n × n} matrices. */
  ComplexLu(int n) {
    this.n = n;
    this.re = new double[n * n];
    this.im = new double[n * n];
    this.pivot = new int[n];
  }

  /**
   * Factors {@code (σ + iτ)·I − J} ({@code J} row-major, real).
   *
   * @return false when a pivot is zero or not finite
   */
  boolean factorShifted(double sigma, double tau, double[] jac) {
    for (int k = 0; k < n * n; k++) {
      re[k] = -jac[k];
      im[k] = 0;
    }
    for (int i = 0; i < n; i++) {
      re[i * n + i] += sigma;
      im[i * n + i] = tau;
    }
    for (int k = 0; k < n; k++) {
      int p = k;
      double best = Math.hypot(re[k * n + k], im[k * n + k]);
      for (int i = k + 1; i < n; i++) {
        double v = Math.hypot(re[i * n + k], im[i * n + k]);
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
      double pr = re[k * n + k];
      double pi = im[k * n + k];
      double d = pr * pr + pi * pi;
      double invRe = pr / d;
      double invIm = -pi / d;
      for (int i = k + 1; i < n; i++) {
        int ik = i * n + k;
        double mr = re[ik] * invRe - im[ik] * invIm;
        double mi = re[ik] * invIm + im[ik] * invRe;
        re[ik] = mr;
        im[ik] = mi;
        if (mr == 0 && mi == 0) {
          continue;
        }
        for (int j = k + 1; j < n; j++) {
          int kj = k * n + j;
          int ij = i * n + j;
          re[ij] -= mr * re[kj] - mi * im[kj];
          im[ij] -= mr * im[kj] + mi * re[kj];
        }
      }
    }
    return true;
  }

  private void swapRows(int p, int k) {
    for (int j = 0; j < n; j++) {
      double r = re[p * n + j];
      re[p * n + j] = re[k * n + j];
      re[k * n + j] = r;
      double m = im[p * n + j];
      im[p * n + j] = im[k * n + j];
      im[k * n + j] = m;
    }
  }

  /** Overwrites {@code (xr, xi)} with the solution {@code x} of {@code A·x = b} for {@code b = (xr, xi)}. */
  void solve(double[] xr, double[] xi) {
    for (int k = 0; k < n; k++) {
      int p = pivot[k];
      if (p != k) {
        double r = xr[p];
        xr[p] = xr[k];
        xr[k] = r;
        double m = xi[p];
        xi[p] = xi[k];
        xi[k] = m;
      }
    }
    for (int i = 1; i < n; i++) {
      double sr = xr[i];
      double si = xi[i];
      for (int j = 0; j < i; j++) {
        int ij = i * n + j;
        sr -= re[ij] * xr[j] - im[ij] * xi[j];
        si -= re[ij] * xi[j] + im[ij] * xr[j];
      }
      xr[i] = sr;
      xi[i] = si;
    }
    for (int i = n - 1; i >= 0; i--) {
      double sr = xr[i];
      double si = xi[i];
      for (int j = i + 1; j < n; j++) {
        int ij = i * n + j;
        sr -= re[ij] * xr[j] - im[ij] * xi[j];
        si -= re[ij] * xi[j] + im[ij] * xr[j];
      }
      int ii = i * n + i;
      double d = re[ii] * re[ii] + im[ii] * im[ii];
      xr[i] = (sr * re[ii] + si * im[ii]) / d;
      xi[i] = (si * re[ii] - sr * im[ii]) / d;
    }
  }
}
