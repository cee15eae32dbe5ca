package org.nodelab.tensor;

import java.util.List;

/**
 * The field {@code f = s·tanh(zW + B)·U} of rank-one tanh units together with its divergence {@code
 * tr(∂f/∂z) = s·Σ_k (1 − h_k²)·c_k} in one pass over the rows, with a hand-written backward pass
 * (the hot path of a hypernetwork flow; Chen et al. 2018, §4).
 */
final class RankOneUnits {
  private RankOneUnits() {}

  static Tensor apply(Tensor z, Tensor weights, Tensor bias, Tensor out, Tensor c, double scale) {
    int[] zs = z.shapeRef();
    if (zs.length != 2 || weights.rank() != 2 || weights.shapeRef()[0] != zs[1]) {
      throw new IllegalArgumentException("rankOneUnits: states " + Shapes.str(zs) + " do not match weights "
          + Shapes.str(weights.shapeRef()) + " (expected [batch, dim] and [dim, width])");
    }
    int n = zs[0];
    int d = zs[1];
    int w = weights.shapeRef()[1];
    if (bias.size() != w || c.size() != w || out.rank() != 2 || out.shapeRef()[0] != w || out.shapeRef()[1] != d) {
      throw new IllegalArgumentException("rankOneUnits: expected bias [" + w + "], out [" + w + ", " + d
          + "], c [" + w + "], got " + Shapes.str(bias.shapeRef()) + ", " + Shapes.str(out.shapeRef()) + ", "
          + Shapes.str(c.shapeRef()));
    }
    double[] zd = z.data();
    double[] wd = weights.data();
    double[] bd = bias.data();
    double[] ud = out.data();
    double[] cd = c.data();
    double[] ut = new double[d * w];
    for (int k = 0; k < w; k++) {
      for (int i = 0; i < d; i++) {
        ut[i * w + k] = ud[k * d + i];
      }
    }
    double cSum = 0;
    for (int k = 0; k < w; k++) {
      cSum += cd[k];
    }
    double[] h = new double[n * w];
    int cols = d + 1;
    double[] y = new double[n * cols];
    if (Simd.on()) {
      SimdRankOne.forward(zd, wd, bd, h, ut, cd, cSum, scale, y, n, d, w);
    } else {
      preActivation(zd, wd, bd, h, n, d, w);
      Kernels.tanh(h, h, 0, h.length);
      outputs(h, ut, cd, cSum, scale, y, n, d, w);
    }
    Tensor result = Tensor.result(y, new int[] {n, cols});
    Tensor[] parents = {z, weights, bias, out, c};
    if (!Tensor.recording(parents)) {
      return result;
    }
    return result.record("rankOneUnits", parents, (g, s) -> {
      double[] gz = s.of(z);
      double[] gw = s.of(weights);
      double[] gb = s.of(bias);
      double[] gu = s.of(out);
      double[] gc = s.of(c);
      double[] gut = gu == null ? null : new double[d * w];
      if (Simd.on()) {
        SimdRankOne.backward(g, zd, wd, h, ut, cd, scale, gz, gw, gb, gut, gc, n, d, w);
      } else {
        backward(g, zd, wd, h, ut, cd, scale, gz, gw, gb, gut, gc, n, d, w);
      }
      if (gu != null) {
        for (int k = 0; k < w; k++) {
          for (int i = 0; i < d; i++) {
            gu[k * d + i] += gut[i * w + k];
          }
        }
      }
    }, (g, wanted) -> composite(z, weights, bias, out, c, scale, g, wanted));
  }

  private static void preActivation(double[] zd, double[] wd, double[] bd, double[] h, int n, int d, int w) {
    for (int b = 0; b < n; b++) {
      int row = b * w;
      System.arraycopy(bd, 0, h, row, w);
      for (int i = 0; i < d; i++) {
        double zi = zd[b * d + i];
        int wRow = i * w;
        for (int k = 0; k < w; k++) {
          h[row + k] += zi * wd[wRow + k];
        }
      }
    }
  }

  private static void outputs(double[] h, double[] ut, double[] cd, double cSum, double scale, double[] y, int n,
      int d, int w) {
    int cols = d + 1;
    for (int b = 0; b < n; b++) {
      int row = b * w;
      for (int i = 0; i < d; i++) {
        y[b * cols + i] = scale * dot(h, row, ut, i * w, w);
      }
      y[b * cols + d] = scale * (cSum - squaresDot(h, row, cd, w));
    }
  }

