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
    Kernels.tanh(h, h, 0, h.length);
    int cols = d + 1;
    double[] y = new double[n * cols];
    for (int b = 0; b < n; b++) {
      int row = b * w;
      for (int i = 0; i < d; i++) {
        int uRow = i * w;
        double acc = 0;
        for (int k = 0; k < w; k++) {
          acc += h[row + k] * ut[uRow + k];
        }
        y[b * cols + i] = scale * acc;
      }
      double acc = 0;
      for (int k = 0; k < w; k++) {
        double hk = h[row + k];
        acc += hk * hk * cd[k];
      }
      y[b * cols + d] = scale * (cSum - acc);
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
          if (gu != null) {
            for (int k = 0; k < w; k++) {
              gu[k * d + i] += gi * h[row + k];
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
            double acc = 0;
            for (int k = 0; k < w; k++) {
              acc += gpre[k] * wd[wRow + k];
            }
            gz[b * d + i] += acc;
          }
          if (gw != null) {
            double zi = zd[b * d + i];
            for (int k = 0; k < w; k++) {
              gw[wRow + k] += zi * gpre[k];
            }
          }
        }
      }
    }, (g, wanted) -> composite(z, weights, bias, out, c, scale, g, wanted));
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
