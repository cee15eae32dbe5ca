package org.nodelab.tensor;

/**
 * The stride-1, padding-1 3×3 convolution by Winograd's minimal filtering F(2×2, 3×3) (Lavin and
 * Gray 2016): each 2×2 block of outputs is {@code Y = Aᵀ[(G g Gᵀ) ⊙ (Bᵀ d B)]A} over the 4×4 input
 * tile {@code d}, so the sum over input channels takes 16 multiply-adds per tile instead of 36, as
 * 16 matrix products {@code M_ξ = U_ξ·V_ξ} (one per tile position ξ) on packed operands. The
 * gradients transpose each step: {@code ∂V_ξ = U_ξᵀ·∂M_ξ}, {@code ∂U_ξ = ∂M_ξ·V_ξᵀ}, with {@code ∂M
 * = A ∂Y Aᵀ}, {@code ∂d = B ∂V Bᵀ} and {@code ∂g = Gᵀ ∂U G}. Samples are processed in chunks split
 * over the cores; the chunk size depends on the shape only, so the bits do not depend on the
 * number of threads. Agrees with the direct convolution to rounding (relative 1e-14 here).
 */
final class Winograd {
  /** Tiles per chunk the products aim at (their operands then stay in L2). */
  private static final int CHUNK_TILES = 144;

  /** Positions of a 4×4 transformed tile. */
  private static final int XI = 16;

  private Winograd() {}

  /** Whether the convolution of kernel {@code k}, {@code stride} and {@code padding} runs here. */
  static boolean applies(int k, int stride, int padding) {
    return k == 3 && stride == 1 && padding == 1;
  }

  /** The sizes of one convolution, in 2×2 output tiles. */
  private record Geometry(int n, int c, int h, int w, int o) {
    int tilesDown() {
      return (h + 1) / 2;
    }

