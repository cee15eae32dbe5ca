package org.nodelab.examples;

import java.util.List;
import org.nodelab.ode.Ode;
import org.nodelab.ode.Solvers;
import org.nodelab.tensor.Tensor;

/**
 * The baseline of torchdiffeq's {@code learn_physics.py --no_events} ({@code NeuralODE}): a neural
 * ODE on the height and 2 augmented dimensions, field 3-64-64-3 with sine activations (weights
 * uniform in ±2/√fan_in, zero biases), learned initial height, dopri5 at rtol = atol = 1e-8, the
 * same loss and Adam schedule as {@link LearnPhysics}. Without events it can only smooth the bounces.
 */
public final class LearnPhysicsWithoutEvents {
  private final Tensor initialPos = Tensor.of(new double[] {10.0}, 1, 1).requiresGrad();
  private final Tensor initialAug = Tensor.zeros(1, 2).requiresGrad();
  private final Tensor[] weights = new Tensor[3];
  private final Tensor[] biases = new Tensor[3];
  private final List<Tensor> parameters;
  private final ScheduledAdam adam;
  private final double[] times;
  private final Tensor observed;
  private final int iterations;
  private int iteration;

  /**
   * A baseline initialised from {@code seed}, trained on {@code observedHeights} at {@code times}.
   *
   * @param seed seed of the weights
   * @param times observation times, from 0
   * @param observedHeights heights at {@code times}
   * @param iterations length of the cosine decay
   */
  public LearnPhysicsWithoutEvents(long seed, double[] times, double[] observedHeights, int iterations) {
    int[] sizes = {3, 64, 64, 3};
    for (int l = 0; l < 3; l++) {
      double bound = 2 / Math.sqrt(sizes[l]);
      weights[l] = Tensor.rand(seed + l, sizes[l], sizes[l + 1]).mul(2 * bound).sub(bound).detach().requiresGrad();
      biases[l] = Tensor.zeros(1, sizes[l + 1]).requiresGrad();
    }
    parameters = List.of(initialPos, initialAug, weights[0], biases[0], weights[1], biases[1], weights[2], biases[2]);
    this.times = times.clone();
    this.observed = Tensor.of(observedHeights.clone());
    this.iterations = iterations;
    this.adam = new ScheduledAdam(parameters);
  }

  /**
   * The example's observations (4 bounces, 300 points), weights from {@code seed}.
   *
   * @param seed the seed of the weights
   * @param iterations the length of the cosine decay of the learning rate
   * @return the example, ready to {@link #step}
   */
  public static LearnPhysicsWithoutEvents torchdiffeqExample(long seed, int iterations) {
    BouncingBall ball = BouncingBall.torchdiffeqExample();
    double[] t = ball.observationTimes(4, 300);
    return new LearnPhysicsWithoutEvents(seed, t, ball.heights(t), iterations);
  }

  /**
   * The heights at the observation times, shape {@code [times]}.
   *
   * @return the model's heights, on the tape
   */
  public Tensor heights() {
    Tensor y0 = Tensor.concat(1, initialPos, initialAug);
    Tensor states = Ode.solve((t, h) -> {
      Tensor a = h.matmul(weights[0]).add(biases[0]).sin();
      Tensor b = a.matmul(weights[1]).add(biases[1]).sin();
      return b.matmul(weights[2]).add(biases[2]);
    }, y0, times, Solvers.dopri5().rtol(1e-8).atol(1e-8)).stacked();
    return states.slice(2, 0, 1).reshape(times.length);
  }

  /**
   * One training iteration; returns the loss {@code mean |x − x̂| / (x̂ + 1e-3)}.
   *
   * @return the loss computed in this iteration
   */
  public double step() {
    for (Tensor p : parameters) {
      p.zeroGrad();
    }
    Tensor loss = heights().sub(observed).div(observed.add(1e-3)).abs().mean();
    loss.backward();
    adam.step(ScheduledAdam.cosine(0.1, iteration, iterations));
    iteration++;
    return loss.item();
  }

  /**
   * The observation times.
   *
   * @return a copy of the times, increasing
   */
  public double[] times() {
    return times.clone();
  }
}
