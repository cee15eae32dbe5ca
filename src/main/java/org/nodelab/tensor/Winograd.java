package org.nodelab.tensor;

/**
 * The stride-1, padding-1 3×3 convolution by Winograd's minimal filtering F(m×m, 3×3) (Lavin and
 * Gray 2016): each m×m block of outputs is {@code Y = Aᵀ[(G g Gᵀ) ⊙ (Bᵀ d B)]A} over the α×α input
 * tile {@code d} (α = m + 2), so the sum over input channels takes α² multiply-adds per tile instead
 * of 9m², as α² matrix products {@code M_ξ = U_ξ·V_ξ} (one per tile position ξ) on packed operands.
 * The tile size comes from the shape ({@link WinogradTiling#best}): on the 6×6 maps of an ODE-Net
 * one F(6×6, 3×3) tile covers a whole channel, 64 multiply-adds against 324. The gradients
 * transpose each step: {@code ∂V_ξ = U_ξᵀ·∂M_ξ}, {@code ∂U_ξ = ∂M_ξ·V_ξᵀ}, with {@code ∂M = A ∂Y
 * Aᵀ}, {@code ∂d = B ∂V Bᵀ} and {@code ∂g = Gᵀ ∂U G}. The transforms run on many tiles at once
 * ({@link RowCombination}). Samples are processed in chunks split over the cores; the chunk size
 * depends on the shape only, so the bits do not depend on the number of threads. Agrees with the
 * direct convolution to rounding (relative 1e-13 for F(6×6, 3×3)).
 */
final class Winograd {
  /** Tiles per chunk the products aim at (two panels of the packed product). */
  private static final int CHUNK_TILES = PackedProduct.NR;

  private Winograd() {}

  /** Whether the convolution of kernel {@code k}, {@code stride} and {@code padding} runs here. */
  static boolean applies(int k, int stride, int padding) {
    return k == 3 && stride == 1 && padding == 1;
  }

  /** The sizes of one convolution and its tiling. */
  private record Geometry(int n, int c, int h, int w, int o, WinogradTiling t) {

    int m() {
      return t.m();
    }

    int alpha() {
      return t.alpha();
    }

    int positions() {
      return t.positions();
    }

    int tilesDown() {
      return (h + m() - 1) / m();
    }

    int tilesAcross() {
      return (w + m() - 1) / m();
    }

    int tilesPerSample() {
      return tilesDown() * tilesAcross();
    }

    int chunk() {
      return Math.max(1, Math.min(n, CHUNK_TILES / tilesPerSample()));
    }

    int chunks() {
      return (n + chunk() - 1) / chunk();
    }
  }

  /** Work arrays of one thread, sized for the largest chunk, and where each tile of a chunk lies. */
  private static final class Scratch {
    final double[] first;
    final double[] second;
    /** Sample of each tile within its chunk. */
    final int[] sample;
    /** Image row and column of each tile's first output (its input tile starts one before). */
    final int[] row;
    final int[] column;

    Scratch(Geometry g, int tiles) {
      int lanes = Math.max(g.o(), g.c()) * PackedProduct.panels(tiles) * PackedProduct.NR;
      first = new double[g.positions() * lanes];
      second = new double[g.positions() * lanes];
      sample = new int[tiles];
      row = new int[tiles];
      column = new int[tiles];
      for (int t = 0; t < tiles; t++) {
        int rest = t % g.tilesPerSample();
        sample[t] = t / g.tilesPerSample();
        row[t] = g.m() * (rest / g.tilesAcross());
        column[t] = g.m() * (rest % g.tilesAcross());
      }
    }
  }

  /**
   * {@code conv2d(x, weight, bias, 1, 1)} for {@code x} [n, c, h, w] and a 3×3 {@code weight} [o,
   * c, 3, 3]; the arrays are those of the tensors, the result is y [n, o, h, w].
   */
  static double[] forward(double[] x, double[] weight, double[] bias, int n, int c, int h, int w, int o) {
    return forward(WinogradTiling.best(h, w, c, o), x, weight, bias, n, c, h, w, o);
  }

