package org.nodelab.tensor;

/**
 * The convolution of the definition, loop by loop, as the independent reference of the fast paths'
 * tests: {@code y[n,o,i,j] = b[o] + Σ w[o,c,u,v]·x[n,c,s·i+u−p,s·j+v−p]} (zero outside the image)
 * and the gradients of {@code Σ y·gy} with respect to x and w.
 *
 * @param y the output [n, o, ho, wo]
 * @param gx the input gradient [n, c, h, w]
 * @param gw the weight gradient [o, c, k, k]
 */
record DirectConvolution(double[] y, double[] gx, double[] gw) {
  /** The sums for x [n, c, h, w], w [o, c, k, k], bias b [o], stride s, padding p and seed gy [n, o, ho, wo]. */
  static DirectConvolution of(double[] x, double[] wt, double[] b, double[] gy, int n, int c, int h, int w, int o,
      int k, int s, int p) {
    int ho = (h + 2 * p - k) / s + 1;
    int wo = (w + 2 * p - k) / s + 1;
    double[] y = new double[n * o * ho * wo];
    double[] gx = new double[x.length];
    double[] gw = new double[wt.length];
    for (int q = 0; q < n; q++) {
      for (int oc = 0; oc < o; oc++) {
        for (int i = 0; i < ho; i++) {
          for (int j = 0; j < wo; j++) {
            int yi = ((q * o + oc) * ho + i) * wo + j;
            double sum = b[oc];
            for (int ch = 0; ch < c; ch++) {
              for (int u = 0; u < k; u++) {
                for (int v = 0; v < k; v++) {
                  int r = s * i + u - p;
                  int col = s * j + v - p;
                  if (r < 0 || r >= h || col < 0 || col >= w) {
                    continue;
                  }
                  int xi = ((q * c + ch) * h + r) * w + col;
                  int wi = ((oc * c + ch) * k + u) * k + v;
                  sum += wt[wi] * x[xi];
                  gx[xi] += gy[yi] * wt[wi];
                  gw[wi] += gy[yi] * x[xi];
                }
              }
            }
            y[yi] = sum;
          }
        }
      }
    }
    return new DirectConvolution(y, gx, gw);
  }
}
