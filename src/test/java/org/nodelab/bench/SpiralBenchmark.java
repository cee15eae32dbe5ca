package org.nodelab.bench;

import java.util.Arrays;
import java.util.Locale;
import org.nodelab.examples.OdeDemo;
import org.nodelab.io.Options;
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
    Options o = new Options("./nodelab bench spiral [--iterations N] [--gradients direct|adjoint] "
        + "[--seminorm on|off] [--carry-step on|off] [--threads N] [--seed S]", args);
    while (o.hasNext()) {
      switch (o.next()) {
        case "--iterations" -> iterations = o.intValue(1);
        case "--gradients" -> gradients = o.choice("direct", "adjoint");
        case "--seminorm" -> seminorm = o.choice("on", "off").equals("on");
        case "--carry-step" -> carryStep = o.choice("on", "off").equals("on");
        case "--seed" -> seed = o.longValue(Long.MIN_VALUE);
        case "--threads" -> org.nodelab.tensor.Tensor.threads(o.intValue(1));
        default -> throw o.unexpected();
      }
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
}
