package org.nodelab.bench;

import java.util.Arrays;
import java.util.Locale;
import org.nodelab.examples.OdeDemo;
import org.nodelab.ode.Adjoint;
import org.nodelab.ode.GradientMethod;
import org.nodelab.train.History;

/**
 * torchdiffeq's ode_demo as a benchmark: trains the spiral model and prints one JSON line with the
 * median milliseconds per iteration (after 20 warm-up iterations), mean forward and backward
 * evaluations, the final test loss, the processor with its vector width ({@link Cpu}) and the
 * kernels in use ({@link org.nodelab.tensor.Tensor#kernels()}). Run: {@code ./nodelab bench spiral [--iterations N]
 * [--gradients direct|adjoint] [--seminorm on|off] [--carry-step on|off] [--threads N] [--seed S]}.
 */
public final class SpiralBenchmark {
  private static final int WARM_UP = 20;

  private SpiralBenchmark() {}

  /** Parses the options, trains, prints progress and the JSON summary. */
  public static void main(String[] args) {
    int iterations = 2000;
    String gradients = "direct";
    boolean seminorm = true;
    boolean carryStep = true;
    long seed = 0;
    try {
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--iterations" -> iterations = Integer.parseInt(args[++i]);
          case "--gradients" -> gradients = args[++i];
          case "--seminorm" -> seminorm = parseSwitch("--seminorm", args[++i]);
          case "--carry-step" -> carryStep = parseSwitch("--carry-step", args[++i]);
          case "--seed" -> seed = Long.parseLong(args[++i]);
          case "--threads" -> org.nodelab.tensor.Tensor.threads(Integer.parseInt(args[++i]));
          default -> throw new IllegalArgumentException("unknown option " + args[i]);
        }
      }
      if (iterations <= 0 || !(gradients.equals("direct") || gradients.equals("adjoint"))) {
        throw new IllegalArgumentException("iterations must be positive and gradients direct or adjoint");
      }
    } catch (RuntimeException e) {
      System.err.println("usage: ./nodelab bench spiral [--iterations N] [--gradients direct|adjoint] "
          + "[--seminorm on|off] [--carry-step on|off] [--threads N] [--seed S]  (" + e.getMessage() + ")");
      System.exit(2);
    }
    GradientMethod method = gradients.equals("direct")
        ? GradientMethod.DIRECT : Adjoint.defaults().seminorm(seminorm).carryStep(carryStep);
    OdeDemo demo = new OdeDemo(seed, method);
    History h = demo.trainer(seed).iterations(iterations).progress(System.err)
        .every(100, p -> System.err.printf(Locale.ROOT, "%niteration %d  batch loss %.4f  test loss %.4f%n",
            p.step(), p.loss(), demo.testLoss()))
        .run();
    double[] seconds = h.table().doubleColumn("seconds").asDoubleArray();
    double[] perIteration = new double[Math.max(0, seconds.length - WARM_UP)];
    for (int i = WARM_UP; i < seconds.length; i++) {
      perIteration[i - WARM_UP] = (seconds[i] - seconds[i - 1]) * 1e3;
    }
    Arrays.sort(perIteration);
    double median = perIteration.length == 0 ? Double.NaN : perIteration[perIteration.length / 2];
    System.out.printf(Locale.ROOT,
        "{\"benchmark\": \"spiral\", \"gradients\": \"%s\", \"seminorm\": %s, \"carry_step\": %s, \"iterations\": %d, "
            + "\"ms_per_iteration_median\": %.3f, \"nfe_forward_mean\": %.1f, \"nfe_backward_mean\": %.1f, "
            + "\"final_test_loss\": %.4f, \"threads\": %d, \"seed\": %d, %s, \"kernels\": \"%s\"}%n",
        gradients, gradients.equals("adjoint") ? seminorm : "null", gradients.equals("adjoint") ? carryStep : "null",
        iterations, median,
        h.table().longColumn("nfe_forward").mean(), h.table().longColumn("nfe_backward").mean(), demo.testLoss(), org.nodelab.tensor.Tensor.threads(), seed,
        Cpu.here().json(), org.nodelab.tensor.Tensor.kernels());
  }

  private static boolean parseSwitch(String option, String s) {
    if (!s.equals("on") && !s.equals("off")) {
      throw new IllegalArgumentException(option + " takes on or off, got " + s);
    }
    return s.equals("on");
  }
}
