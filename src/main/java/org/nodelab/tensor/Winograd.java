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
  /** Tiles per chunk the forward products aim at (two panels of the packed product). */
  private static final int CHUNK_TILES = 2 * PackedProduct.NR;

  /**
   * Tiles per chunk the backward pass aims at: the weight gradient's products run over the tiles,
   * so long chunks (and few partial sums to add) pay; their number is even, for two cores.
   */
  private static final int BACKWARD_TILES = 64;

  private Winograd() {}

  /** Whether the convolution of kernel {@code k}, {@code stride} and {@code padding} runs here. */
  static boolean applies(int k, int stride, int padding) {
    return k == 3 && stride == 1 && padding == 1;
  }

  /** The sizes of one convolution and its tiling. */
  private record Geometry(int n, int c, int h, int w, int o, int pad, WinogradTiling t) {
    /** Output rows: {@code h + 2·pad − r + 1}. */
    int ho() {
      return h + 2 * pad - t.r() + 1;
    }

    int wo() {
      return w + 2 * pad - t.r() + 1;
    }


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
      return (ho() + m() - 1) / m();
    }

    int tilesAcross() {
      return (wo() + m() - 1) / m();
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

    /** Samples per chunk of the backward pass: an even number of chunks of about {@link #BACKWARD_TILES}. */
    int backwardChunk() {
      long tiles = (long) n * tilesPerSample();
      long pairs = Math.max(1, (tiles + 2L * BACKWARD_TILES - 1) / (2L * BACKWARD_TILES));
      long count = Math.min(n, 2 * pairs);
      return (int) ((n + count - 1) / count);
    }
  }

  /** Work arrays of one thread and where each tile of a chunk lies. */
  private static final class Scratch {
    /** One block of lanes, gathered or to be scattered: α² × {@link RowCombination#LANES}. */
    final double[] block;
    /** The intermediate of the two-sided transforms. */
    final double[] middle = new double[RowCombination.SIZE * RowCombination.SIZE * RowCombination.LANES];
    /** Sample of each tile within its chunk. */
    final int[] sample;
    /** Image row and column of each tile's first output (its input tile starts one before). */
    final int[] row;
    final int[] column;

    Scratch(Geometry g, int tiles) {
      block = new double[g.positions() * RowCombination.LANES];
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
    return forward(WinogradTiling.best(h, w, 3, c, o), 1, x, weight, bias, n, c, h, w, o);
  }

  /** {@link #forward} on the given tiling of a 3×3 filter. */
  static double[] forward(WinogradTiling tiling, double[] x, double[] weight, double[] bias, int n, int c, int h, int w,
      int o) {
    return forward(tiling, 1, x, weight, bias, n, c, h, w, o);
  }

  /**
   * The stride-1 convolution of an r×r {@code weight} [o, c, r, r] (r of the tiling) with zero
   * padding {@code pad}: y [n, o, h + 2·pad − r + 1, w + 2·pad − r + 1].
   */
  static double[] forward(WinogradTiling tiling, int pad, double[] x, double[] weight, double[] bias, int n, int c,
      int h, int w, int o) {
    Geometry g = new Geometry(n, c, h, w, o, pad, tiling);
    int positions = g.positions();
    double[] packedU = packEach(transformWeights(g.t(), weight, o, c), positions, o, c, false);
    double[] y = new double[n * o * g.ho() * g.wo()];
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
    backward(WinogradTiling.best(h, w, 3, c, o), 1, x, weight, gy, gx, gw, n, c, h, w, o);
  }

  /** {@link #backward} on the given tiling of a 3×3 filter. */
  static void backward(WinogradTiling tiling, double[] x, double[] weight, double[] gy, double[] gx, double[] gw, int n,
      int c, int h, int w, int o) {
    backward(tiling, 1, x, weight, gy, gx, gw, n, c, h, w, o);
  }

  /** The gradients of the general {@link #forward} with padding {@code pad}. */
  static void backward(WinogradTiling tiling, int pad, double[] x, double[] weight, double[] gy, double[] gx,
      double[] gw, int n, int c, int h, int w, int o) {
    Geometry g = new Geometry(n, c, h, w, o, pad, tiling);
    int positions = g.positions();
    int chunk = g.backwardChunk();
    int chunks = (n + chunk - 1) / chunk;
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

  /** {@code U = G g Gᵀ} for every (o, c), stored {@code [ξ][o][c]}: the pairs (o, c) are the lanes. */
  private static double[] transformWeights(WinogradTiling t, double[] weight, int o, int c) {
    int pairs = o * c;
    int r = t.r();
    double[] taps = new double[r * r * pairs];
    for (int oc = 0; oc < pairs; oc++) {
      for (int k = 0; k < r * r; k++) {
        taps[k * pairs + oc] = weight[oc * r * r + k];
      }
    }
    RowCombination g = new RowCombination(t.g(), t.alpha(), r);
    double[] u = new double[t.positions() * pairs];
    double[] middle = new double[RowCombination.SIZE * RowCombination.SIZE * RowCombination.LANES];
    RowCombination.twoSided(g, g, taps, 0, r * pairs, pairs, u, 0, t.alpha() * pairs, pairs, pairs, middle);
    return u;
  }

  /** {@code ∂g = Gᵀ ∂U G} for every (o, c), added to {@code gw} [o, c, r, r]. */
  private static void weightGradient(WinogradTiling t, double[] gu, int o, int c, double[] gw) {
    int pairs = o * c;
    int r = t.r();
    RowCombination gt = new RowCombination(t.gt(), r, t.alpha());
    double[] taps = new double[r * r * pairs];
    double[] middle = new double[RowCombination.SIZE * RowCombination.SIZE * RowCombination.LANES];
    RowCombination.twoSided(gt, gt, gu, 0, t.alpha() * pairs, pairs, taps, 0, r * pairs, pairs, pairs, middle);
    for (int oc = 0; oc < pairs; oc++) {
      for (int k = 0; k < r * r; k++) {
        gw[oc * r * r + k] += taps[k * pairs + oc];
      }
    }
  }

  /** The α² matrices {@code [ξ][o][c]} packed as row blocks, or transposed ({@code [ξ][c][o]}). */
  private static double[] packEach(double[] u, int positions, int o, int c, boolean transposed) {
    int rows = transposed ? c : o;
    int inner = transposed ? o : c;
    int stride = PackedProduct.rowsLength(rows, inner);
    double[] packed = new double[positions * stride];
    for (int xi = 0; xi < positions; xi++) {
      if (transposed) {
        PackedProduct.packRows(u, xi * o * c, 1, c, c, o, packed, xi * stride);
      } else {
        PackedProduct.packRows(u, xi * o * c, c, 1, o, c, packed, xi * stride);
      }
    }
    return packed;
  }

  /**
   * Copies the α×α input tile of tile {@code t} of the chunk from channel {@code ch} into {@code
   * d} at {@code d[at + (a·α + b)·rowLength]}, zero outside the image (and for tiles past the chunk);
   * with {@code bordersZero} the places outside the image already hold zero and are left alone.
   */
  private static void gatherTile(Geometry g, double[] x, int first, int tiles, int t, int ch, double[] d, int at,
      int rowLength, Scratch scratch, boolean bordersZero) {
    int alpha = g.alpha();
    if (t >= tiles) {
      for (int r = 0; r < alpha * alpha; r++) {
        d[at + r * rowLength] = 0;
      }
      return;
    }
    int w = g.w();
    int r0 = scratch.row[t] - g.pad();
    int c0 = scratch.column[t] - g.pad();
    int rowFrom = Math.max(0, -r0);
    int rowTo = Math.min(alpha, g.h() - r0);
    int colFrom = Math.max(0, -c0);
    int colTo = Math.min(alpha, w - c0);
    int plane = ((first + scratch.sample[t]) * g.c() + ch) * g.h() * w + r0 * w + c0;
    if (bordersZero) {
      for (int a = rowFrom; a < rowTo; a++) {
        int out = at + a * alpha * rowLength;
        int in = plane + a * w;
        for (int b = colFrom; b < colTo; b++) {
          d[out + b * rowLength] = x[in + b];
        }
      }
      return;
    }
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
   * products (α² panel sets, {@code [ξ][panel][channel][tile of the panel]}): a block of those
   * lanes is gathered, then transformed.
   */
  private static void transformInput(Geometry g, double[] x, int first, int tiles, double[] packedV, int vStride,
      Scratch scratch) {
    int nr = PackedProduct.NR;
    int alpha = g.alpha();
    int lanes = RowCombination.LANES;
    RowCombination bt = new RowCombination(g.t().bt(), alpha, alpha);
    boolean sameBorders = zeroBorders(g, scratch);
    for (int l0 = 0; l0 < vStride; l0 += lanes) {
      int block = Math.min(lanes, vStride - l0);
      for (int l = 0; l < block; l++) {
        int lane = l0 + l;
        int panel = lane / (g.c() * nr);
        int ch = lane / nr % g.c();
        gatherTile(g, x, first, tiles, panel * nr + lane % nr, ch, scratch.block, l, lanes, scratch, sameBorders);
      }
      RowCombination.twoSided(bt, bt, scratch.block, 0, alpha * lanes, lanes, packedV, l0, alpha * vStride, vStride,
          block, scratch.middle);
    }
  }

  /**
   * Whether every tile has the same places outside the image (one tile per sample): then the
   * gather block is zeroed once here and only the inside of each tile is copied.
   */
  private static boolean zeroBorders(Geometry g, Scratch scratch) {
    if (g.tilesPerSample() != 1) {
      return false;
    }
    java.util.Arrays.fill(scratch.block, 0);
    return true;
  }

  /** The transformed tiles as plain matrices {@code [ξ][c][tiles]}. */
  private static void transformInputPlain(Geometry g, double[] x, int first, int tiles, double[] v, Scratch scratch) {
    int alpha = g.alpha();
    int lanes = RowCombination.LANES;
    int row = g.c() * tiles;
    RowCombination bt = new RowCombination(g.t().bt(), alpha, alpha);
    boolean sameBorders = zeroBorders(g, scratch);
    for (int l0 = 0; l0 < row; l0 += lanes) {
      int block = Math.min(lanes, row - l0);
      for (int l = 0; l < block; l++) {
        int lane = l0 + l;
        gatherTile(g, x, first, tiles, lane % tiles, lane / tiles, scratch.block, l, lanes, scratch, sameBorders);
      }
      RowCombination.twoSided(bt, bt, scratch.block, 0, alpha * lanes, lanes, v, l0, alpha * row, row, block,
          scratch.middle);
    }
  }

  /** {@code Y = Aᵀ M A} of every tile plus the bias, written into y where inside the image. */
  private static void transformOutput(Geometry g, double[] m, int tiles, double[] bias, int first, double[] y,
      Scratch scratch) {
    int mm = g.m();
    int alpha = g.alpha();
    int o = g.o();
    int lanes = RowCombination.LANES;
    int row = o * tiles;
    RowCombination at = new RowCombination(g.t().at(), mm, alpha);
    double[] yt = scratch.block;
    for (int l0 = 0; l0 < row; l0 += lanes) {
      int block = Math.min(lanes, row - l0);
      RowCombination.twoSided(at, at, m, l0, alpha * row, row, yt, 0, mm * lanes, lanes, block, scratch.middle);
      for (int l = 0; l < block; l++) {
        int lane = l0 + l;
        int oc = lane / tiles;
        int t = lane % tiles;
        double b = bias == null ? 0 : bias[oc];
        int i0 = scratch.row[t];
        int j0 = scratch.column[t];
        int plane = ((first + scratch.sample[t]) * o + oc) * g.ho() * g.wo();
        int rows = Math.min(mm, g.ho() - i0);
        int cols = Math.min(mm, g.wo() - j0);
        for (int p = 0; p < rows; p++) {
          int out = plane + (i0 + p) * g.wo() + j0;
          for (int q = 0; q < cols; q++) {
            y[out + q] = yt[(p * mm + q) * lanes + l] + b;
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
    int lanes = RowCombination.LANES;
    int row = o * tiles;
    RowCombination a = new RowCombination(g.t().a(), alpha, mm);
    double[] gyt = scratch.block;
    for (int l0 = 0; l0 < row; l0 += lanes) {
      int block = Math.min(lanes, row - l0);
      for (int l = 0; l < block; l++) {
        int lane = l0 + l;
        int oc = lane / tiles;
        int t = lane % tiles;
        int i0 = scratch.row[t];
        int j0 = scratch.column[t];
        int plane = ((first + scratch.sample[t]) * o + oc) * g.ho() * g.wo();
        for (int p = 0; p < mm; p++) {
          boolean rowInside = i0 + p < g.ho();
          for (int q = 0; q < mm; q++) {
            boolean inside = rowInside && j0 + q < g.wo();
            gyt[(p * mm + q) * lanes + l] = inside ? gy[plane + (i0 + p) * g.wo() + j0 + q] : 0;
          }
        }
      }
      RowCombination.twoSided(a, a, gyt, 0, mm * lanes, lanes, gm, l0, alpha * row, row, block, scratch.middle);
    }
  }

  /** {@code ∂d = B ∂V Bᵀ} of every tile, added onto the input gradient where inside the image. */
  private static void inputGradient(Geometry g, double[] gv, int first, int tiles, double[] gx, Scratch scratch) {
    int alpha = g.alpha();
    int c = g.c();
    int lanes = RowCombination.LANES;
    int row = c * tiles;
    RowCombination b = new RowCombination(g.t().b(), alpha, alpha);
    double[] gd = scratch.block;
    for (int l0 = 0; l0 < row; l0 += lanes) {
      int block = Math.min(lanes, row - l0);
      RowCombination.twoSided(b, b, gv, l0, alpha * row, row, gd, 0, alpha * lanes, lanes, block, scratch.middle);
      for (int l = 0; l < block; l++) {
        int lane = l0 + l;
        int ch = lane / tiles;
        int t = lane % tiles;
        int r0 = scratch.row[t] - g.pad();
        int c0 = scratch.column[t] - g.pad();
        int plane = ((first + scratch.sample[t]) * c + ch) * g.h() * g.w();
        for (int aa = Math.max(0, -r0); aa < Math.min(alpha, g.h() - r0); aa++) {
          int at = plane + (r0 + aa) * g.w() + c0;
          for (int bb = Math.max(0, -c0); bb < Math.min(alpha, g.w() - c0); bb++) {
            gx[at + bb] += gd[(aa * alpha + bb) * lanes + l];
          }
        }
      }
    }
  }
}
