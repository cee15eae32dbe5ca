package org.nodelab.data;

import java.util.SplittableRandom;
import org.nodelab.tensor.Tensor;

/** Seeded synthetic classification sets in the plane. */
public final class Synthetic {
  private Synthetic() {}

  /**
   * Concentric circles as in Dupont et al. 2019 (ANODE): class 0 uniformly in the disc of radius
   * 0.5, class 1 uniformly in the annulus 1 ≤ r ≤ 1.5; half of each (a map no homeomorphism of the
   * plane can separate linearly).
   *
   * @param n the number of points
   * @param seed the seed of the draws
   * @return x of shape {@code [n, 2]}, y of shape {@code [n]} with labels 0 and 1
   */
  public static Dataset circles(int n, long seed) {
    checkCount(n);
    SplittableRandom random = new SplittableRandom(seed);
    double[] x = new double[2 * n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      boolean outer = i % 2 == 1;
      double r = outer ? Math.sqrt(1 + random.nextDouble() * (2.25 - 1)) : 0.5 * Math.sqrt(random.nextDouble());
      double angle = 2 * Math.PI * random.nextDouble();
      x[2 * i] = r * Math.cos(angle);
      x[2 * i + 1] = r * Math.sin(angle);
      y[i] = outer ? 1 : 0;
    }
    return new Dataset(Tensor.of(x, n, 2), Tensor.of(y));
  }

  /**
   * The ANODE paper's {@code ConcentricSphere} data in the plane (Dupont et al. 2019, their
   * experiments' sampler): {@code inner} points at radius 0–0.5 with target −1, then {@code outer}
   * points at radius 1–1.5 with target +1; the radius is {@code r₀ + (r₁ − r₀)·√u} and the direction
   * a normalised Gaussian vector.
   *
   * @param inner the number of inner points
   * @param outer the number of outer points
   * @param seed the seed of the draws
   * @return x of shape {@code [inner + outer, 2]}, y of shape {@code [inner + outer, 1]} (regression targets)
   */
  public static Dataset concentricSpheres(int inner, int outer, long seed) {
    checkCount(inner);
    checkCount(outer);
    int n = inner + outer;
    SplittableRandom random = new SplittableRandom(seed);
    double[] x = new double[2 * n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      boolean isOuter = i >= inner;
      double r0 = isOuter ? 1.0 : 0.0;
      double r = r0 + 0.5 * Math.sqrt(random.nextDouble());
      double gx;
      double gy;
      double norm;
      do {
        gx = gaussian(random);
        gy = gaussian(random);
        norm = Math.hypot(gx, gy);
      } while (norm == 0);
      x[2 * i] = r * gx / norm;
      x[2 * i + 1] = r * gy / norm;
      y[i] = isOuter ? 1 : -1;
    }
    return new Dataset(Tensor.of(x, n, 2), Tensor.of(y, n, 1));
  }

  /**
   * Two interleaving half circles as scikit-learn's {@code make_moons}, with Gaussian noise of
   * standard deviation {@code noise}.
   *
   * @param n the number of points
   * @param noise the noise's standard deviation
   * @param seed the seed of the draws
   * @return x of shape {@code [n, 2]}, y of shape {@code [n]} with labels 0 and 1
   */
  public static Dataset moons(int n, double noise, long seed) {
    checkCount(n);
    if (!(noise >= 0) || Double.isInfinite(noise)) {
      throw new IllegalArgumentException("noise must be finite and non-negative, got " + noise);
    }
    SplittableRandom random = new SplittableRandom(seed);
    int upper = (n + 1) / 2;
    double[] x = new double[2 * n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      boolean first = i < upper;
      int k = first ? i : i - upper;
      int m = first ? upper : n - upper;
      double s = m == 1 ? 0 : Math.PI * k / (m - 1);
      x[2 * i] = (first ? Math.cos(s) : 1 - Math.cos(s)) + noise * gaussian(random);
      x[2 * i + 1] = (first ? Math.sin(s) : 0.5 - Math.sin(s)) + noise * gaussian(random);
      y[i] = first ? 0 : 1;
    }
    return new Dataset(Tensor.of(x, n, 2), Tensor.of(y));
  }

  private static double gaussian(SplittableRandom random) {
    double u1 = 1 - random.nextDouble();
    double u2 = random.nextDouble();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }

  private static void checkCount(int n) {
    if (n <= 0) {
      throw new IllegalArgumentException("number of points must be positive, got " + n);
    }
  }
}
