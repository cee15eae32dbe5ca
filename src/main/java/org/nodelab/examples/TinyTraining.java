package org.nodelab.examples;

import java.util.List;
import java.util.Locale;
import org.nodelab.io.Options;
import org.nodelab.nn.Mlp;
import org.nodelab.nn.Parameter;
import org.nodelab.tensor.Activation;
import org.nodelab.tensor.Tensor;

/**
 * Fits {@code y = sin(x)} on {@code [-π, π]} with a 1-16-1 tanh MLP by full-batch gradient descent
 * with momentum, printing the mean squared error as it falls. Same seed, same numbers.
 */
public final class TinyTraining {
  private static final int STEPS = 2000;
  private static final double LEARNING_RATE = 0.05;
  private static final double MOMENTUM = 0.9;

  private TinyTraining() {}

  private static long seed(String[] args) {
    Options o = new Options("./nodelab [example] [SEED]", args);
    if (args.length > 1) {
      throw o.usage("one seed at most, got " + String.join(" ", args));
    }
    if (args.length == 0) {
      return 0;
    }
    String s = o.next();
    try {
      return Long.parseLong(o.positional());
    } catch (NumberFormatException e) {
      throw o.usage("the seed is a whole number, got '" + s + "'");
    }
  }

  /**
   * Trains and prints the loss every 200 steps; the optional argument is the seed (default 0).
   *
   * @param args an optional seed
   */
  public static void main(String[] args) {
    long seed = seed(args);
    Tensor x = Tensor.linspace(-Math.PI, Math.PI, 64).reshape(64, 1);
    Tensor y = x.sin();
    Mlp model = new Mlp(Activation.TANH, seed, 1, 16, 1);
    List<Parameter> params = model.parameters();
    double[][] velocity = new double[params.size()][];
    for (int i = 0; i < params.size(); i++) {
      velocity[i] = new double[params.get(i).size()];
    }
    long start = System.nanoTime();
    double loss = Double.NaN;
    for (int step = 1; step <= STEPS; step++) {
      model.zeroGrad();
      Tensor mse = model.apply(x).sub(y).square().mean();
      mse.backward();
      loss = mse.item();
      for (int i = 0; i < params.size(); i++) {
        update(params.get(i), velocity[i]);
      }
      if (step == 1 || step % 200 == 0) {
        System.out.printf(Locale.ROOT, "step %5d   mse %.6f%n", step, loss);
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf(
        Locale.ROOT,
        "final mse %.6f after %d steps of a 1-16-1 tanh MLP fitting sin(x) (%.2f s, seed %d)%n",
        loss, STEPS, seconds, seed);
  }

  /** Heavy-ball momentum: {@code v = μ v + g; θ = θ - η v}. */
  private static void update(Parameter p, double[] v) {
    double[] theta = p.value().toArray();
    double[] g = p.grad().toArray();
    for (int k = 0; k < theta.length; k++) {
      v[k] = MOMENTUM * v[k] + g[k];
      theta[k] -= LEARNING_RATE * v[k];
    }
    p.assign(theta);
  }
}
