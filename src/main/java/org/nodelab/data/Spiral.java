package org.nodelab.data;

import java.util.SplittableRandom;
import org.nodelab.ode.Ode;
import org.nodelab.ode.Solvers;
import org.nodelab.tensor.Tensor;

/**
 * The spiral of torchdiffeq's {@code examples/ode_demo.py}: {@code dy/dt = y³·A} with {@code A =
 * [[−0.1, 2], [−2, −0.1]]}, {@code y(0) = [2, 0]}, observed at {@code linspace(0, 25, 1000)} (solved
 * here with dopri5 at rtol = atol = 1e-10), and its batch sampler: 20 random start indices, 10
 * consecutive observations from each.
 */
public final class Spiral {
  /** Number of observations. */
  public static final int SIZE = 1000;
  /** Observations per training window. */
  public static final int BATCH_TIME = 10;
  /** Windows per batch. */
  public static final int BATCH_SIZE = 20;

  private final double[] times;
  private final Tensor trajectory;

  private Spiral() {
    times = Tensor.linspace(0, 25, SIZE).toArray();
    Tensor a = Tensor.of(new double[][] {{-0.1, 2.0}, {-2.0, -0.1}});
    trajectory = Tensor.noGrad(() -> Ode.solve((t, y) -> y.pow(3).matmul(a), Tensor.of(new double[][] {{2, 0}}), times,
        Solvers.dopri5().rtol(1e-10).atol(1e-10)).stacked().reshape(SIZE, 2));
  }

  /**
   * The spiral (computed once per call: about a millisecond).
   *
   * @return the spiral with its 1000 true states and times
   */
  public static Spiral create() {
    return new Spiral();
  }

  /**
   * Observation times, {@code linspace(0, 25, 1000)}.
   *
   * @return a copy of the 1000 times
   */
  public double[] times() {
    return times.clone();
  }

  /**
   * The first {@code n} observation times (the window a trajectory model integrates over).
   *
   * @param n the number of times, at most 1000
   * @return the first {@code n} of {@code linspace(0, 25, 1000)}
   */
  public double[] times(int n) {
    return java.util.Arrays.copyOf(times, n);
  }

  /**
   * The true states, shape {@code [1000, 2]}.
   *
   * @return the true states {@code [1000, 2]}
   */
  public Tensor trajectory() {
    return trajectory;
  }

  /**
   * The whole trajectory as a time series (components x, y), e.g. for {@code windows(10, 20)}.
   *
   * @return the trajectory as a series of 1000 times with components x and y
   */
  public TimeSeries series() {
    return TimeSeries.of(times, trajectory, "x", "y");
  }

  /**
   * The initial state {@code [[2, 0]]}, shape {@code [1, 2]}.
   *
   * @return the initial state
   */
  public Tensor initialState() {
    return trajectory.slice(0, 0, 1);
  }

  /**
   * ode_demo's {@code get_batch()}: x = the states at 20 distinct random indices (shape {@code
   * [20, 2]}), y = the 10 states from each (shape {@code [10, 20, 2]}).
   *
   * @return the sampler, for {@code train(model).batches(...)}
   */
  public BatchSource sampler() {
    double[] all = trajectory.toArray();
    return random -> batch(all, random);
  }

  private static Batch batch(double[] all, SplittableRandom random) {
    int[] starts = Rows.distinct(random, SIZE - BATCH_TIME, BATCH_SIZE);
    double[] x = new double[BATCH_SIZE * 2];
    double[] y = new double[BATCH_TIME * BATCH_SIZE * 2];
    for (int b = 0; b < BATCH_SIZE; b++) {
      System.arraycopy(all, starts[b] * 2, x, b * 2, 2);
      for (int k = 0; k < BATCH_TIME; k++) {
        System.arraycopy(all, (starts[b] + k) * 2, y, (k * BATCH_SIZE + b) * 2, 2);
      }
    }
    return new Batch(Tensor.of(x, BATCH_SIZE, 2), Tensor.of(y, BATCH_TIME, BATCH_SIZE, 2));
  }
}
