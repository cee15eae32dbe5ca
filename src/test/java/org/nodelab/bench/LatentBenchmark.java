package org.nodelab.bench;

import java.util.Arrays;
import java.util.Locale;
import org.nodelab.data.LatentSpirals;
import org.nodelab.examples.LatentOdeDemo;
import org.nodelab.ode.Adjoint;
import org.nodelab.ode.GradientMethod;
import org.nodelab.tensor.Tensor;

/**
 * torchdiffeq's {@code latent_ode.py} as a benchmark ({@link LatentOdeDemo}: 1,000 spirals as one
 * batch, Adam 0.01): trains and prints one JSON line with the median milliseconds per iteration
 * (all iterations; and the median processor time of the training thread, steadier on a busy
 * machine), the running-average ELBO (momentum 0.99) at the end, the mean forward
 * evaluations, the processor and the kernels. Run: {@code ./nodelab bench latent [--iterations N]
 * [--gradients direct|adjoint] [--threads N] [--seed S]}.
 */
public final class LatentBenchmark {
  private LatentBenchmark() {}

  /** Parses the options, trains, prints progress and the JSON summary. */
  public static void main(String[] args) {
    int iterations = 100;
    String gradients = "direct";
    long seed = 0;
    try {
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--iterations" -> iterations = Integer.parseInt(args[++i]);
          case "--gradients" -> gradients = args[++i];
          case "--seed" -> seed = Long.parseLong(args[++i]);
          case "--threads" -> Tensor.threads(Integer.parseInt(args[++i]));
          default -> throw new IllegalArgumentException("unknown option " + args[i]);
        }
      }
      if (iterations <= 0 || !(gradients.equals("direct") || gradients.equals("adjoint"))) {
        throw new IllegalArgumentException("iterations must be positive and gradients direct or adjoint");
      }
    } catch (RuntimeException e) {
      System.err.println("usage: ./nodelab bench latent [--iterations N] [--gradients direct|adjoint] [--threads N] "
          + "[--seed S]  (" + e.getMessage() + ")");
      System.exit(2);
    }
    GradientMethod method = gradients.equals("direct") ? GradientMethod.DIRECT : Adjoint.defaults();
    LatentOdeDemo demo = new LatentOdeDemo(LatentSpirals.torchdiffeq(seed), seed, method);
    double[] ms = new double[iterations];
    double[] cpu = new double[iterations];
    var threadTimes = java.lang.management.ManagementFactory.getThreadMXBean();
    long evaluations = 0;
    for (int i = 0; i < iterations; i++) {
      long start = System.nanoTime();
      long startCpu = threadTimes.getCurrentThreadCpuTime();
      demo.step();
      ms[i] = (System.nanoTime() - start) / 1e6;
      cpu[i] = (threadTimes.getCurrentThreadCpuTime() - startCpu) / 1e6;
      evaluations += demo.model().stats().evaluations();
      if ((i + 1) % 10 == 0) {
        System.err.printf(Locale.ROOT, "iteration %d  running elbo %.2f  %.1f ms  nfe %d%n", i + 1, demo.runningElbo(),
            ms[i], demo.model().stats().evaluations());
      }
    }
    double[] sorted = ms.clone();
    Arrays.sort(sorted);
    Arrays.sort(cpu);
    System.out.printf(Locale.ROOT,
        "{\"benchmark\": \"latent\", \"gradients\": \"%s\", \"iterations\": %d, \"ms_per_iteration_median\": %.2f, \"cpu_ms_per_iteration_median\": %.2f, "
            + "\"elbo_running_average\": %.2f, \"nfe_forward_mean\": %.1f, \"extrapolation_rmse\": %.4f, "
            + "\"threads\": %d, \"seed\": %d, %s, \"kernels\": \"%s\"}%n",
        gradients, iterations, sorted[sorted.length / 2], cpu[cpu.length / 2], demo.runningElbo(), (double) evaluations / iterations,
        demo.extrapolationRmse(100, 100), Tensor.threads(), seed, Cpu.here().json(), Tensor.kernels());
  }
}
