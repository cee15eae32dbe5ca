package org.nodelab.tensor;

/**
 * Two-dimensional cross-correlation as PyTorch's {@code conv2d}: {@code y[n,o,i,j] = b[o] +
 * Σ_{c,u,v} w[o,c,u,v]·x[n,c,i·s+u−p,j·s+v−p]} (zero padding), output size {@code ⌊(H+2p−k)/s⌋+1}.
 * The stride-1, padding-1 3×3 case runs as {@link Winograd} F(m×m, 3×3) (m by shape), the
 * stride-2 4×4 case with 16 channels or more as F(m×m, 2×2) over the image's four phases ({@link
 * SpaceToDepth}); every other as image-to-column plus a packed, register-blocked matrix product
 * ({@link PackedProduct}), on chunks of samples split over the cores; the backward pass recomputes the columns rather than keeping them.
 */
final class Convolution {
  /** Columns per chunk the matrix products aim at (a few hundred keeps their row buffers in L1). */
  private static final int CHUNK_COLUMNS = 512;

  private Convolution() {}

  /** The sizes of one convolution. */
  private record Geometry(int n, int c, int h, int w, int o, int k, int stride, int pad, int ho, int wo) {
    int taps() {
      return c * k * k;
    }

    int pixels() {
      return ho * wo;
    }

    int chunk() {
      return Math.max(1, Math.min(n, CHUNK_COLUMNS / Math.max(1, pixels())));
    }

    int chunks() {
      return (n + chunk() - 1) / chunk();
    }
  }

  static Tensor conv2d(Tensor x, Tensor weight, Tensor bias, int stride, int padding) {
    Geometry g = geometry(x, weight, bias, stride, padding);
    double[] xd = x.data();
    double[] wd = weight.data();
    double[] bd = bias == null ? null : bias.data();
    boolean winograd = Winograd.applies(g.k, g.stride, g.pad);
    boolean phased = SpaceToDepth.applies(g.k, g.stride, g.c);
    double[] y;
    if (winograd) {
      y = Winograd.forward(xd, wd, bd, g.n, g.c, g.h, g.w, g.o);
    } else if (phased) {
      y = Winograd.forward(phasedTiling(g), 0, SpaceToDepth.phases(xd, g.n, g.c, g.h, g.w, g.pad, g.ho, g.wo),
          SpaceToDepth.filters(wd, g.o, g.c), bd, g.n, 4 * g.c, g.ho + 1, g.wo + 1, g.o);
    } else {
      y = direct(g, xd, wd, bd);
    }
    Tensor result = Tensor.result(y, new int[] {g.n, g.o, g.ho, g.wo});
    if (!Tensor.recording(x, weight, bias)) {
      return result;
    }
    return result.record("conv2d", new Tensor[] {x, weight, bias}, (gy, s) -> {
      double[] gx = s.of(x);
      double[] gw = s.of(weight);
      double[] gb = bias == null ? null : s.of(bias);
      if (winograd) {
        Winograd.backward(xd, wd, gy, gx, gw, g.n, g.c, g.h, g.w, g.o);
      } else if (phased) {
        double[] phases = SpaceToDepth.phases(xd, g.n, g.c, g.h, g.w, g.pad, g.ho, g.wo);
        double[] gPhases = gx == null ? null : new double[phases.length];
        double[] gFilters = gw == null ? null : new double[g.o * 4 * g.c * 4];
        Winograd.backward(phasedTiling(g), 0, phases, SpaceToDepth.filters(wd, g.o, g.c), gy, gPhases, gFilters, g.n,
            4 * g.c, g.ho + 1, g.wo + 1, g.o);
        if (gx != null) {
          SpaceToDepth.addToImage(gPhases, gx, g.n, g.c, g.h, g.w, g.pad, g.ho, g.wo);
        }
        if (gw != null) {
          SpaceToDepth.addToFilters(gFilters, gw, g.o, g.c);
        }
      } else {
        backward(g, xd, wd, gy, gx, gw);
      }
      if (gb != null) {
        biasGradient(g, gy, gb);
      }
    }, (gy, wanted) -> ConvolutionGradients.of(x, weight, bias, stride, padding, gy, wanted));
  }

  /** The Winograd tiling of the phases' 2×2 convolution ({@link SpaceToDepth}). */
  private static WinogradTiling phasedTiling(Geometry g) {
    return WinogradTiling.best(g.ho, g.wo, 2, 4 * g.c, g.o);
  }

  /** {@code gb[o] += Σ gy[n, o, :, :]}. */
  private static void biasGradient(Geometry g, double[] gy, double[] gb) {
    int pixels = g.pixels();
    for (int n = 0; n < g.n; n++) {
      for (int o = 0; o < g.o; o++) {
        double sum = 0;
        int base = (n * g.o + o) * pixels;
        for (int p = 0; p < pixels; p++) {
          sum += gy[base + p];
        }
        gb[o] += sum;
      }
    }
  }

