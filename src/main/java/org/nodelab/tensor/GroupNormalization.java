package org.nodelab.tensor;

/**
 * Group normalisation (Wu and He 2018) as PyTorch's {@code group_norm}: the channels of each sample
 * of {@code [N, C, ...]} are split into G groups, each normalised by its mean and biased variance,
 * {@code y = σ((x − μ)/√(σ² + ε)·γ_c + β_c)} with an optional activation σ fused in. Each group is
 * one pass for each statistic and one for the output; the backward pass takes two per group and
 * recomputes the normalised values from the input and the group's two statistics instead of keeping
 * them. Sums run in four interleaved partial sums, combined as {@code (s0 + s1) + (s2 + s3)}, on
 * every machine and thread count; the loops run on the Vector API where it is on ({@link
 * SimdGroupNorm}, the same bits).
 */
final class GroupNormalization {
  private GroupNormalization() {}

  static Tensor groupNorm(Tensor x, int groups, Tensor weight, Tensor bias, double eps, Activation act) {
    java.util.Objects.requireNonNull(act, "activation");
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
    Layout at = new Layout(n, c, groups, Shapes.product(xs, 2, xs.length));
    double[] xd = x.data();
    double[] wd = weight == null ? null : weight.data();
    double[] bd = bias == null ? null : bias.data();
    double[] mean = new double[at.count()];
    double[] inv = new double[at.count()];
    double[] y = new double[xd.length];
    Parallel.rows(at.count(), 1, (long) xd.length * 4, (from, to) -> {
      double[] scratch = new double[4];
      for (int q = from; q < to; q++) {
        normalise(at, q, xd, wd, bd, eps, act, mean, inv, y, scratch);
      }
    });
    Tensor out = Tensor.result(y, xs.clone());
    if (!Tensor.recording(x, weight, bias)) {
      return out;
    }
    String op = act == Activation.IDENTITY ? "groupNorm" : "groupNorm+" + act.name().toLowerCase(java.util.Locale.ROOT);
    return out.record(op, new Tensor[] {x, weight, bias}, (g, s) -> {
      double[] gx = s.of(x);
      double[] gw = weight == null ? null : s.of(weight);
      double[] gb = bias == null ? null : s.of(bias);
      double[] gz = g;
      if (act != Activation.IDENTITY && act != Activation.RELU) {
        gz = s.temporary(g.length);
        Kernels.activationGrad(act, y, g, gz, 0, g.length);
      }
      backward(at, xd, wd, act == Activation.RELU ? y : null, gz, mean, inv, gx, gw, gb);
      if (gz != g) {
        s.recycle(gz);
      }
    }, (g, wanted) -> recordedGradients(x, groups, weight, bias, eps, act, g, wanted));
  }

  /** The sizes: N samples of C channels in G groups, S values per channel. */
  private record Layout(int n, int c, int groups, int spatial) {
    int count() {
      return n * groups;
    }

    int channelsPerGroup() {
      return c / groups;
    }

    int perGroup() {
      return c / groups * spatial;
    }

    /** The first channel of group {@code q} (of sample {@code q / groups}). */
    int firstChannel(int q) {
      return q % groups * channelsPerGroup();
    }
  }

