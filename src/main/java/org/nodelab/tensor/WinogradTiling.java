package org.nodelab.tensor;

/**
 * The transforms of Winograd's minimal filtering F(m, 3) (Lavin and Gray 2016), built by the
 * Toom–Cook construction on the interpolation points 0, ±1, ±2, ±½ (as many as needed) and ∞:
 * {@code y = Aᵀ[(G g) ⊙ (Bᵀ d)]} for a filter g of 3 taps and an input tile d of {@code α = m + 2}
 * values, with {@code Aᵀ[i][j] = a_jⁱ}, {@code G[j][k] = a_jᵏ / Π_{l≠j}(a_j − a_l)} and row j of
 * {@code Bᵀ} the coefficients of {@code Π_{l≠j}(x − a_l)} (the row of ∞: {@code Π_l(x − a_l)}).
 * In two dimensions each transform is applied on both sides.
 *
 * @param m outputs per tile side
 * @param alpha inputs per tile side, {@code m + 2}
 * @param bt {@code Bᵀ}, α × α, row-major
 * @param b {@code B}, α × α, row-major
 * @param g {@code G}, α × 3, row-major
 * @param gt {@code Gᵀ}, 3 × α, row-major
 * @param at {@code Aᵀ}, m × α, row-major
 * @param a {@code A}, α × m, row-major
 */
record WinogradTiling(int m, int alpha, double[] bt, double[] b, double[] g, double[] gt, double[] at, double[] a) {
  /** The finite interpolation points, in the order they are taken. */
  private static final double[] POINTS = {0, 1, -1, 2, -2, 0.5, -0.5};

  /** The tile sizes offered: F(2, 3), F(4, 3) and F(6, 3). */
  private static final int[] SIZES = {2, 4, 6};

  private static final WinogradTiling[] BY_SIZE = {of(2), of(4), of(6)};

  /** F(m, 3) for m = 2, 4 or 6. */
  static WinogradTiling of(int m) {
    if (m < 1 || m + 1 > POINTS.length) {
      throw new IllegalArgumentException("Winograd tiles of " + m + " outputs: expected 1 to " + (POINTS.length - 1));
    }
    int alpha = m + 2;
    int finite = alpha - 1;
    double[] bt = new double[alpha * alpha];
    double[] g = new double[alpha * 3];
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
      for (int k = 0; k < 3; k++) {
        g[j * 3 + k] = Math.pow(p, k) / scale;
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
    g[finite * 3 + 2] = 1;
    at[(m - 1) * alpha + finite] = 1;
    return new WinogradTiling(m, alpha, bt, transpose(bt, alpha, alpha), g, transpose(g, alpha, 3), at,
        transpose(at, m, alpha));
  }

  /**
   * The tiling that needs the least work for an image of h × w with c input and o output channels:
   * the tiles' multiply-adds {@code ⌈h/m⌉·⌈w/m⌉·α²·o·c} plus their transforms, taken as {@code α³}
   * per tile and channel.
   */
  static WinogradTiling best(int h, int w, int c, int o) {
    WinogradTiling best = null;
    double least = Double.MAX_VALUE;
    for (int s = 0; s < SIZES.length; s++) {
      int m = SIZES[s];
      int alpha = m + 2;
      double tiles = (double) ((h + m - 1) / m) * ((w + m - 1) / m);
      double work = tiles * alpha * alpha * ((double) o * c + alpha * (double) (o + c));
      if (work < least) {
        least = work;
        best = BY_SIZE[s];
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
