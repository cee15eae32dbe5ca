package org.nodelab.data;

import java.util.SplittableRandom;
import org.nodelab.tensor.Tensor;

/**
 * The spirals of torchdiffeq's {@code examples/latent_ode.py}: Archimedean spirals {@code r = a +
 * bθ} at {@code total} times evenly spread over {@code [start, stop]}, counter-clockwise {@code (r
 * cos θ + 5, r sin θ)} with {@code θ = t}, or clockwise {@code (r cos θ − 5, r sin θ)} with {@code θ
 * = stop + 1 − t} and {@code r = a + 50b/θ}, chosen with probability ½ each; of each, a window of
 * {@code observed} consecutive points starting uniformly in {@code [observed, total − observed)} is
 * observed with Gaussian noise, on the times {@code t_0, ..., t_{observed−1}} (each window's clock
 * starts at 0).
 *
 * @param times all {@code total} times
 * @param truth the noise-free spirals, shape {@code [spirals, total, 2]}
 * @param starts the index of each observed window's first point in {@code truth}
 * @param clockwise the direction of each spiral
 * @param observations the noisy windows, shape {@code [spirals, observed, 2]}
 */
public record LatentSpirals(double[] times, Tensor truth, int[] starts, boolean[] clockwise, Tensor observations) {

  /**
   * torchdiffeq's setting: 1,000 spirals of 1,000 points over {@code [0, 6π]}, a = 0, b = 0.3, windows of 100,
   * noise 0.3.
   *
   * @param seed the seed of the spirals and noise
   * @return the data set
   */
  public static LatentSpirals torchdiffeq(long seed) {
    return generate(1000, 1000, 100, 0, 6 * Math.PI, 0.3, 0, 0.3, seed);
  }

  /**
   * Generates the spirals.
   *
   * @param spirals how many
   * @param total points per spiral
   * @param observed points per observed window, at most {@code total / 2}
   * @param start first time
   * @param stop last time
   * @param noise standard deviation of the observation noise
   * @param a the spiral's offset
   * @param b the spiral's growth
   * @param seed the generator's seed
   * @return the spirals, their true trajectories and noisy observation windows
   */
  public static LatentSpirals generate(int spirals, int total, int observed, double start, double stop, double noise,
      double a, double b, long seed) {
    if (spirals < 1 || observed < 1 || 2 * observed >= total) {
      throw new IllegalArgumentException("need spirals >= 1 and 1 <= observed < total / 2, got " + spirals + ", "
          + observed + ", " + total);
    }
    double[] ts = Tensor.linspace(start, stop, total).toArray();
    double[][] ccw = new double[total][2];
    double[][] cw = new double[total][2];
    for (int i = 0; i < total; i++) {
      double r = a + b * ts[i];
      ccw[i][0] = r * Math.cos(ts[i]) + 5;
      ccw[i][1] = r * Math.sin(ts[i]);
      double z = stop + 1 - ts[i];
      double rc = a + b * 50 / z;
      cw[i][0] = rc * Math.cos(z) - 5;
      cw[i][1] = rc * Math.sin(z);
    }
    SplittableRandom random = new SplittableRandom(seed);
    double[] truth = new double[spirals * total * 2];
    double[] obs = new double[spirals * observed * 2];
    int[] starts = new int[spirals];
    boolean[] clockwise = new boolean[spirals];
    for (int s = 0; s < spirals; s++) {
      starts[s] = observed + random.nextInt(total - 2 * observed);
      clockwise[s] = random.nextDouble() <= 0.5;
      double[][] path = clockwise[s] ? cw : ccw;
      for (int i = 0; i < total; i++) {
        truth[(s * total + i) * 2] = path[i][0];
        truth[(s * total + i) * 2 + 1] = path[i][1];
      }
      for (int i = 0; i < observed; i++) {
        for (int j = 0; j < 2; j++) {
          obs[(s * observed + i) * 2 + j] = path[starts[s] + i][j] + noise * random.nextGaussian();
        }
      }
    }
    return new LatentSpirals(ts, Tensor.of(truth, spirals, total, 2), starts, clockwise,
        Tensor.of(obs, spirals, observed, 2));
  }

  /**
   * The observation times {@code t_0, ..., t_{observed−1}}.
   *
   * @return a copy of the times
   */
  public double[] observationTimes() {
    return java.util.Arrays.copyOf(times, observations.dim(1));
  }

  /**
   * The true points of spiral {@code s} at window offsets {@code from} (inclusive) to {@code to}, {@code [to −
   * from, 2]}.
   *
   * @param s the spiral's index
   * @param from the first window offset
   * @param to one past the last
   * @return the noise-free points {@code [to − from, 2]}
   */
  public Tensor window(int s, int from, int to) {
    int total = truth.dim(1);
    if (starts[s] + from < 0 || starts[s] + to > total || from >= to) {
      throw new IllegalArgumentException("window " + from + ".." + to + " of spiral " + s + " (starting at point "
          + starts[s] + ") leaves its " + total + " points");
    }
    return truth.slice(0, s, s + 1).slice(1, starts[s] + from, starts[s] + to).reshape(to - from, 2);
  }

  /**
   * The observations as fully observed series on {@link #observationTimes()}.
   *
   * @return one fully observed series per spiral, on the observation times
   */
  public IrregularSeries series() {
    return IrregularSeries.regular(observationTimes(), observations, java.util.List.of("x", "y"));
  }
}