  /** The statistics and outputs of group {@code q}. */
  private static void normalise(Layout at, int q, double[] xd, double[] wd, double[] bd, double eps, Activation act,
      double[] mean, double[] inv, double[] y, double[] scratch) {
    int perGroup = at.perGroup();
    int spatial = at.spatial();
    int base = q * perGroup;
    double mu;
    double r;
    if (Simd.on()) {
      mu = SimdGroupNorm.sum(xd, base, base + perGroup, 0, false, scratch) / perGroup;
      r = 1 / Math.sqrt(SimdGroupNorm.sum(xd, base, base + perGroup, mu, true, scratch) / perGroup + eps);
    } else {
      mu = sum(xd, base, base + perGroup, 0, false) / perGroup;
      r = 1 / Math.sqrt(sum(xd, base, base + perGroup, mu, true) / perGroup + eps);
    }
    mean[q] = mu;
    inv[q] = r;
    int first = at.firstChannel(q);
    boolean relu = act == Activation.RELU;
    for (int k = 0; k < at.channelsPerGroup(); k++) {
      int ch = first + k;
      double w = wd == null ? 1 : wd[ch];
      double b = bd == null ? 0 : bd[ch];
      int off = base + k * spatial;
      if (relu) {
        for (int i = off; i < off + spatial; i++) {
          y[i] = Math.max((xd[i] - mu) * r * w + b, 0.0);
        }
      } else {
        for (int i = off; i < off + spatial; i++) {
          y[i] = (xd[i] - mu) * r * w + b;
        }
      }
    }
    if (!relu && act != Activation.IDENTITY) {
      Kernels.activate(act, y, y, base, base + perGroup);
    }
  }

  /**
   * Accumulates the gradients for the gradient {@code gz} of the normalised, scaled and shifted
   * values (before the activation, except that with {@code reluOut} given, {@code gz} is the
   * gradient of the ReLU's output {@code reluOut} and is masked by it here).
   */
  private static void backward(Layout at, double[] xd, double[] wd, double[] reluOut, double[] gz, double[] mean,
      double[] inv, double[] gx, double[] gw, double[] gb) {
    if (gx == null && gw == null && gb == null) {
      return;
    }
    int c = at.c();
    double[] sumG = new double[at.n() * c];
    double[] sumGh = new double[at.n() * c];
    Parallel.rows(at.count(), 1, (long) gz.length * 6, (from, to) -> {
      double[] sums = new double[10];
      for (int q = from; q < to; q++) {
        backwardGroup(at, q, xd, wd, reluOut, gz, mean[q], inv[q], gx, sumG, sumGh, sums);
      }
    });
    for (int s = 0; s < at.n(); s++) {
      for (int ch = 0; ch < c; ch++) {
        if (gw != null) {
          gw[ch] += sumGh[s * c + ch];
        }
        if (gb != null) {
          gb[ch] += sumG[s * c + ch];
        }
      }
    }
  }

  /**
   * Group {@code q}: per channel {@code Σ ĝ} and {@code Σ ĝ·x̂} into {@code sumG}, {@code sumGh}; then
   * {@code gx += (γĝ − mean(γĝ) − x̂·mean(γĝ·x̂))/√(σ² + ε)} over the group.
   */
  private static void backwardGroup(Layout at, int q, double[] xd, double[] wd, double[] reluOut, double[] gz,
      double mu, double r, double[] gx, double[] sumG, double[] sumGh, double[] sums) {
    int perGroup = at.perGroup();
    int spatial = at.spatial();
    int base = q * perGroup;
    int first = at.firstChannel(q);
    int sample = q / at.groups();
    boolean simd = Simd.on();
    double meanG = 0;
    double meanGh = 0;
    for (int k = 0; k < at.channelsPerGroup(); k++) {
      int off = base + k * spatial;
      if (simd) {
        SimdGroupNorm.channelSums(xd, reluOut, gz, off, off + spatial, mu, r, sums);
      } else {
        channelSums(xd, reluOut, gz, off, off + spatial, mu, r, sums);
      }
      int ch = first + k;
      sumG[sample * at.c() + ch] = sums[0];
      sumGh[sample * at.c() + ch] = sums[1];
      double w = wd == null ? 1 : wd[ch];
      meanG += w * sums[0];
      meanGh += w * sums[1];
    }
    if (gx == null) {
      return;
    }
    meanG /= perGroup;
    meanGh /= perGroup;
    for (int k = 0; k < at.channelsPerGroup(); k++) {
      int off = base + k * spatial;
      double w = wd == null ? 1 : wd[first + k];
      if (simd) {
        SimdGroupNorm.inputGradient(xd, reluOut, gz, off, off + spatial, mu, r, w, meanG, meanGh, gx);
      } else {
        inputGradient(xd, reluOut, gz, off, off + spatial, mu, r, w, meanG, meanGh, gx);
      }
    }
  }

