package org.nodelab.tensor;

/**
 * Group normalisation (Wu and He 2018) as PyTorch's {@code group_norm}: the channels of each sample
 * of {@code [N, C, ...]} are split into G groups, each normalised by its mean and biased variance,
 * {@code y = (x − μ)/√(σ² + ε)·γ_c + β_c}.
 */
final class GroupNormalization {
  private GroupNormalization() {}

  static Tensor groupNorm(Tensor x, int groups, Tensor weight, Tensor bias, double eps) {
    int[] xs = x.shapeRef();
    if (xs.length < 2) {
      throw new IllegalArgumentException("groupNorm: input must be [N, C, ...], got " + Shapes.str(xs));
    }
    int n = xs[0];
    int c = xs[1];
    if (groups < 1 || c % groups != 0) {
      throw new IllegalArgumentException(
          "groupNorm: " + c + " channels cannot be split into " + groups + " groups (expected a divisor of " + c + ")");
    }
    for (Tensor p : new Tensor[] {weight, bias}) {
      if (p != null && (p.rank() != 1 || p.size() != c)) {
        throw new IllegalArgumentException(
            "groupNorm: affine parameter " + Shapes.str(p.shapeRef()) + " does not match " + c + " channels");
      }
    }
    int spatial = Shapes.product(xs, 2, xs.length);
    int perGroup = c / groups * spatial;
    int count = n * groups;
    double[] xd = x.data();
    double[] wd = weight == null ? null : weight.data();
    double[] bd = bias == null ? null : bias.data();
    double[] xhat = new double[xd.length];
    double[] inv = new double[count];
    double[] y = new double[xd.length];
    Parallel.rows(count, 1, (long) xd.length * 4, (from, to) -> {
      for (int q = from; q < to; q++) {
        int base = q * perGroup;
        double mean = 0;
        for (int i = 0; i < perGroup; i++) {
          mean += xd[base + i];
        }
        mean /= perGroup;
        double var = 0;
        for (int i = 0; i < perGroup; i++) {
          double d = xd[base + i] - mean;
          var += d * d;
        }
        var /= perGroup;
        double r = 1 / Math.sqrt(var + eps);
        inv[q] = r;
        int firstChannel = (q % groups) * (c / groups);
        for (int i = 0; i < perGroup; i++) {
          int ch = firstChannel + i / spatial;
          double h = (xd[base + i] - mean) * r;
          xhat[base + i] = h;
          y[base + i] = h * (wd == null ? 1 : wd[ch]) + (bd == null ? 0 : bd[ch]);
        }
      }
    });
    Tensor out = Tensor.result(y, xs.clone());
    if (!Tensor.recording(x, weight, bias)) {
      return out;
    }
    return out.record("groupNorm", new Tensor[] {x, weight, bias}, (g, s) -> {
      double[] gx = s.of(x);
      double[] gw = weight == null ? null : s.of(weight);
      double[] gb = bias == null ? null : s.of(bias);
      if (gw != null || gb != null) {
        for (int i = 0; i < g.length; i++) {
          int ch = (i / spatial) % c;
          if (gw != null) {
            gw[ch] += g[i] * xhat[i];
          }
          if (gb != null) {
            gb[ch] += g[i];
          }
        }
      }
      if (gx == null) {
        return;
      }
      Parallel.rows(count, 1, (long) g.length * 4, (from, to) -> {
        for (int q = from; q < to; q++) {
          int base = q * perGroup;
          int firstChannel = (q % groups) * (c / groups);
          double meanG = 0;
          double meanGh = 0;
          for (int i = 0; i < perGroup; i++) {
            double gh = g[base + i] * (wd == null ? 1 : wd[firstChannel + i / spatial]);
            meanG += gh;
            meanGh += gh * xhat[base + i];
          }
          meanG /= perGroup;
          meanGh /= perGroup;
          for (int i = 0; i < perGroup; i++) {
            double gh = g[base + i] * (wd == null ? 1 : wd[firstChannel + i / spatial]);
            gx[base + i] += inv[q] * (gh - meanG - xhat[base + i] * meanGh);
          }
        }
      });
    }, (g, wanted) -> recordedGradients(x, groups, weight, bias, eps, g, wanted));
  }

  /**
   * The gradients as tensor operations: the forward pass written again in elementary operations,
   * differentiated with its gradients recorded.
   */
  private static Tensor[] recordedGradients(Tensor x, int groups, Tensor weight, Tensor bias, double eps, Tensor g,
      boolean[] wanted) {
    int[] xs = x.shapeRef();
    Tensor grouped = x.reshape(xs[0], groups, -1);
    Tensor centred = grouped.sub(grouped.mean(2, true));
    Tensor variance = centred.square().mean(2, true);
    Tensor y = centred.div(variance.add(eps).sqrt()).reshape(xs);
    int[] channelShape = new int[xs.length];
    java.util.Arrays.fill(channelShape, 1);
    channelShape[1] = xs[1];
    if (weight != null) {
      y = y.mul(weight.reshape(channelShape));
    }
    if (bias != null) {
      y = y.add(bias.reshape(channelShape));
    }
    java.util.List<Tensor> wrt = new java.util.ArrayList<>();
    wrt.add(x);
    if (weight != null) {
      wrt.add(weight);
    }
    if (bias != null) {
      wrt.add(bias);
    }
    java.util.List<Tensor> grads = Tensor.partials(y, g, wrt);
    Tensor gw = weight == null ? null : grads.get(1);
    Tensor gb = bias == null ? null : grads.get(weight == null ? 1 : 2);
    return new Tensor[] {
        wanted[0] ? grads.get(0) : null,
        wanted[1] ? gw : null,
        wanted[2] ? gb : null};
  }
}
