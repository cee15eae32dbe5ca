package org.nodelab.bench;

import java.util.Arrays;
import java.util.Locale;
import org.nodelab.examples.CnfDemo;
import org.nodelab.ode.Adjoint;
import org.nodelab.ode.GradientMethod;
import org.nodelab.tensor.Tensor;

/**
 * torchdiffeq's {@code cnf.py} as a benchmark ({@link CnfDemo}): trains for N iterations and prints
 * one JSON line with the median milliseconds per iteration (all iterations: each is a full solve),
 * the same in processor time of the training thread (steadier on a loaded machine), the mean forward
 * and backward evaluations and the final momentum-0.99 running average of the loss,
 * as cnf.py prints it. The exact trace comes from the field's closed-form divergence, or with {@code
 * --trace vjp} from two vector–Jacobian products per evaluation as cnf.py computes it. Run: {@code
 * ./nodelab bench cnf [--iterations N] [--gradients direct|adjoint] [--trace closed-form|vjp]
 * [--threads N] [--seed S]}.
 */
public final class CnfBenchmark {
  private CnfBenchmark() {}

  /** Parses the options, trains, prints progress and the JSON summary. */
  public static void main(String[] args) {
    int iterations = 50;
    String gradients = "direct";
    long seed = 0;
    String trace = "closed-form";
    try {
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--iterations" -> iterations = Integer.parseInt(args[++i]);
          case "--gradients" -> gradients = args[++i];
          case "--seed" -> seed = Long.parseLong(args[++i]);
          case "--trace" -> trace = args[++i];
          case "--threads" -> Tensor.threads(Integer.parseInt(args[++i]));
          default -> throw new IllegalArgumentException("unknown option " + args[i]);
        }
      }
      if (iterations <= 0 || !(gradients.equals("direct") || gradients.equals("adjoint"))
          || !(trace.equals("closed-form") || trace.equals("vjp"))) {
        throw new IllegalArgumentException(
            "iterations must be positive, gradients direct or adjoint, trace closed-form or vjp");
      }
    } catch (RuntimeException e) {
      System.err.println("usage: ./nodelab bench cnf [--iterations N] [--gradients direct|adjoint] [--trace closed-form|vjp] "
          + "[--threads N] "
          + "[--seed S]  (" + e.getMessage() + ")");
      System.exit(2);
    }
    GradientMethod method = gradients.equals("direct") ? GradientMethod.DIRECT : Adjoint.defaults();
    CnfDemo demo = new CnfDemo(seed, method, trace.equals("vjp"));
    double[] ms = new double[iterations];
    double[] cpuMs = new double[iterations];
    java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
    long forward = 0;
    long backward = 0;
    for (int i = 0; i < iterations; i++) {
      long start = System.nanoTime();
      long cpuStart = threads.getCurrentThreadCpuTime();
      demo.step();
      ms[i] = (System.nanoTime() - start) / 1e6;
      cpuMs[i] = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e6;
      forward += demo.flow().forwardEvaluations();
      backward += demo.flow().backwardEvaluations();
      System.err.printf(Locale.ROOT, "Iter: %d, running avg loss: %.4f  (%.1f ms, nfe %d / %d)%n", i + 1,
          demo.runningLoss(), ms[i], demo.flow().forwardEvaluations(), demo.flow().backwardEvaluations());
    }
    double[] sorted = ms.clone();
    Arrays.sort(sorted);
    double[] sortedCpu = cpuMs.clone();
    Arrays.sort(sortedCpu);
    System.out.printf(Locale.ROOT,
        "{\"benchmark\": \"cnf\", \"gradients\": \"%s\", \"trace\": \"%s\", \"iterations\": %d, \"ms_per_iteration_median\": %.2f, "
            + "\"cpu_ms_per_iteration_median\": %.2f, "
            + "\"nfe_forward_mean\": %.1f, \"nfe_backward_mean\": %.1f, \"loss_final\": %.4f, \"threads\": %d, "
            + "\"seed\": %d, %s, \"kernels\": \"%s\"}%n",
        gradients, trace, iterations, sorted[iterations / 2], sortedCpu[iterations / 2], (double) forward / iterations, (double) backward / iterations,
        demo.runningLoss(), Tensor.threads(), seed, Cpu.here().json(), Tensor.kernels());
  }
}