  /** {@link #forward} on the given tiling. */
  static double[] forward(WinogradTiling tiling, double[] x, double[] weight, double[] bias, int n, int c, int h, int w,
      int o) {
    Geometry g = new Geometry(n, c, h, w, o, tiling);
    int positions = g.positions();
    double[] packedU = packEach(transformWeights(g.t(), weight, o, c), positions, o, c, false);
    double[] y = new double[n * o * h * w];
    int chunk = g.chunk();
    long work = (long) n * g.tilesPerSample() * positions * o * c;
    Parallel.rows(g.chunks(), 1, work, (from, to) -> {
      int most = chunk * g.tilesPerSample();
      double[] packedV = new double[positions * PackedProduct.columnsLength(c, most)];
      double[] m = new double[positions * o * most];
      Scratch scratch = new Scratch(g, most);
      for (int q = from; q < to; q++) {
        int first = q * chunk;
        int count = Math.min(chunk, n - first);
        int tiles = count * g.tilesPerSample();
        int vStride = PackedProduct.columnsLength(c, tiles);
        transformInput(g, x, first, tiles, packedV, vStride, scratch);
        int uStride = PackedProduct.rowsLength(o, c);
        for (int xi = 0; xi < positions; xi++) {
          PackedProduct.multiply(packedU, xi * uStride, packedV, xi * vStride, o, c, tiles, m, xi * o * tiles, tiles,
              false);
        }
        transformOutput(g, m, tiles, bias, first, y, scratch);
      }
    });
    return y;
  }

  /**
   * Adds the gradients of {@link #forward} for the output gradient {@code gy}: into {@code gx}
   * and {@code gw} where not null ({@code gb} is the caller's, a plain sum).
   */
  static void backward(double[] x, double[] weight, double[] gy, double[] gx, double[] gw, int n, int c, int h, int w,
      int o) {
    backward(WinogradTiling.best(h, w, c, o), x, weight, gy, gx, gw, n, c, h, w, o);
  }

  /** {@link #backward} on the given tiling. */
  static void backward(WinogradTiling tiling, double[] x, double[] weight, double[] gy, double[] gx, double[] gw, int n,
      int c, int h, int w, int o) {
    Geometry g = new Geometry(n, c, h, w, o, tiling);
    int positions = g.positions();
    int chunk = g.chunk();
    int chunks = g.chunks();
    double[] transposedU = gx == null ? null : packEach(transformWeights(g.t(), weight, o, c), positions, o, c, true);
    int weights = positions * o * c;
    double[] partialU = gw == null ? null : new double[chunks * weights];
    long work = 2L * n * g.tilesPerSample() * positions * o * c;
    Parallel.rows(chunks, 1, work, (from, to) -> {
      int most = chunk * g.tilesPerSample();
      double[] gm = new double[positions * o * most];
      double[] packedGm = new double[Math.max(PackedProduct.rowsLength(o, most), PackedProduct.columnsLength(o, most))];
      double[] v = gw == null ? null : new double[positions * c * most];
      double[] packedVt = gw == null ? null : new double[PackedProduct.columnsLength(most, c)];
      double[] gv = gx == null ? null : new double[positions * c * most];
      Scratch scratch = new Scratch(g, most);
      for (int q = from; q < to; q++) {
        int first = q * chunk;
        int count = Math.min(chunk, n - first);
        int tiles = count * g.tilesPerSample();
        outputGradient(g, gy, first, tiles, gm, scratch);
        if (gw != null) {
          transformInputPlain(g, x, first, tiles, v, scratch);
        }
        for (int xi = 0; xi < positions; xi++) {
          int at = xi * o * tiles;
          if (gw != null) {
            PackedProduct.packRows(gm, at, tiles, 1, o, tiles, packedGm);
            PackedProduct.packColumns(v, xi * c * tiles, 1, tiles, tiles, c, packedVt);
            PackedProduct.multiply(packedGm, 0, packedVt, 0, o, tiles, c, partialU, q * weights + xi * o * c, c, false);
          }
          if (gx != null) {
            PackedProduct.packColumns(gm, at, tiles, 1, o, tiles, packedGm);
            PackedProduct.multiply(transposedU, xi * PackedProduct.rowsLength(c, o), packedGm, 0, c, o, tiles, gv,
                xi * c * tiles, tiles, false);
          }
        }
        if (gx != null) {
          inputGradient(g, gv, first, tiles, gx, scratch);
        }
      }
    });
    if (gw != null) {
      double[] gu = new double[weights];
      for (int q = 0; q < chunks; q++) {
        for (int i = 0; i < weights; i++) {
          gu[i] += partialU[q * weights + i];
        }
      }
      weightGradient(g.t(), gu, o, c, gw);
    }
  }

