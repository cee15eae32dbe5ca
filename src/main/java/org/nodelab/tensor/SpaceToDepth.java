package org.nodelab.tensor;

/**
 * A stride-2 convolution with a 4×4 filter as a stride-1 convolution with a 2×2 filter over the four
 * phases of the image: with {@code u = 2u' + du} and {@code v = 2v' + dv}, {@code y[i, j] =
 * Σ w[o, c, u, v]·x[c, 2i + u − p, 2j + v − p] = Σ W[o, (du, dv, c), u', v']·X[(du, dv, c), i + u',
 * j + v']} with the phases {@code X[(du, dv, c), a, b] = x[c, 2a + du − p, 2b + dv − p]} (zero
 * outside the image), so that {@link Winograd} F(m×m, 2×2) runs it: on the ODE-Net's 26×26 maps,
 * F(7×7, 2×2) takes 64 multiply-adds per 7×7 block against 784.
 */
final class SpaceToDepth {
  private SpaceToDepth() {}

  /**
   * Fewest input channels the phases pay from: below, their transforms cost more than they save
   * (8 channels, batch 64, 26×26: 22 ms forward and backward here against 17 for image-to-column;
   * 16 channels: 33 against 36).
   */
  static final int MIN_CHANNELS = 16;

  /** Whether a convolution of kernel {@code k}, {@code stride} and {@code c} input channels runs here. */
  static boolean applies(int k, int stride, int c) {
    return k == 4 && stride == 2 && c >= MIN_CHANNELS;
  }

  /** The phases X [n, 4c, ho + 1, wo + 1] of x [n, c, h, w] for padding {@code pad}, channel {@code (2du + dv)·c + c}. */
  static double[] phases(double[] x, int n, int c, int h, int w, int pad, int ho, int wo) {
    double[] phases = new double[n * 4 * c * (ho + 1) * (wo + 1)];
    pair(x, phases, true, n, c, h, w, pad, ho, wo);
    return phases;
  }

  /** Adds the phases' gradient {@code gPhases} back onto the image gradient {@code gx}: the inverse of {@link #phases}. */
  static void addToImage(double[] gPhases, double[] gx, int n, int c, int h, int w, int pad, int ho, int wo) {
    pair(gx, gPhases, false, n, c, h, w, pad, ho, wo);
  }

  /** Visits each image value with its place among the phases: copies it there, or adds the phase's value back. */
  private static void pair(double[] image, double[] phases, boolean toPhases, int n, int c, int h, int w, int pad,
      int ho, int wo) {
    int ph = ho + 1;
    int pw = wo + 1;
    for (int s = 0; s < n; s++) {
      for (int d = 0; d < 4; d++) {
        for (int ch = 0; ch < c; ch++) {
          int in = (s * c + ch) * h * w;
          int out = ((s * 4 + d) * c + ch) * ph * pw;
          for (int a = 0; a < ph; a++) {
            int row = 2 * a + d / 2 - pad;
            if (row < 0 || row >= h) {
              continue;
            }
            for (int b = 0; b < pw; b++) {
              int col = 2 * b + d % 2 - pad;
              if (col < 0 || col >= w) {
                continue;
              }
              if (toPhases) {
                phases[out + a * pw + b] = image[in + row * w + col];
              } else {
                image[in + row * w + col] += phases[out + a * pw + b];
              }
            }
          }
        }
      }
    }
  }

  /** The 2×2 filters W [o, 4c, 2, 2] of the 4×4 filters w [o, c, 4, 4]. */
  static double[] filters(double[] weight, int o, int c) {
    double[] filters = new double[o * 4 * c * 4];
    pairFilters(weight, filters, true, o, c);
    return filters;
  }

  /** Adds the 2×2 filters' gradient back onto the 4×4 filters' gradient {@code gw}: the inverse of {@link #filters}. */
  static void addToFilters(double[] gFilters, double[] gw, int o, int c) {
    pairFilters(gw, gFilters, false, o, c);
  }

  private static void pairFilters(double[] full, double[] filters, boolean toFilters, int o, int c) {
    for (int oc = 0; oc < o; oc++) {
      for (int d = 0; d < 4; d++) {
        for (int ch = 0; ch < c; ch++) {
          for (int k = 0; k < 4; k++) {
            int at = ((oc * c + ch) * 4 + 2 * (k / 2) + d / 2) * 4 + 2 * (k % 2) + d % 2;
            int small = ((oc * 4 + d) * c + ch) * 4 + k;
            if (toFilters) {
              filters[small] = full[at];
            } else {
              full[at] += filters[small];
            }
          }
        }
      }
    }
  }
}
