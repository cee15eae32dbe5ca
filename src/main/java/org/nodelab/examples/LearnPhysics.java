package org.nodelab.examples;

import java.util.List;
import org.nodelab.ode.EventDirection;
import org.nodelab.ode.GradientMethod;
import org.nodelab.ode.Ode;
import org.nodelab.ode.PiecewiseSolution;
import org.nodelab.ode.Solver;
import org.nodelab.ode.Solvers;
import org.nodelab.tensor.Tensor;

/**
 * torchdiffeq's {@code examples/learn_physics.py} with events ({@code NeuralPhysics}): learn gravity,
 * the restitution and the event's threshold from 300 observed heights of a bouncing ball. The model:
 * {@code dpos = vel}, {@code dvel = tanh(w·0 + b)·scale}; event {@code pos − radius²} (falling);
 * jump {@code vel ← −σ(w' + b')·vel}; dopri5 at rtol = atol = 1e-8; loss {@code mean |x − x̂| / (x̂ +
 * 1e-3)}; Adam at 0.1 with a cosine decay to 0 over the iterations; at most 20 pieces (19 events).
 */
public final class LearnPhysics {
  private static final Solver SOLVER = Solvers.dopri5().rtol(1e-8).atol(1e-8);
  private static final int MAX_EVENTS = 19;

  private final Tensor initialPos = Tensor.of(10.0).requiresGrad();
  private final Tensor initialVel = Tensor.of(0.0).requiresGrad();
  private final Tensor dvelWeight;
  private final Tensor dvelBias;
  private final Tensor scale = Tensor.of(10.0).requiresGrad();
  private final Tensor radius;
  private final Tensor jumpWeight;
  private final Tensor jumpBias;
  private final List<Tensor> parameters;
  private final ScheduledAdam adam;
  private final double[] times;
  private final Tensor observed;
  private final int iterations;
  private int iteration;

  /**
   * A model with the given initial values, trained on {@code observedHeights} at {@code times}.
   *
   * @param init {@code dvel} weight and bias, jump weight and bias, event radius (as torch's seed 0 draws them)
   * @param times observation times, from 0
   * @param observedHeights heights at {@code times}
   * @param iterations length of the cosine decay (the planned number of iterations)
   */
  public LearnPhysics(double[] init, double[] times, double[] observedHeights, int iterations) {
    if (init.length != 5) {
      throw new IllegalArgumentException("init needs 5 values (dvel w, b, jump w, b, radius), got " + init.length);
    }
    dvelWeight = Tensor.of(init[0]).requiresGrad();
    dvelBias = Tensor.of(init[1]).requiresGrad();
    jumpWeight = Tensor.of(init[2]).requiresGrad();
    jumpBias = Tensor.of(init[3]).requiresGrad();
    radius = Tensor.of(init[4]).requiresGrad();
    parameters = List.of(initialPos, initialVel, dvelWeight, dvelBias, scale, radius, jumpWeight, jumpBias);
    this.times = times.clone();
    this.observed = Tensor.of(observedHeights.clone());
    this.iterations = iterations;
    this.adam = new ScheduledAdam(parameters);
  }

  /**
   * The initial values of torch.manual_seed(0) in the example: {@code Linear(1, 1)} twice and {@code rand(1)}.
   *
   * @return the initial values
   */
  public static double[] torchSeed0() {
    return new double[] {0.940106003613106, 0.4156397287995759, 0.8414953682439205, 0.29004824024552955,
        0.45938294312745087};
  }

  /**
   * The example's setting: torchdiffeq's observations (4 bounces, 300 points) and its initial values.
   *
   * @param iterations the length of the cosine decay of the learning rate
   * @return the example, ready to {@link #step}
   */
  public static LearnPhysics torchdiffeqExample(int iterations) {
    BouncingBall ball = BouncingBall.torchdiffeqExample();
    double[] t = ball.observationTimes(4, 300);
    return new LearnPhysics(torchSeed0(), t, ball.heights(t), iterations);
  }

  /**
   * The piecewise trajectory of the current model at the observation times.
   *
   * @return the solution, with its event times
   */
  public PiecewiseSolution simulate() {
    Tensor y0 = Tensor.concat(0, initialPos, initialVel);
    return Ode.solveWithEvents(
        (t, y) -> Tensor.concat(0, y.slice(0, 1, 2), dvelBias.add(dvelWeight.mul(0)).tanh().mul(scale)),
        y0, times,
        (t, y) -> y.slice(0, 0, 1).sub(radius.square()),
        EventDirection.FALLING,
        (t, y) -> Tensor.concat(0, y.slice(0, 0, 1), y.slice(0, 1, 2).mul(jumpWeight.add(jumpBias).sigmoid().neg())),
        MAX_EVENTS, SOLVER, GradientMethod.DIRECT);
  }

  /**
   * The loss of a simulated trajectory: {@code mean |x − x̂| / (x̂ + 1e-3)}.
   *
   * @param solution a simulated trajectory
   * @return the loss, a scalar
   */
  public Tensor loss(PiecewiseSolution solution) {
    Tensor heights = solution.stacked().slice(1, 0, 1).reshape(times.length);
    return heights.sub(observed).div(observed.add(1e-3)).abs().mean();
  }

  /**
   * One training iteration (simulate, loss, backward, Adam step at the scheduled rate); returns the loss.
   *
   * @return the loss computed in this iteration
   */
  public double step() {
    for (Tensor p : parameters) {
      p.zeroGrad();
    }
    Tensor loss = loss(simulate());
    loss.backward();
    adam.step(ScheduledAdam.cosine(0.1, iteration, iterations));
    iteration++;
    return loss.item();
  }

  /**
   * The learned gravity, {@code −tanh(b)·scale} (truth 9.8).
   *
   * @return the gravity in m/s²
   */
  public double gravity() {
    return -Math.tanh(dvelBias.item()) * scale.item();
  }

  /**
   * The learned restitution, {@code σ(w' + b')} (truth 0.8).
   *
   * @return the coefficient of restitution, in (0, 1)
   */
  public double restitution() {
    double z = jumpWeight.item() + jumpBias.item();
    return 1 / (1 + Math.exp(-z));
  }

  /**
   * The learned event threshold, {@code radius²} (truth 0.2).
   *
   * @return the threshold in m
   */
  public double threshold() {
    return radius.item() * radius.item();
  }

  /**
   * The learned initial height (truth 10).
   *
   * @return the height in m
   */
  public double initialHeight() {
    return initialPos.item();
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