  /** {@code U = G g Gᵀ} for every (o, c), stored {@code [ξ][o][c]}: both sides transformed over all (o, c) at once. */
  private static double[] transformWeights(WinogradTiling t, double[] weight, int o, int c) {
    int alpha = t.alpha();
    int pairs = o * c;
    double[] taps = new double[9 * pairs];
    for (int oc = 0; oc < pairs; oc++) {
      for (int k = 0; k < 9; k++) {
        taps[k * pairs + oc] = weight[oc * 9 + k];
      }
    }
    double[] half = new double[alpha * 3 * pairs];
    for (int l = 0; l < 3; l++) {
      RowCombination.apply(t.g(), alpha, 3, taps, l * pairs, 3 * pairs, half, l * pairs, 3 * pairs, pairs);
    }
    double[] u = new double[t.positions() * pairs];
    for (int i = 0; i < alpha; i++) {
      RowCombination.apply(t.g(), alpha, 3, half, i * 3 * pairs, pairs, u, i * alpha * pairs, pairs, pairs);
    }
    return u;
  }

  /** {@code ∂g = Gᵀ ∂U G} for every (o, c), added to {@code gw} [o, c, 3, 3]. */
  private static void weightGradient(WinogradTiling t, double[] gu, int o, int c, double[] gw) {
    int alpha = t.alpha();
    int pairs = o * c;
    double[] half = new double[3 * alpha * pairs];
    for (int j = 0; j < alpha; j++) {
      RowCombination.apply(t.gt(), 3, alpha, gu, j * pairs, alpha * pairs, half, j * pairs, alpha * pairs, pairs);
    }
    double[] taps = new double[9 * pairs];
    for (int k = 0; k < 3; k++) {
      RowCombination.apply(t.gt(), 3, alpha, half, k * alpha * pairs, pairs, taps, k * 3 * pairs, pairs, pairs);
    }
    for (int oc = 0; oc < pairs; oc++) {
      for (int k = 0; k < 9; k++) {
        gw[oc * 9 + k] += taps[k * pairs + oc];
      }
    }
  }

  /** The α² matrices {@code [ξ][o][c]} packed as row blocks, or transposed ({@code [ξ][c][o]}). */
  private static double[] packEach(double[] u, int positions, int o, int c, boolean transposed) {
    int rows = transposed ? c : o;
    int inner = transposed ? o : c;
    int stride = PackedProduct.rowsLength(rows, inner);
    double[] packed = new double[positions * stride];
    double[] one = new double[stride];
    for (int xi = 0; xi < positions; xi++) {
      if (transposed) {
        PackedProduct.packRows(u, xi * o * c, 1, c, c, o, one);
      } else {
        PackedProduct.packRows(u, xi * o * c, c, 1, o, c, one);
      }
      System.arraycopy(one, 0, packed, xi * stride, stride);
    }
    return packed;
  }

