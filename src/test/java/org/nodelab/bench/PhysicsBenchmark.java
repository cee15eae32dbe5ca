package org.nodelab.bench;

import java.util.Arrays;
import java.util.Locale;
import org.nodelab.examples.LearnPhysics;
import org.nodelab.examples.LearnPhysicsWithoutEvents;
import org.nodelab.tensor.Tensor;

/**
 * torchdiffeq's learn_physics (with events) as a benchmark: trains {@link LearnPhysics} from
 * torch's seed-0 initial values and prints one JSON line with the median milliseconds per iteration
 * (after 3 warm-up iterations, as {@code bench/torchdiffeq_learn_physics.py}), the total seconds,
 * the final loss and the learned constants next to the truth ({@code --no-events}: the example's
 * neural-ODE baseline, {@link LearnPhysicsWithoutEvents}, which has none: null). Run: {@code ./nodelab
 * bench physics [--iterations N] [--no-events] [--threads N]}.
 */
public final class PhysicsBenchmark {
  private static final int WARM_UP = 3;

  private PhysicsBenchmark() {}

  /** Parses the options, trains, prints progress and the JSON summary. */
  public static void main(String[] args) {
    int iterations = 1000;
    boolean events = true;
    try {
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--iterations" -> iterations = Integer.parseInt(args[++i]);
          case "--threads" -> Tensor.threads(Integer.parseInt(args[++i]));
          case "--no-events" -> events = false;
          default -> throw new IllegalArgumentException("unknown option " + args[i]);
        }
      }
      if (iterations <= WARM_UP) {
        throw new IllegalArgumentException("iterations must be more than " + WARM_UP);
      }
    } catch (RuntimeException e) {
      System.err.println("usage: ./nodelab bench physics [--iterations N] [--no-events] [--threads N]  (" + e.getMessage() + ")");
      System.exit(2);
    }
    LearnPhysics model = events ? LearnPhysics.torchdiffeqExample(iterations) : null;
    LearnPhysicsWithoutEvents baseline = events ? null : LearnPhysicsWithoutEvents.torchdiffeqExample(0, iterations);
    double[] ms = new double[iterations];
    double loss = Double.NaN;
    for (int i = 0; i < iterations; i++) {
      long start = System.nanoTime();
      loss = events ? model.step() : baseline.step();
      ms[i] = (System.nanoTime() - start) / 1e6;
      if (i % (events ? 100 : 10) == 0) {
        System.err.printf(Locale.ROOT, "iteration %d  loss %.6f%n", i, loss);
      }
    }
    double total = Arrays.stream(ms).sum() / 1e3;
    double[] steady = Arrays.copyOfRange(ms, WARM_UP, iterations);
    Arrays.sort(steady);
    System.out.printf(Locale.ROOT,
        "{\"benchmark\": \"learn_physics\", \"events\": %s, \"iterations\": %d, \"ms_per_iteration_median\": %.3f, \"ms_per_iteration_mean\": %.3f, "
            + "\"total_s\": %.2f, "
            + "\"final_loss\": %.3e, \"gravity\": %s, \"restitution\": %s, \"threshold\": %s, "
            + "\"truth\": {\"gravity\": 9.8, \"restitution\": 0.8, \"threshold\": 0.2}, \"threads\": %d, %s, "
            + "\"kernels\": \"%s\"}%n",
        events, iterations, steady[steady.length / 2], 1e3 * total / iterations, total, loss,
        events ? number(model.gravity()) : "null", events ? number(model.restitution()) : "null",
        events ? number(model.threshold()) : "null",
        Tensor.threads(), Cpu.here().json(), Tensor.kernels());
  }

  private static String number(double x) {
    return String.format(Locale.ROOT, "%.6f", x);
  }
}
