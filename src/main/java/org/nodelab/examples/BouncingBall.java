package org.nodelab.examples;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The ball of torchdiffeq's {@code examples/bouncing_ball.py} in closed form: dropped from height
 * {@code h} at rest under gravity {@code g}, it reaches the floor when its height equals the radius
 * {@code r} and bounces back with the fraction {@code e} of its speed. Impacts: {@code t₁ = √(2(h −
 * r)/g)}, then flights of {@code 2eᵏv₁/g} with {@code v₁ = √(2g(h − r))}.
 *
 * @param height initial height h
 * @param gravity g
 * @param radius r (the event: height − r = 0)
 * @param restitution e (torchdiffeq's {@code 1 − absorption})
 */
public record BouncingBall(double height, double gravity, double radius, double restitution) {
  /**
   * torchdiffeq's example: h = 10, g = 9.8, r = 0.2, e = 1 − 0.2.
   *
   * @return the ball of torchdiffeq's bouncing-ball example
   */
  public static BouncingBall torchdiffeqExample() {
    return new BouncingBall(10, 9.8, 0.2, 0.8);
  }

  /**
   * The first {@code n} impact times.
   *
   * @param n the number of impacts
   * @return the times, increasing
   */
  public double[] impactTimes(int n) {
    double[] times = new double[n];
    double speed = impactSpeed();
    double t = Math.sqrt(2 * (height - radius) / gravity);
    for (int k = 0; k < n; k++) {
      times[k] = t;
      speed *= restitution;
      t += 2 * speed / gravity;
    }
    return times;
  }

  /**
   * {@code v₁ = √(2g(h − r))}, the speed of the first impact.
   *
   * @return the speed in m/s
   */
  public double impactSpeed() {
    return Math.sqrt(2 * gravity * (height - radius));
  }

  /**
   * The height at time {@code t} (piecewise parabolas between impacts).
   *
   * @param t the time, from 0
   * @return the height of the ball's centre
   */
  public double heightAt(double t) {
    double[] impacts = impactTimes(64);
    if (t <= impacts[0]) {
      return height - gravity * t * t / 2;
    }
    double speed = impactSpeed();
    for (int k = 0; k < impacts.length - 1; k++) {
      speed *= restitution;
      if (t <= impacts[k + 1]) {
        double s = t - impacts[k];
        return radius + speed * s - gravity * s * s / 2;
      }
    }
    return radius;
  }

  /**
   * torchdiffeq's observation grid ({@code simulate(nbounces)}): per flight, {@code
   * linspace(t_start, t_impact, ⌊50·(t_impact − t_start)⌋)} without its ends, then the impact; the
   * first {@code points} of them with the initial time in front.
   *
   * @param bounces the number of bounces observed
   * @param points the number of times kept, from the start of the grid
   * @return the times from 0, increasing, impacts included
   */
  public double[] observationTimes(int bounces, int points) {
    List<Double> times = new ArrayList<>();
    times.add(0.0);
    double start = 0;
    for (double impact : impactTimes(bounces)) {
      int n = (int) ((impact - start) * 50);
      for (int i = 1; i < n - 1; i++) {
        times.add(start + (impact - start) * i / (n - 1));
      }
      times.add(impact);
      start = impact;
    }
    return times.stream().limit(points).mapToDouble(Double::doubleValue).toArray();
  }

  /**
   * The heights at {@code times}.
   *
   * @param times the times, from 0
   * @return one height per time
   */
  public double[] heights(double[] times) {
    return Arrays.stream(times).map(this::heightAt).toArray();
  }
}