  /**
   * Copies the α×α input tile of tile {@code t} of the chunk from channel {@code ch} into {@code
   * d} at {@code d[at + (a·α + b)·rowLength]}, zero outside the image (and for tiles past the chunk).
   */
  private static void gatherTile(Geometry g, double[] x, int first, int tiles, int t, int ch, double[] d, int at,
      int rowLength, Scratch scratch) {
    int alpha = g.alpha();
    if (t >= tiles) {
      for (int r = 0; r < alpha * alpha; r++) {
        d[at + r * rowLength] = 0;
      }
      return;
    }
    int w = g.w();
    int r0 = scratch.row[t] - 1;
    int c0 = scratch.column[t] - 1;
    int rowFrom = Math.max(0, -r0);
    int rowTo = Math.min(alpha, g.h() - r0);
    int colFrom = Math.max(0, -c0);
    int colTo = Math.min(alpha, w - c0);
    int plane = ((first + scratch.sample[t]) * g.c() + ch) * g.h() * w + r0 * w + c0;
    for (int a = 0; a < alpha; a++) {
      int out = at + a * alpha * rowLength;
      if (a < rowFrom || a >= rowTo) {
        for (int b = 0; b < alpha; b++) {
          d[out + b * rowLength] = 0;
        }
        continue;
      }
      int in = plane + a * w;
      for (int b = 0; b < colFrom; b++) {
        d[out + b * rowLength] = 0;
      }
      for (int b = colFrom; b < colTo; b++) {
        d[out + b * rowLength] = x[in + b];
      }
      for (int b = Math.max(colFrom, colTo); b < alpha; b++) {
        d[out + b * rowLength] = 0;
      }
    }
  }

  /**
   * {@code V = Bᵀ d B} of the chunk's tiles, written straight into the packed B operands of the
   * products (α² panel sets): the tiles are gathered in that order, then transformed together.
   */
  private static void transformInput(Geometry g, double[] x, int first, int tiles, double[] packedV, int vStride,
      Scratch scratch) {
    int nr = PackedProduct.NR;
    int alpha = g.alpha();
    double[] bt = g.t().bt();
    double[] d = scratch.first;
    double[] t1 = scratch.second;
    for (int panel = 0; panel < PackedProduct.panels(tiles); panel++) {
      for (int ch = 0; ch < g.c(); ch++) {
        for (int l = 0; l < nr; l++) {
          gatherTile(g, x, first, tiles, panel * nr + l, ch, d, (panel * g.c() + ch) * nr + l, vStride, scratch);
        }
      }
    }
    RowCombination.apply(bt, alpha, alpha, d, 0, alpha * vStride, t1, 0, alpha * vStride, alpha * vStride);
    for (int i = 0; i < alpha; i++) {
      RowCombination.apply(bt, alpha, alpha, t1, i * alpha * vStride, vStride, packedV, i * alpha * vStride, vStride,
          vStride);
    }
  }

  /** The transformed tiles as plain matrices {@code [ξ][c][tiles]}. */
  private static void transformInputPlain(Geometry g, double[] x, int first, int tiles, double[] v, Scratch scratch) {
    int alpha = g.alpha();
    int row = g.c() * tiles;
    double[] bt = g.t().bt();
    double[] d = scratch.first;
    double[] t1 = scratch.second;
    for (int ch = 0; ch < g.c(); ch++) {
      for (int t = 0; t < tiles; t++) {
        gatherTile(g, x, first, tiles, t, ch, d, ch * tiles + t, row, scratch);
      }
    }
    RowCombination.apply(bt, alpha, alpha, d, 0, alpha * row, t1, 0, alpha * row, alpha * row);
    for (int i = 0; i < alpha; i++) {
      RowCombination.apply(bt, alpha, alpha, t1, i * alpha * row, row, v, i * alpha * row, row, row);
    }
  }

