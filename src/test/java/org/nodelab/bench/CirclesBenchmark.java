package org.nodelab.bench;

import java.util.Locale;
import org.nodelab.data.Dataset;
import org.nodelab.data.Synthetic;
import org.nodelab.model.Fields;
import org.nodelab.model.NeuralOde;
import org.nodelab.model.OdeSpec;
import org.nodelab.nn.Linear;
import org.nodelab.nn.Mlp;
import org.nodelab.ode.Solvers;
import org.nodelab.tensor.Activation;
import org.nodelab.tensor.Tensor;
import org.nodelab.train.Adam;
import org.nodelab.train.History;
import org.nodelab.train.Losses;
import org.nodelab.train.Trainer;

/**
 * The ANODE setting (Dupont et al. 2019, the configuration of their experiments): concentric
 * circles of 500 inner and 1500 outer points with targets ∓1, a time-dependent field
 * Linear(d+1, 32)–ReLU–Linear(32, 32)–ReLU–Linear(32, d), dopri5 at rtol = atol = 1e-3 to T = 1, a
 * linear read-out to one output, Huber loss, Adam at 1e-3, batches of 64, 30 epochs; d = 2 for the
 * neural ODE and 2 + 5 for the augmented one. Prints seconds per epoch and evaluations (torchdiffeq
 * on this machine kind: 0.42 and 0.30 s per epoch). Then a larger model (batch 512, hidden 256,
 * dimension 16): milliseconds per training iteration (median after 10 warm-up iterations),
 * evaluations, and the arithmetic rate against the floating-point work. Run: {@code ./nodelab bench circles [--threads N]} (default: all available
 * processors, {@link Tensor#threads(int)}); compare thread counts in separate runs.
 */
public final class CirclesBenchmark {
  private static final int EPOCHS = 30;

  private CirclesBenchmark() {}

  /** Prints one line per model. */
  public static void main(String[] args) {
    if (args.length == 2 && args[0].equals("--threads") && args[1].matches("[1-9][0-9]*")) {
      Tensor.threads(Integer.parseInt(args[1]));
    } else if (args.length != 0) {
      System.err.println("usage: ./nodelab bench circles [--threads N]  (got " + String.join(" ", args) + ")");
      System.exit(2);
    }
    int threads = Tensor.threads();
    Dataset train = Synthetic.concentricSpheres(500, 1500, 1);
    for (int augment : new int[] {0, 5}) {
      int dim = 2 + augment;
      NeuralOde model = OdeSpec.of(Fields.withTime(new Mlp(Activation.RELU, 3, dim + 1, 32, 32, dim))).augment(augment)
          .to(new Linear(dim, 1, 4)).solve(Solvers.rk45().rtol(1e-3).atol(1e-3)).until(1);
      History h = Trainer.of(model).data(train).loss(Losses::smoothL1).optimizer(Adam.of(1e-3))
          .epochs(EPOCHS).batchSize(64).seed(5).progress(null).run();
      double seconds = h.table().doubleColumn("seconds").get(h.size() - 1);
      System.out.printf(Locale.ROOT, "threads %d  ANODE setting %-6s  %.3f s/epoch  forward evaluations %.1f"
          + "  backward evaluations %.1f  final loss %.4f%n", threads, augment == 0 ? "NODE" : "ANODE", seconds / EPOCHS,
          h.table().longColumn("nfe_forward").mean(), h.table().longColumn("nfe_backward").mean(),
          h.table().doubleColumn("loss").get(h.size() - 1));
    }
    int batch = 512;
    int dim = 16;
    int hidden = 256;
    Mlp field = new Mlp(Activation.TANH, 7, dim, hidden, dim);
    NeuralOde large = OdeSpec.of(field).solve(Solvers.rk45().rtol(1e-3).atol(1e-3)).until(1);
    Tensor x = Tensor.randn(8, batch, dim);
    Tensor target = Tensor.randn(9, batch, dim);
    History h = Trainer.of(large).batches(r -> new org.nodelab.data.Batch(x, target)).optimizer(Adam.of(1e-3))
        .iterations(40).progress(null).run();
    double[] s = h.table().doubleColumn("seconds").asDoubleArray();
    double[] perIteration = new double[s.length - 10];
    for (int i = 10; i < s.length; i++) {
      perIteration[i - 10] = (s[i] - s[i - 1]) * 1e3;
    }
    java.util.Arrays.sort(perIteration);
    double ms = perIteration[perIteration.length / 2];
    double nfeF = h.table().longColumn("nfe_forward").mean();
    double nfeB = h.table().longColumn("nfe_backward").mean();
    // Each evaluation is 2·batch·(dim·hidden + hidden·dim) flops forward and twice that backward.
    double flops = 2.0 * batch * 2 * dim * hidden * (nfeF + 2 * nfeB);
    System.out.printf(Locale.ROOT, "threads %d  large   batch %d hidden %d dim %d: %.1f ms/iteration, evaluations %.1f forward %.1f backward,"
        + " %.2f GFLOP/s in MLP arithmetic%n", threads, batch, hidden, dim, ms, nfeF, nfeB, flops / (ms * 1e6));
  }
}
