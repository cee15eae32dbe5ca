package org.nodelab.data;

import org.nodelab.ode.Ode;
import org.nodelab.ode.Solvers;

/**
 * Synthetic predator–prey series {@code x' = αx − βxy}, {@code y' = −γy + δxy}, solved with dopri5 at
 * rtol = atol = 1e-10 and optionally perturbed by seeded Gaussian noise.
 */
public final class LotkaVolterra {
  private LotkaVolterra() {}

  /**
   * The series at {@code times}.
   *
   * @param rates {@code α, β, γ, δ}
   * @param y0 initial prey and predators
   * @param noise standard deviation of additive noise (0 for none)
   * @param times the observation times, increasing; the first is the initial time
   * @param seed the seed of the noise
   * @return shape {@code [times, 2]}
   */
  public static Dataset series(double[] rates, double[] y0, double[] times, double noise, long seed) {
    if (rates.length != 4 || y0.length != 2) {
      throw new IllegalArgumentException("need 4 rates and 2 initial values, got " + rates.length + " and " + y0.length);
    }
    double a = rates[0];
    double b = rates[1];
    double c = rates[2];
    double d = rates[3];
    var sol = Ode.solve((t, y, dy) -> {
      dy[0] = a * y[0] - b * y[0] * y[1];
      dy[1] = -c * y[1] + d * y[0] * y[1];
    }, y0, times, Solvers.dopri5().rtol(1e-10).atol(1e-10));
    double[] values = new double[times.length * 2];
    java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
    for (int i = 0; i < times.length; i++) {
      double[] s = sol.state(i);
      values[2 * i] = s[0] + noise * random.nextGaussian();
      values[2 * i + 1] = s[1] + noise * random.nextGaussian();
    }
    return new Dataset(org.nodelab.tensor.Tensor.of(times, times.length, 1),
        org.nodelab.tensor.Tensor.of(values, times.length, 2));
  }

  /**
   * The noiseless series at {@code times} as a {@link TimeSeries} with components "prey" and
   * "predator".
   *
   * @param rates {@code α, β, γ, δ}
   * @param y0 initial prey and predators
   * @param times the observation times, increasing; the first is the initial time
   * @return the series {@code [times, 2]} with components "prey" and "predator"
   */
  public static TimeSeries timeSeries(double[] rates, double[] y0, double[] times) {
    return TimeSeries.of(times, series(rates, y0, times, 0, 0).y(), "prey", "predator");
  }
}
