package org.nodelab.tensor;

/**
 * The transforms of Winograd's minimal filtering F(m, r) (Lavin and Gray 2016), built by the
 * Toom–Cook construction on the interpolation points 0, ±1, ±2, ±½ (as many as needed) and ∞:
 * {@code y = Aᵀ[(G g) ⊙ (Bᵀ d)]} for a filter g of r taps and an input tile d of {@code α = m + r − 1}
 * values, with {@code Aᵀ[i][j] = a_jⁱ}, {@code G[j][k] = a_jᵏ / Π_{l≠j}(a_j − a_l)} and row j of
 * {@code Bᵀ} the coefficients of {@code Π_{l≠j}(x − a_l)} (the row of ∞: {@code Π_l(x − a_l)}).
 * In two dimensions each transform is applied on both sides.
 *
 * @param m outputs per tile side
 * @param r taps of the filter per side
 * @param alpha inputs per tile side, {@code m + r − 1}
 * @param bt {@code Bᵀ}, α × α, row-major
 * @param b {@code B}, α × α, row-major
 * @param g {@code G}, α × r, row-major
 * @param gt {@code Gᵀ}, r × α, row-major
 * @param at {@code Aᵀ}, m × α, row-major
 * @param a {@code A}, α × m, row-major
 */
record WinogradTiling(int m, int r, int alpha, double[] bt, double[] b, double[] g, double[] gt, double[] at, double[] a) {
  /** The finite interpolation points, in the order they are taken. */
  private static final double[] POINTS = {0, 1, -1, 2, -2, 0.5, -0.5};

  /** F(m, r) for every m with α at most 8, built once, by r (2 and 3) and m. */
  private static final WinogradTiling[][] BY_SIZE = {{}, {}, build(2), build(3)};

  private static WinogradTiling[] build(int r) {
    WinogradTiling[] all = new WinogradTiling[RowCombination.SIZE - r + 2];
    for (int m = 2; m < all.length; m++) {
      all[m] = of(m, r);
    }
    return all;
  }

  /** F(m, 3). */
  static WinogradTiling of(int m) {
    return of(m, 3);
  }

  /** F(m, r) for filters of r taps, with {@code m + r − 1} at most 8. */
  static WinogradTiling of(int m, int r) {
    if (m < 1 || r < 2 || m + r - 1 > POINTS.length + 1) {
      throw new IllegalArgumentException("Winograd tiles of " + m + " outputs for " + r + " taps: expected m + r − 1 "
          + "from 2 to " + (POINTS.length + 1));
    }
    int alpha = m + r - 1;
    int finite = alpha - 1;
    double[] bt = new double[alpha * alpha];
    double[] g = new double[alpha * r];
    double[] at = new double[m * alpha];
    for (int j = 0; j < finite; j++) {
      double p = POINTS[j];
      double scale = 1;
      double[] poly = {1};
      for (int l = 0; l < finite; l++) {
        if (l != j) {
          scale *= p - POINTS[l];
          poly = timesLinear(poly, POINTS[l]);
        }
      }
      System.arraycopy(poly, 0, bt, j * alpha, poly.length);
      for (int k = 0; k < r; k++) {
        g[j * r + k] = Math.pow(p, k) / scale;
      }
      for (int i = 0; i < m; i++) {
        at[i * alpha + j] = Math.pow(p, i);
      }
    }
    double[] all = {1};
    for (int l = 0; l < finite; l++) {
      all = timesLinear(all, POINTS[l]);
    }
    System.arraycopy(all, 0, bt, finite * alpha, alpha);
    g[finite * r + r - 1] = 1;
    at[(m - 1) * alpha + finite] = 1;
    return new WinogradTiling(m, r, alpha, bt, transpose(bt, alpha, alpha), g, transpose(g, alpha, r), at,
        transpose(at, m, alpha));
  }

  /**
   * The tiling that needs the least work for an output of ho × wo from r×r filters with c input
   * and o output channels: the tiles' multiply-adds {@code ⌈ho/m⌉·⌈wo/m⌉·α²·o·c} plus their
   * transforms, taken as {@code α³} per tile and channel.
   */
  static WinogradTiling best(int ho, int wo, int r, int c, int o) {
    WinogradTiling best = null;
    double least = Double.MAX_VALUE;
    for (WinogradTiling t : BY_SIZE[r]) {
      if (t == null) {
        continue;
      }
      int m = t.m();
      int alpha = t.alpha();
      double tiles = (double) ((ho + m - 1) / m) * ((wo + m - 1) / m);
      double work = tiles * alpha * alpha * ((double) o * c + alpha * (double) (o + c));
      if (work < least) {
        least = work;
        best = t;
      }
    }
    return best;
  }

  /** Positions of a transformed tile, α². */
  int positions() {
    return alpha * alpha;
  }

  /** The coefficients of {@code poly(x)·(x − root)}, lowest power first. */
  private static double[] timesLinear(double[] poly, double root) {
    double[] out = new double[poly.length + 1];
    for (int i = 0; i < poly.length; i++) {
      out[i + 1] += poly[i];
      out[i] -= root * poly[i];
    }
    return out;
  }

  private static double[] transpose(double[] x, int rows, int cols) {
    double[] t = new double[rows * cols];
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        t[j * rows + i] = x[i * cols + j];
      }
    }
    return t;
  }
}