  /** {@code gx += r·(ĝ·w − meanG − (x − μ)·r·meanGh)} over {@code [from, to)}, {@code ĝ} as in {@link #channelSums}. */
  static void inputGradient(double[] xd, double[] reluOut, double[] g, int from, int to, double mu, double r,
      double w, double meanG, double meanGh, double[] gx) {
    for (int i = from; i < to; i++) {
      gx[i] += r * (masked(reluOut, g, i) * w - meanG - (xd[i] - mu) * r * meanGh);
    }
  }

  /**
   * {@code sums[0] = Σ ĝ}, {@code sums[1] = Σ ĝ·(x − μ)·r} over {@code [from, to)} in four interleaved
   * partial sums, with {@code ĝ = g} masked by {@code reluOut > 0} when {@code reluOut} is given.
   */
  static void channelSums(double[] xd, double[] reluOut, double[] g, int from, int to, double mu, double r,
      double[] sums) {
    double a0 = 0;
    double a1 = 0;
    double a2 = 0;
    double a3 = 0;
    double b0 = 0;
    double b1 = 0;
    double b2 = 0;
    double b3 = 0;
    int i = from;
    for (; i + 4 <= to; i += 4) {
      double g0 = masked(reluOut, g, i);
      double g1 = masked(reluOut, g, i + 1);
      double g2 = masked(reluOut, g, i + 2);
      double g3 = masked(reluOut, g, i + 3);
      a0 += g0;
      a1 += g1;
      a2 += g2;
      a3 += g3;
      b0 += g0 * ((xd[i] - mu) * r);
      b1 += g1 * ((xd[i + 1] - mu) * r);
      b2 += g2 * ((xd[i + 2] - mu) * r);
      b3 += g3 * ((xd[i + 3] - mu) * r);
    }
    for (; i < to; i++) {
      double g0 = masked(reluOut, g, i);
      a0 += g0;
      b0 += g0 * ((xd[i] - mu) * r);
    }
    sums[0] = (a0 + a1) + (a2 + a3);
    sums[1] = (b0 + b1) + (b2 + b3);
  }

  /**
   * {@code reluOut[i] > 0 ? g[i] : 0} ({@code g[i]} without {@code reluOut}), through a bit mask: an
   * integer conditional move rather than a branch, which the ReLU's signs would make unpredictable.
   */
  private static double masked(double[] reluOut, double[] g, int i) {
    if (reluOut == null) {
      return g[i];
    }
    long keep = reluOut[i] > 0 ? -1L : 0L;
    return Double.longBitsToDouble(Double.doubleToRawLongBits(g[i]) & keep);
  }

  /**
   * {@code Σ (a[i] − shift)^p} over {@code [from, to)} for p = 1 ({@code squares} false, the shift
   * not applied) or 2, in four interleaved partial sums: the plain loops of {@link SimdGroupNorm#sum}.
   */
  static double sum(double[] a, int from, int to, double shift, boolean squares) {
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    int i = from;
    for (; i + 4 <= to; i += 4) {
      s0 += term(a[i], shift, squares);
      s1 += term(a[i + 1], shift, squares);
      s2 += term(a[i + 2], shift, squares);
      s3 += term(a[i + 3], shift, squares);
    }
    for (; i < to; i++) {
      s0 += term(a[i], shift, squares);
    }
    return (s0 + s1) + (s2 + s3);
  }

  private static double term(double x, double shift, boolean squares) {
    if (!squares) {
      return x;
    }
    double d = x - shift;
    return d * d;
  }

  /**
   * The gradients as tensor operations: the forward pass written again in elementary operations,
   * differentiated with its gradients recorded.
   */
  private static Tensor[] recordedGradients(Tensor x, int groups, Tensor weight, Tensor bias, double eps,
      Activation act, Tensor g, boolean[] wanted) {
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
    if (act != Activation.IDENTITY) {
      y = y.activate(act);
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