  /** The forward pass as image-to-column plus a packed matrix product, chunk by chunk. */
  private static double[] direct(Geometry g, double[] xd, double[] wd, double[] bd) {
    int chunk = g.chunk();
    double[] y = new double[g.n * g.o * g.pixels()];
    long work = (long) g.n * g.o * g.taps() * g.pixels();
    double[] packedW = new double[PackedProduct.rowsLength(g.o, g.taps())];
    PackedProduct.packRows(wd, 0, g.taps(), 1, g.o, g.taps(), packedW);
    Parallel.rows(g.chunks(), 1, work, (from, to) -> {
      double[] cols = new double[g.taps() * chunk * g.pixels()];
      double[] packedCols = new double[PackedProduct.columnsLength(g.taps(), chunk * g.pixels())];
      double[] out = new double[g.o * chunk * g.pixels()];
      for (int q = from; q < to; q++) {
        int first = q * chunk;
        int count = Math.min(chunk, g.n - first);
        int len = count * g.pixels();
        imageToColumns(g, xd, first, count, cols);
        PackedProduct.packColumns(cols, 0, len, 1, g.taps(), len, packedCols);
        PackedProduct.multiply(packedW, 0, packedCols, 0, g.o, g.taps(), len, out, 0, len, false);
        scatterOutput(g, out, bd, first, count, y);
      }
    });
    return y;
  }

  private static void backward(Geometry g, double[] xd, double[] wd, double[] gy, double[] gx, double[] gw) {
    int chunk = g.chunk();
    int chunks = g.chunks();
    int weights = g.o * g.taps();
    double[] partialW = gw == null ? null : new double[chunks * weights];
    long work = 2L * g.n * g.o * g.taps() * g.pixels();
    double[] packedWt = null;
    if (gx != null) {
      packedWt = new double[PackedProduct.rowsLength(g.taps(), g.o)];
      PackedProduct.packRows(wd, 0, 1, g.taps(), g.taps(), g.o, packedWt);
    }
    double[] transposedW = packedWt;
    Parallel.rows(chunks, 1, work, (from, to) -> {
      int most = chunk * g.pixels();
      double[] cols = new double[g.taps() * most];
      double[] gout = new double[g.o * most];
      double[] packedOut = new double[Math.max(PackedProduct.rowsLength(g.o, most),
          PackedProduct.columnsLength(g.o, most))];
      double[] packedCols = gw == null ? null : new double[PackedProduct.columnsLength(most, g.taps())];
      for (int q = from; q < to; q++) {
        int first = q * chunk;
        int count = Math.min(chunk, g.n - first);
        int len = count * g.pixels();
        gatherOutput(g, gy, first, count, gout);
        if (gw != null) {
          imageToColumns(g, xd, first, count, cols);
          PackedProduct.packRows(gout, 0, len, 1, g.o, len, packedOut);
          PackedProduct.packColumns(cols, 0, 1, len, len, g.taps(), packedCols);
          PackedProduct.multiply(packedOut, 0, packedCols, 0, g.o, len, g.taps(), partialW, q * weights, g.taps(), false);
        }
        if (gx != null) {
          PackedProduct.packColumns(gout, 0, len, 1, g.o, len, packedOut);
          PackedProduct.multiply(transposedW, 0, packedOut, 0, g.taps(), g.o, len, cols, 0, len, false);
          columnsToImage(g, cols, first, count, gx);
        }
      }
    });
    if (gw != null) {
      for (int q = 0; q < chunks; q++) {
        for (int i = 0; i < weights; i++) {
          gw[i] += partialW[q * weights + i];
        }
      }
    }
  }

  /**
   * Writes the receptive fields of samples {@code [first, first+count)} as the columns of a [taps,
   * count·pixels] matrix: row {@code (c·k+u)·k+v}, column {@code sample·pixels + i·wo + j}.
   */
  private static void imageToColumns(Geometry g, double[] x, int first, int count, double[] cols) {
    int len = count * g.pixels();
    for (int c = 0; c < g.c; c++) {
      for (int u = 0; u < g.k; u++) {
        for (int v = 0; v < g.k; v++) {
          int row = ((c * g.k + u) * g.k + v) * len;
          for (int sIdx = 0; sIdx < count; sIdx++) {
            int plane = ((first + sIdx) * g.c + c) * g.h * g.w;
            int col = row + sIdx * g.pixels();
            for (int i = 0; i < g.ho; i++) {
              int ih = i * g.stride - g.pad + u;
              int dst = col + i * g.wo;
              if (ih < 0 || ih >= g.h) {
                java.util.Arrays.fill(cols, dst, dst + g.wo, 0);
                continue;
              }
              int src = plane + ih * g.w + v - g.pad;
              int lo = firstInside(g, v);
              int hi = endInside(g, v);
              java.util.Arrays.fill(cols, dst, dst + lo, 0);
              if (g.stride == 1) {
                System.arraycopy(x, src + lo, cols, dst + lo, hi - lo);
              } else {
                for (int j = lo; j < hi; j++) {
                  cols[dst + j] = x[src + j * g.stride];
                }
              }
              java.util.Arrays.fill(cols, dst + Math.max(lo, hi), dst + g.wo, 0);
            }
          }
        }
      }
    }
  }