  /** {@code Y = Aᵀ M A} of every tile plus the bias, written into y where inside the image. */
  private static void transformOutput(Geometry g, double[] m, int tiles, double[] bias, int first, double[] y,
      Scratch scratch) {
    int mm = g.m();
    int alpha = g.alpha();
    int o = g.o();
    int row = o * tiles;
    double[] at = g.t().at();
    double[] r = scratch.first;
    double[] yt = scratch.second;
    for (int j = 0; j < alpha; j++) {
      RowCombination.apply(at, mm, alpha, m, j * row, alpha * row, r, j * row, alpha * row, row);
    }
    for (int p = 0; p < mm; p++) {
      RowCombination.apply(at, mm, alpha, r, p * alpha * row, row, yt, p * mm * row, row, row);
    }
    for (int oc = 0; oc < o; oc++) {
      double b = bias == null ? 0 : bias[oc];
      for (int t = 0; t < tiles; t++) {
        int i0 = scratch.row[t];
        int j0 = scratch.column[t];
        int plane = ((first + scratch.sample[t]) * o + oc) * g.h() * g.w();
        int rows = Math.min(mm, g.h() - i0);
        int cols = Math.min(mm, g.w() - j0);
        for (int p = 0; p < rows; p++) {
          for (int q = 0; q < cols; q++) {
            y[plane + (i0 + p) * g.w() + j0 + q] = yt[(p * mm + q) * row + oc * tiles + t] + b;
          }
        }
      }
    }
  }

  /** {@code ∂M = A ∂Y Aᵀ} of every tile, as plain matrices {@code [ξ][o][tiles]}. */
  private static void outputGradient(Geometry g, double[] gy, int first, int tiles, double[] gm, Scratch scratch) {
    int mm = g.m();
    int alpha = g.alpha();
    int o = g.o();
    int row = o * tiles;
    double[] a = g.t().a();
    double[] gyt = scratch.first;
    double[] r = scratch.second;
    for (int oc = 0; oc < o; oc++) {
      for (int t = 0; t < tiles; t++) {
        int i0 = scratch.row[t];
        int j0 = scratch.column[t];
        int plane = ((first + scratch.sample[t]) * o + oc) * g.h() * g.w();
        for (int p = 0; p < mm; p++) {
          for (int q = 0; q < mm; q++) {
            boolean inside = i0 + p < g.h() && j0 + q < g.w();
            gyt[(p * mm + q) * row + oc * tiles + t] = inside ? gy[plane + (i0 + p) * g.w() + j0 + q] : 0;
          }
        }
      }
    }
    for (int q = 0; q < mm; q++) {
      RowCombination.apply(a, alpha, mm, gyt, q * row, mm * row, r, q * row, mm * row, row);
    }
    for (int i = 0; i < alpha; i++) {
      RowCombination.apply(a, alpha, mm, r, i * mm * row, row, gm, i * alpha * row, row, row);
    }
  }

  /** {@code ∂d = B ∂V Bᵀ} of every tile, added onto the input gradient where inside the image. */
  private static void inputGradient(Geometry g, double[] gv, int first, int tiles, double[] gx, Scratch scratch) {
    int alpha = g.alpha();
    int c = g.c();
    int row = c * tiles;
    double[] b = g.t().b();
    double[] s1 = scratch.first;
    double[] gd = scratch.second;
    for (int j = 0; j < alpha; j++) {
      RowCombination.apply(b, alpha, alpha, gv, j * row, alpha * row, s1, j * row, alpha * row, row);
    }
    for (int a = 0; a < alpha; a++) {
      RowCombination.apply(b, alpha, alpha, s1, a * alpha * row, row, gd, a * alpha * row, row, row);
    }
    for (int ch = 0; ch < c; ch++) {
      for (int t = 0; t < tiles; t++) {
        int r0 = scratch.row[t] - 1;
        int c0 = scratch.column[t] - 1;
        int plane = ((first + scratch.sample[t]) * c + ch) * g.h() * g.w();
        for (int a = 0; a < alpha; a++) {
          int r = r0 + a;
          if (r < 0 || r >= g.h()) {
            continue;
          }
          for (int bb = 0; bb < alpha; bb++) {
            int col = c0 + bb;
            if (col >= 0 && col < g.w()) {
              gx[plane + r * g.w() + col] += gd[(a * alpha + bb) * row + ch * tiles + t];
            }
          }
        }
      }
    }
  }
}