  private static void backward(double[] g, double[] zd, double[] wd, double[] h, double[] ut, double[] cd,
      double scale, double[] gz, double[] gw, double[] gb, double[] gut, double[] gc, int n, int d, int w) {
    int cols = d + 1;
    double[] gpre = new double[w];
    for (int b = 0; b < n; b++) {
      int row = b * w;
      double gdiv = scale * g[b * cols + d];
      for (int k = 0; k < w; k++) {
        gpre[k] = -2 * gdiv * h[row + k] * cd[k];
      }
      for (int i = 0; i < d; i++) {
        double gi = scale * g[b * cols + i];
        int uRow = i * w;
        for (int k = 0; k < w; k++) {
          gpre[k] += gi * ut[uRow + k];
        }
        if (gut != null) {
          for (int k = 0; k < w; k++) {
            gut[uRow + k] += gi * h[row + k];
          }
        }
      }
      if (gc != null) {
        for (int k = 0; k < w; k++) {
          double hk = h[row + k];
          gc[k] += gdiv * (1 - hk * hk);
        }
      }
      for (int k = 0; k < w; k++) {
        double hk = h[row + k];
        gpre[k] *= 1 - hk * hk;
      }
      if (gb != null) {
        for (int k = 0; k < w; k++) {
          gb[k] += gpre[k];
        }
      }
      for (int i = 0; i < d; i++) {
        int wRow = i * w;
        if (gz != null) {
          gz[b * d + i] += dot(gpre, 0, wd, wRow, w);
        }
        if (gw != null) {
          double zi = zd[b * d + i];
          for (int k = 0; k < w; k++) {
            gw[wRow + k] += zi * gpre[k];
          }
        }
      }
    }
  }

  /** {@code Σ_k a[aOff + k]·b[bOff + k]} with four independent partial sums (no chain of dependent adds). */
  private static double dot(double[] a, int aOff, double[] b, int bOff, int n) {
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    int k = 0;
    for (; k + 3 < n; k += 4) {
      s0 += a[aOff + k] * b[bOff + k];
      s1 += a[aOff + k + 1] * b[bOff + k + 1];
      s2 += a[aOff + k + 2] * b[bOff + k + 2];
      s3 += a[aOff + k + 3] * b[bOff + k + 3];
    }
    for (; k < n; k++) {
      s0 += a[aOff + k] * b[bOff + k];
    }
    return (s0 + s1) + (s2 + s3);
  }

  /** {@code Σ_k h[off + k]²·c[k]}, as {@link #dot}. */
  private static double squaresDot(double[] h, int off, double[] c, int n) {
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    int k = 0;
    for (; k + 3 < n; k += 4) {
      double h0 = h[off + k];
      double h1 = h[off + k + 1];
      double h2 = h[off + k + 2];
      double h3 = h[off + k + 3];
      s0 += h0 * h0 * c[k];
      s1 += h1 * h1 * c[k + 1];
      s2 += h2 * h2 * c[k + 2];
      s3 += h3 * h3 * c[k + 3];
    }
    for (; k < n; k++) {
      double hk = h[off + k];
      s0 += hk * hk * c[k];
    }
    return (s0 + s1) + (s2 + s3);
  }

  /** The gradients as tensor operations, from the same formula written as a composite. */
  private static Tensor[] composite(Tensor z, Tensor weights, Tensor bias, Tensor out, Tensor c, double scale,
      Tensor g, boolean[] wanted) {
    Tensor h = z.affine(weights, bias, Activation.TANH);
    Tensor dz = h.matmul(out).mul(scale);
    Tensor column = c.reshape(-1, 1);
    Tensor div = h.square().matmul(column).neg().add(c.sum()).mul(scale);
    Tensor y = Tensor.concat(1, dz, div);
    List<Tensor> grads = Tensor.partials(y, g, List.of(z, weights, bias, out, c));
    Tensor[] result = new Tensor[5];
    for (int i = 0; i < 5; i++) {
      result[i] = wanted[i] ? grads.get(i) : null;
    }
    return result;
  }
}