  /** Adds the columns of a [taps, count·pixels] matrix back onto the images they were read from. */
  private static void columnsToImage(Geometry g, double[] cols, int first, int count, double[] gx) {
    int len = count * g.pixels();
    for (int c = 0; c < g.c; c++) {
      for (int u = 0; u < g.k; u++) {
        for (int v = 0; v < g.k; v++) {
          int row = ((c * g.k + u) * g.k + v) * len;
          for (int sIdx = 0; sIdx < count; sIdx++) {
            int plane = ((first + sIdx) * g.c + c) * g.h * g.w;
            int col = row + sIdx * g.pixels();
            for (int i = 0; i < g.ho; i++) {
              int ih = i * g.stride - g.pad + u;
              if (ih < 0 || ih >= g.h) {
                continue;
              }
              int src = col + i * g.wo;
              int dst = plane + ih * g.w + v - g.pad;
              int hi = endInside(g, v);
              for (int j = firstInside(g, v); j < hi; j++) {
                gx[dst + j * g.stride] += cols[src + j];
              }
            }
          }
        }
      }
    }
  }

  /** The first output column j whose input column {@code j·s − p + v} lies inside the image. */
  private static int firstInside(Geometry g, int v) {
    int need = g.pad - v;
    return need <= 0 ? 0 : Math.min(g.wo, (need + g.stride - 1) / g.stride);
  }

  /** One past the last output column j whose input column {@code j·s − p + v} lies inside the image. */
  private static int endInside(Geometry g, int v) {
    int room = g.w - 1 + g.pad - v;
    return room < 0 ? 0 : Math.min(g.wo, room / g.stride + 1);
  }

  /** Moves a [o, count·pixels] product into samples {@code [first, first+count)} of y, adding the bias. */
  private static void scatterOutput(Geometry g, double[] out, double[] bias, int first, int count, double[] y) {
    int pixels = g.pixels();
    int len = count * pixels;
    for (int o = 0; o < g.o; o++) {
      double b = bias == null ? 0 : bias[o];
      for (int sIdx = 0; sIdx < count; sIdx++) {
        int src = o * len + sIdx * pixels;
        int dst = ((first + sIdx) * g.o + o) * pixels;
        for (int p = 0; p < pixels; p++) {
          y[dst + p] = out[src + p] + b;
        }
      }
    }
  }

  /** The inverse arrangement of {@link #scatterOutput}, without bias: gradient rows [o, count·pixels]. */
  private static void gatherOutput(Geometry g, double[] gy, int first, int count, double[] gout) {
    int pixels = g.pixels();
    int len = count * pixels;
    for (int o = 0; o < g.o; o++) {
      for (int sIdx = 0; sIdx < count; sIdx++) {
        System.arraycopy(gy, ((first + sIdx) * g.o + o) * pixels, gout, o * len + sIdx * pixels, pixels);
      }
    }
  }

  private static Geometry geometry(Tensor x, Tensor weight, Tensor bias, int stride, int padding) {
    Tensor.nonNull(x, "input");
    Tensor.nonNull(weight, "weight");
    int[] xs = x.shapeRef();
    int[] ws = weight.shapeRef();
    if (xs.length != 4) {
      throw new IllegalArgumentException("conv2d: input must be [N, C, H, W], got " + Shapes.str(xs));
    }
    if (ws.length != 4 || ws[1] != xs[1] || ws[2] != ws[3]) {
      throw new IllegalArgumentException("conv2d: weight " + Shapes.str(ws) + " does not fit input "
          + Shapes.str(xs) + " (expected [O, " + xs[1] + ", k, k])");
    }
    if (bias != null && (bias.rank() != 1 || bias.size() != ws[0])) {
      throw new IllegalArgumentException(
          "conv2d: bias " + Shapes.str(bias.shapeRef()) + " does not match weight " + Shapes.str(ws)
              + " (expected [" + ws[0] + "])");
    }
    if (stride < 1) {
      throw new IllegalArgumentException("conv2d: stride must be at least 1, got " + stride);
    }
    if (padding < 0) {
      throw new IllegalArgumentException("conv2d: padding must be non-negative, got " + padding);
    }
    int k = ws[2];
    int ho = (xs[2] + 2 * padding - k) / stride + 1;
    int wo = (xs[3] + 2 * padding - k) / stride + 1;
    if (xs[2] + 2 * padding < k || xs[3] + 2 * padding < k) {
      throw new IllegalArgumentException("conv2d: kernel " + k + " is larger than the padded input "
          + Shapes.str(xs) + " with padding " + padding);
    }
    return new Geometry(xs[0], xs[1], xs[2], xs[3], ws[0], k, stride, padding, ho, wo);
  }
}