    int tilesAcross() {
      return (w + 1) / 2;
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

  /**
   * {@code conv2d(x, weight, bias, 1, 1)} for {@code x} [n, c, h, w] and a 3×3 {@code weight} [o,
   * c, 3, 3]; the arrays are those of the tensors, the result is y [n, o, h, w].
   */
  static double[] forward(double[] x, double[] weight, double[] bias, int n, int c, int h, int w, int o) {
    Geometry g = new Geometry(n, c, h, w, o);
    double[] u = transformWeights(weight, o, c);
    double[] packedU = packEach(u, o, c, false);
    double[] y = new double[n * o * h * w];
    int chunk = g.chunk();
    long work = (long) n * g.tilesPerSample() * XI * o * c;
    Parallel.rows(g.chunks(), 1, work, (from, to) -> {
      int most = chunk * g.tilesPerSample();
      double[] packedV = new double[XI * PackedProduct.columnsLength(c, most)];
      double[] m = new double[XI * o * most];
      for (int q = from; q < to; q++) {
        int first = q * chunk;
        int count = Math.min(chunk, n - first);
        int tiles = count * g.tilesPerSample();
        int vStride = PackedProduct.columnsLength(c, tiles);
        transformInput(g, x, first, count, packedV, vStride);
        int uStride = PackedProduct.rowsLength(o, c);
        for (int xi = 0; xi < XI; xi++) {
          PackedProduct.multiply(packedU, xi * uStride, packedV, xi * vStride, o, c, tiles, m, xi * o * tiles, tiles, false);
        }
        transformOutput(g, m, tiles, bias, first, count, y);
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
    Geometry g = new Geometry(n, c, h, w, o);
    int chunk = g.chunk();
    int chunks = g.chunks();
    double[] packedUt = null;
    if (gx != null) {
      packedUt = packEach(transformWeights(weight, o, c), o, c, true);
    }
    double[] transposedU = packedUt;
    int weights = XI * o * c;
    double[] partialU = gw == null ? null : new double[chunks * weights];
    long work = 2L * n * g.tilesPerSample() * XI * o * c;
    Parallel.rows(chunks, 1, work, (from, to) -> {
      int most = chunk * g.tilesPerSample();
      double[] gm = new double[XI * o * most];
      double[] packedGm = new double[Math.max(PackedProduct.rowsLength(o, most), PackedProduct.columnsLength(o, most))];
      double[] v = gw == null ? null : new double[XI * c * most];
      double[] packedVt = gw == null ? null : new double[PackedProduct.columnsLength(most, c)];
      double[] gv = gx == null ? null : new double[XI * c * most];
      for (int q = from; q < to; q++) {
        int first = q * chunk;
        int count = Math.min(chunk, n - first);
        int tiles = count * g.tilesPerSample();
        outputGradient(g, gy, first, count, gm);
        if (gw != null) {
          transformInputPlain(g, x, first, count, v);
        }
        for (int xi = 0; xi < XI; xi++) {
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
          inputGradient(g, gv, tiles, first, count, gx);
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
      weightGradient(gu, o, c, gw);
    }
  }

  /** {@code U = G g Gᵀ} for every (o, c), stored {@code [ξ][o][c]}. */
  private static double[] transformWeights(double[] weight, int o, int c) {
    double[] u = new double[XI * o * c];
    double[] t = new double[12];
    for (int oc = 0; oc < o * c; oc++) {
      int base = oc * 9;
      for (int col = 0; col < 3; col++) {
        double g0 = weight[base + col];
        double g1 = weight[base + 3 + col];
        double g2 = weight[base + 6 + col];
        t[col] = g0;
        t[3 + col] = 0.5 * (g0 + g1 + g2);
        t[6 + col] = 0.5 * (g0 - g1 + g2);
        t[9 + col] = g2;
      }
      for (int row = 0; row < 4; row++) {
        double g0 = t[row * 3];
        double g1 = t[row * 3 + 1];
        double g2 = t[row * 3 + 2];
        int xi = row * 4;
        u[xi * o * c + oc] = g0;
        u[(xi + 1) * o * c + oc] = 0.5 * (g0 + g1 + g2);
        u[(xi + 2) * o * c + oc] = 0.5 * (g0 - g1 + g2);
        u[(xi + 3) * o * c + oc] = g2;
      }
    }
    return u;
  }

  /** {@code ∂g = Gᵀ ∂U G} for every (o, c), added to {@code gw} [o, c, 3, 3]. */
  private static void weightGradient(double[] gu, int o, int c, double[] gw) {
    double[] t = new double[12];
    for (int oc = 0; oc < o * c; oc++) {
      for (int row = 0; row < 4; row++) {
        int xi = row * 4;
        double u0 = gu[xi * o * c + oc];
        double u1 = gu[(xi + 1) * o * c + oc];
        double u2 = gu[(xi + 2) * o * c + oc];
        double u3 = gu[(xi + 3) * o * c + oc];
        t[row * 3] = u0 + 0.5 * (u1 + u2);
        t[row * 3 + 1] = 0.5 * (u1 - u2);
        t[row * 3 + 2] = 0.5 * (u1 + u2) + u3;
      }
      int base = oc * 9;
      for (int col = 0; col < 3; col++) {
        double u0 = t[col];
        double u1 = t[3 + col];
        double u2 = t[6 + col];
        double u3 = t[9 + col];
        gw[base + col] += u0 + 0.5 * (u1 + u2);
        gw[base + 3 + col] += 0.5 * (u1 - u2);
        gw[base + 6 + col] += 0.5 * (u1 + u2) + u3;
      }
    }
  }

  /** The 16 matrices {@code [ξ][o][c]} packed as row blocks, or transposed ({@code [ξ][c][o]}). */
  private static double[] packEach(double[] u, int o, int c, boolean transposed) {
    int rows = transposed ? c : o;
    int inner = transposed ? o : c;
    int stride = PackedProduct.rowsLength(rows, inner);
    double[] packed = new double[XI * stride];
    double[] one = new double[stride];
    for (int xi = 0; xi < XI; xi++) {
      if (transposed) {
        PackedProduct.packRows(u, xi * o * c, 1, c, c, o, one);
      } else {
        PackedProduct.packRows(u, xi * o * c, c, 1, o, c, one);
      }
      System.arraycopy(one, 0, packed, xi * stride, stride);
    }
    return packed;
  }

  /** Reads the 4×4 input tile of channel plane {@code plane} at tile (ti, tj), zero outside the image. */
  private static void readTile(Geometry g, double[] x, int plane, int ti, int tj, double[] d) {
    int r0 = 2 * ti - 1;
    int c0 = 2 * tj - 1;
    boolean inside = r0 >= 0 && c0 >= 0 && r0 + 4 <= g.h && c0 + 4 <= g.w;
    for (int r = 0; r < 4; r++) {
      int row = r0 + r;
      for (int s = 0; s < 4; s++) {
        int col = c0 + s;
        d[r * 4 + s] = inside || (row >= 0 && row < g.h && col >= 0 && col < g.w) ? x[plane + row * g.w + col] : 0;
      }
    }
  }

  /** {@code V = Bᵀ d B} of a 4×4 tile, in place into {@code v}. */
  private static void inputTransform(double[] d, double[] v) {
    for (int s = 0; s < 4; s++) {
      double d0 = d[s];
      double d1 = d[4 + s];
      double d2 = d[8 + s];
      double d3 = d[12 + s];
      v[s] = d0 - d2;
      v[4 + s] = d1 + d2;
      v[8 + s] = d2 - d1;
      v[12 + s] = d1 - d3;
    }
    for (int r = 0; r < 4; r++) {
      double t0 = v[r * 4];
      double t1 = v[r * 4 + 1];
      double t2 = v[r * 4 + 2];
      double t3 = v[r * 4 + 3];
      v[r * 4] = t0 - t2;
      v[r * 4 + 1] = t1 + t2;
      v[r * 4 + 2] = t2 - t1;
      v[r * 4 + 3] = t1 - t3;
    }
  }

  /** The transformed tiles of samples {@code [first, first+count)}, packed for the products: 16 B-panel sets. */
  private static void transformInput(Geometry g, double[] x, int first, int count, double[] packedV, int vStride) {
    double[] d = new double[16];
    double[] v = new double[16];
    int nr = PackedProduct.NR;
    for (int s = 0; s < count; s++) {
      for (int ch = 0; ch < g.c; ch++) {
        int plane = ((first + s) * g.c + ch) * g.h * g.w;
        for (int ti = 0; ti < g.tilesDown(); ti++) {
          for (int tj = 0; tj < g.tilesAcross(); tj++) {
            int t = (s * g.tilesDown() + ti) * g.tilesAcross() + tj;
            readTile(g, x, plane, ti, tj, d);
            inputTransform(d, v);
            int at = ((t / nr) * g.c + ch) * nr + t % nr;
            for (int xi = 0; xi < XI; xi++) {
              packedV[xi * vStride + at] = v[xi];
            }
          }
        }
      }
    }
    int tiles = count * g.tilesPerSample();
    int pad = PackedProduct.panels(tiles) * nr;
    for (int t = tiles; t < pad; t++) {
      for (int ch = 0; ch < g.c; ch++) {
        int at = ((t / nr) * g.c + ch) * nr + t % nr;
        for (int xi = 0; xi < XI; xi++) {
          packedV[xi * vStride + at] = 0;
        }
      }
    }
  }

  /** The transformed tiles as plain matrices {@code [ξ][c][tiles]}. */
  private static void transformInputPlain(Geometry g, double[] x, int first, int count, double[] v) {
    double[] d = new double[16];
    double[] tv = new double[16];
    int tiles = count * g.tilesPerSample();
    for (int s = 0; s < count; s++) {
      for (int ch = 0; ch < g.c; ch++) {
        int plane = ((first + s) * g.c + ch) * g.h * g.w;
        for (int ti = 0; ti < g.tilesDown(); ti++) {
          for (int tj = 0; tj < g.tilesAcross(); tj++) {
            int t = (s * g.tilesDown() + ti) * g.tilesAcross() + tj;
            readTile(g, x, plane, ti, tj, d);
            inputTransform(d, tv);
            for (int xi = 0; xi < XI; xi++) {
              v[(xi * g.c + ch) * tiles + t] = tv[xi];
            }
          }
        }
      }
    }
  }

  /** {@code Y = Aᵀ M A} of every tile plus the bias, written into y where inside the image. */
  private static void transformOutput(Geometry g, double[] m, int tiles, double[] bias, int first, int count,
      double[] y) {
    double[] mt = new double[16];
    for (int oc = 0; oc < g.o; oc++) {
      double b = bias == null ? 0 : bias[oc];
      for (int t = 0; t < tiles; t++) {
        for (int xi = 0; xi < XI; xi++) {
          mt[xi] = m[(xi * g.o + oc) * tiles + t];
        }
        double r00 = mt[0] + mt[1] + mt[2];
        double r01 = mt[1] - mt[2] - mt[3];
        double r10 = mt[4] + mt[5] + mt[6];
        double r11 = mt[5] - mt[6] - mt[7];
        double r20 = mt[8] + mt[9] + mt[10];
        double r21 = mt[9] - mt[10] - mt[11];
        double r30 = mt[12] + mt[13] + mt[14];
        double r31 = mt[13] - mt[14] - mt[15];
        double y00 = r00 + r10 + r20 + b;
        double y01 = r01 + r11 + r21 + b;
        double y10 = r10 - r20 - r30 + b;
        double y11 = r11 - r21 - r31 + b;
        int s = t / g.tilesPerSample();
        int rest = t % g.tilesPerSample();
        int i = 2 * (rest / g.tilesAcross());
        int j = 2 * (rest % g.tilesAcross());
        int plane = ((first + s) * g.o + oc) * g.h * g.w;
        y[plane + i * g.w + j] = y00;
        if (j + 1 < g.w) {
          y[plane + i * g.w + j + 1] = y01;
        }
        if (i + 1 < g.h) {
          y[plane + (i + 1) * g.w + j] = y10;
          if (j + 1 < g.w) {
            y[plane + (i + 1) * g.w + j + 1] = y11;
          }
        }
      }
    }
  }

  /** {@code ∂M = A ∂Y Aᵀ} of every tile, as plain matrices {@code [ξ][o][tiles]}. */
  private static void outputGradient(Geometry g, double[] gy, int first, int count, double[] gm) {
    int tiles = count * g.tilesPerSample();
    for (int oc = 0; oc < g.o; oc++) {
      for (int t = 0; t < tiles; t++) {
        int s = t / g.tilesPerSample();
        int rest = t % g.tilesPerSample();
        int i = 2 * (rest / g.tilesAcross());
        int j = 2 * (rest % g.tilesAcross());
        int plane = ((first + s) * g.o + oc) * g.h * g.w;
        boolean right = j + 1 < g.w;
        boolean down = i + 1 < g.h;
        double y00 = gy[plane + i * g.w + j];
        double y01 = right ? gy[plane + i * g.w + j + 1] : 0;
        double y10 = down ? gy[plane + (i + 1) * g.w + j] : 0;
        double y11 = right && down ? gy[plane + (i + 1) * g.w + j + 1] : 0;
        double[] rows = {y00, y01, y00 + y10, y01 + y11, y00 - y10, y01 - y11, -y10, -y11};
        for (int r = 0; r < 4; r++) {
          double a = rows[2 * r];
          double b = rows[2 * r + 1];
          int xi = r * 4;
          gm[(xi * g.o + oc) * tiles + t] = a;
          gm[((xi + 1) * g.o + oc) * tiles + t] = a + b;
          gm[((xi + 2) * g.o + oc) * tiles + t] = a - b;
          gm[((xi + 3) * g.o + oc) * tiles + t] = -b;
        }
      }
    }
  }

  /** {@code ∂d = B ∂V Bᵀ} of every tile, added onto the input gradient where inside the image. */
  private static void inputGradient(Geometry g, double[] gv, int tiles, int first, int count, double[] gx) {
    double[] v = new double[16];
    double[] t4 = new double[16];
    for (int ch = 0; ch < g.c; ch++) {
      for (int t = 0; t < tiles; t++) {
        for (int xi = 0; xi < XI; xi++) {
          v[xi] = gv[(xi * g.c + ch) * tiles + t];
        }
        for (int s = 0; s < 4; s++) {
          double v0 = v[s];
          double v1 = v[4 + s];
          double v2 = v[8 + s];
          double v3 = v[12 + s];
          t4[s] = v0;
          t4[4 + s] = v1 - v2 + v3;
          t4[8 + s] = -v0 + v1 + v2;
          t4[12 + s] = -v3;
        }
        for (int r = 0; r < 4; r++) {
          double v0 = t4[r * 4];
          double v1 = t4[r * 4 + 1];
          double v2 = t4[r * 4 + 2];
          double v3 = t4[r * 4 + 3];
          t4[r * 4] = v0;
          t4[r * 4 + 1] = v1 - v2 + v3;
          t4[r * 4 + 2] = -v0 + v1 + v2;
          t4[r * 4 + 3] = -v3;
        }
        int s = t / g.tilesPerSample();
        int rest = t % g.tilesPerSample();
        int r0 = 2 * (rest / g.tilesAcross()) - 1;
        int c0 = 2 * (rest % g.tilesAcross()) - 1;
        int plane = ((first + s) * g.c + ch) * g.h * g.w;
        for (int r = 0; r < 4; r++) {
          int row = r0 + r;
          if (row < 0 || row >= g.h) {
            continue;
          }
          for (int cc = 0; cc < 4; cc++) {
            int col = c0 + cc;
            if (col >= 0 && col < g.w) {
              gx[plane + row * g.w + col] += t4[r * 4 + cc];
            }
          }
        }
      }
    }
  }
}
