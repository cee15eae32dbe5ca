package org.nodelab.bench;

import java.util.Arrays;
import java.util.Locale;
import org.nodelab.data.Spiral;
import org.nodelab.model.NeuralOde;
import org.nodelab.model.OdeSpec;
import org.nodelab.nn.Mlp;
import org.nodelab.nn.Module;
import org.nodelab.nn.Sequential;
import org.nodelab.ode.Adjoint;
import org.nodelab.ode.GradientMethod;
import org.nodelab.ode.Solvers;
import org.nodelab.tensor.Activation;
import org.nodelab.tensor.Tensor;

/**
 * Direct against adjoint gradients on the spiral field as the integration interval grows: forward
 * and backward evaluations, median milliseconds per gradient and the bytes the tape of the forward
 * pass holds ({@link Tensor#tapeBytes()}; flat for the adjoint). Run: {@code ./nodelab bench gradients}.
 */
public final class GradientMemoryBenchmark {
  private GradientMemoryBenchmark() {}

  /** Prints one row per interval and method. */
  public static void main(String[] args) {
    if (args.length > 0) {
      throw new org.nodelab.io.UsageException("bench gradients takes no arguments, got " + String.join(" ", args),
          "./nodelab bench gradients");
    }
    Mlp field = Mlp.normal(Activation.TANH, 0.1, 0, 2, 50, 2);
    Spiral spiral = Spiral.create();
    Tensor x = spiral.trajectory().slice(0, 0, 20);
    System.out.printf(Locale.ROOT, "%8s %-9s %9s %9s %10s %12s%n", "T", "method", "nfe_fwd", "nfe_bwd", "ms/grad",
        "tape_bytes");
    for (double t : new double[] {0.5, 1, 2, 4, 8, 16}) {
      for (GradientMethod method : new GradientMethod[] {GradientMethod.DIRECT, Adjoint.defaults()}) {
        NeuralOde model = OdeSpec.of(new Sequential(Module.fn(y -> y.pow(3)), field))
            .solve(Solvers.rk45().rtol(1e-7).atol(1e-9)).gradients(method).until(t);
        Tensor loss = model.apply(x).abs().mean();
        long tape = loss.tapeBytes();
        loss.backward();
        double[] ms = new double[7];
        for (int r = 0; r < ms.length; r++) {
          field.zeroGrad();
          long start = System.nanoTime();
          model.apply(x).abs().mean().backward();
          ms[r] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(ms);
        System.out.printf(Locale.ROOT, "%8.1f %-9s %9d %9d %10.2f %12d%n", t, method, model.forwardEvaluations(),
            model.backwardEvaluations(), ms[ms.length / 2], tape);
      }
    }
  }
}
