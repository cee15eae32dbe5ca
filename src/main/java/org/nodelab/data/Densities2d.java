package org.nodelab.data;

import java.util.Locale;
import java.util.SplittableRandom;
import org.nodelab.tensor.Tensor;

/**
 * The two-dimensional targets of density-estimation papers (FFJORD's toy data, Grathwohl et al.
 * 2019; RNODE, Finlay et al. 2020): samplers of points {@code [n, 2]} from a seed, the same points
 * for the same seed. {@link #TWO_CIRCLES} is scikit-learn's {@code make_circles(n, factor=0.5,
 * noise=0.06)} as torchdiffeq's {@code cnf.py} draws it (radii 1 and 0.5).
 */
public enum Densities2d {
  /** Concentric circles of radii 1 and 0.5, half the points on each, Gaussian noise 0.06 (cnf.py). */
  TWO_CIRCLES,
  /** scikit-learn's {@code make_moons(noise=0.1)}, scaled by 2 and shifted by (−1, −0.2). */
  TWO_MOONS,
  /** Eight Gaussians of standard deviation 0.5 around a circle of radius 4, scaled by 1/√2. */
  EIGHT_GAUSSIANS,
  /** Five spiral arms (radial noise 0.3, tangential 0.1, rate 0.25), scaled by 2. */
  PINWHEEL,
  /** Uniform on the dark squares of a 4×4 board on {@code [−4, 4]²}. */
  CHECKERBOARD;

  /**
   * Draws points.
   *
   * @param n how many, positive
   * @param seed the seed
   * @return shape {@code [n, 2]}
   */
  public Tensor sample(int n, long seed) {
    if (n <= 0) {
      throw new IllegalArgumentException("number of points must be positive, got " + n);
    }
    SplittableRandom random = new SplittableRandom(seed);
    double[] p = new double[2 * n];
    switch (this) {
      case TWO_CIRCLES -> circles(random, p, n, 0.5, 0.06);
      case TWO_MOONS -> moons(random, p, n, 0.1);
      case EIGHT_GAUSSIANS -> eightGaussians(random, p, n);
      case PINWHEEL -> pinwheel(random, p, n);
      case CHECKERBOARD -> checkerboard(random, p, n);
      default -> throw new AssertionError(this);
    }
    return Tensor.of(p, n, 2);
  }

  /**
   * The points as a data set whose targets are the points themselves (for trainers that want pairs).
   *
   * @param n how many
   * @param seed the seed
   * @return x and y both {@code [n, 2]}
   */
  public Dataset dataset(int n, long seed) {
    Tensor x = sample(n, seed);
    return new Dataset(x, x);
  }

  /**
   * A plot range {@code [xmin, xmax, ymin, ymax]} that holds nearly all the mass.
   *
   * @return the range, four numbers
   */
  public double[] range() {
    return switch (this) {
      case TWO_CIRCLES -> new double[] {-1.5, 1.5, -1.5, 1.5};
      default -> new double[] {-4, 4, -4, 4};
    };
  }

  /**
   * The name in lower case with spaces, for titles.
   *
   * @return the name for a chart's title, e.g. "two moons"
   */
  public String title() {
    return name().toLowerCase(Locale.ROOT).replace('_', ' ');
  }

  private static void circles(SplittableRandom random, double[] p, int n, double factor, double noise) {
    int outer = n / 2;
    int inner = n - outer;
    int[] order = shuffled(random, n);
    for (int i = 0; i < n; i++) {
      boolean isOuter = i < outer;
      int k = isOuter ? i : i - outer;
      double angle = 2 * Math.PI * k / (isOuter ? outer : inner);
      double r = isOuter ? 1 : factor;
      int at = order[i];
      p[2 * at] = r * Math.cos(angle) + noise * random.nextGaussian();
      p[2 * at + 1] = r * Math.sin(angle) + noise * random.nextGaussian();
    }
  }

  private static void moons(SplittableRandom random, double[] p, int n, double noise) {
    int upper = n / 2;
    int lower = n - upper;
    int[] order = shuffled(random, n);
    for (int i = 0; i < n; i++) {
      boolean first = i < upper;
      int k = first ? i : i - upper;
      int m = first ? upper : lower;
      double s = m == 1 ? 0 : Math.PI * k / (m - 1);
      double x = (first ? Math.cos(s) : 1 - Math.cos(s)) + noise * random.nextGaussian();
      double y = (first ? Math.sin(s) : 0.5 - Math.sin(s)) + noise * random.nextGaussian();
      int at = order[i];
      p[2 * at] = 2 * x - 1;
      p[2 * at + 1] = 2 * y - 0.2;
    }
  }

  private static void eightGaussians(SplittableRandom random, double[] p, int n) {
    double c = 1 / Math.sqrt(2);
    double[][] centres = {{1, 0}, {-1, 0}, {0, 1}, {0, -1}, {c, c}, {c, -c}, {-c, c}, {-c, -c}};
    for (int i = 0; i < n; i++) {
      double[] centre = centres[random.nextInt(8)];
      p[2 * i] = (0.5 * random.nextGaussian() + 4 * centre[0]) / 1.414;
      p[2 * i + 1] = (0.5 * random.nextGaussian() + 4 * centre[1]) / 1.414;
    }
  }

  private static void pinwheel(SplittableRandom random, double[] p, int n) {
    int arms = 5;
    for (int i = 0; i < n; i++) {
      int arm = i * arms / n;
      double radial = 0.3 * random.nextGaussian() + 1;
      double tangential = 0.1 * random.nextGaussian();
      double angle = 2 * Math.PI * arm / arms + 0.25 * Math.exp(radial);
      double cos = Math.cos(angle);
      double sin = Math.sin(angle);
      p[2 * i] = 2 * (radial * cos + tangential * sin);
      p[2 * i + 1] = 2 * (tangential * cos - radial * sin);
    }
  }

  private static void checkerboard(SplittableRandom random, double[] p, int n) {
    for (int i = 0; i < n; i++) {
      double x1 = random.nextDouble() * 4 - 2;
      double x2 = random.nextDouble() - 2 * random.nextInt(2) + Math.floorMod((int) Math.floor(x1), 2);
      p[2 * i] = 2 * x1;
      p[2 * i + 1] = 2 * x2;
    }
  }

  private static int[] shuffled(SplittableRandom random, int n) {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    return order;
  }
}
