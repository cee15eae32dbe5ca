package org.nodelab.examples;

import java.util.SplittableRandom;
import org.nodelab.data.IrregularBatch;
import org.nodelab.data.LatentSpirals;
import org.nodelab.model.LatentOde;
import org.nodelab.model.OdeSpec;
import org.nodelab.model.RnnEncoder;
import org.nodelab.nn.Linear;
import org.nodelab.nn.Mlp;
import org.nodelab.nn.RnnCell;
import org.nodelab.ode.GradientMethod;
import org.nodelab.ode.Solvers;
import org.nodelab.tensor.Activation;
import org.nodelab.tensor.Tensor;
import org.nodelab.train.Adam;
import org.nodelab.train.Elbo;
import org.nodelab.train.Objective;
import org.nodelab.train.Optimizer;

/**
 * torchdiffeq's {@code examples/latent_ode.py}: a tanh RNN {@code i2h = Linear(2 + 25, 25)} on
 * {@code [x, h]} read backwards over each spiral, {@code h2o = Linear(25, 8)} giving {@code q(z₀)}
 * in 4 latent dimensions, the field Linear(4, 20)–ELU–Linear(20, 20)–ELU–Linear(20, 4) solved by
 * rk45 at rtol 1e-7 / atol 1e-9, the readout Linear(4, 20)–ReLU–Linear(20, 2), observation noise
 * 0.3, Adam at 0.01 on all spirals as one batch; the ELBO's running average with momentum 0.99 as
 * the example prints it.
 */
public final class LatentOdeDemo {
  /** The observation noise σ of the example. */
  public static final double NOISE = 0.3;
  private final LatentSpirals spirals;
  private final IrregularBatch batch;
  private final LatentOde model;
  private final Optimizer optimizer;
  private final SplittableRandom random;
  private double runningElbo = Double.NaN;

  /**
   * The example on {@code spirals}, initialised from {@code seed}.
   *
   * @param spirals the data, e.g. {@link LatentSpirals#torchdiffeq(long)}
   * @param seed seeds the layers and the reparameterisation's generator
   * @param gradients direct or adjoint for the latent solve
   */
  public LatentOdeDemo(LatentSpirals spirals, long seed, GradientMethod gradients) {
    this.spirals = spirals;
    this.batch = spirals.series().batch();
    SplittableRandom seeds = new SplittableRandom(seed);
    RnnCell cell = RnnCell.concatenated(2, 25, seeds.nextLong());
    Linear h2o = new Linear(25, 8, seeds.nextLong());
    Mlp field = new Mlp(Activation.ELU, seeds.nextLong(), 4, 20, 20, 4);
    Mlp readout = new Mlp(Activation.RELU, seeds.nextLong(), 4, 20, 2);
    OdeSpec dynamics = OdeSpec.of(field).solve(Solvers.rk45().rtol(1e-7).atol(1e-9)).gradients(gradients);
    this.model = new LatentOde(new RnnEncoder(cell), h2o, dynamics, readout);
    this.optimizer = Adam.of(0.01).on(model.parameters());
    this.random = new SplittableRandom(seeds.nextLong());
  }

  /**
   * One iteration: the negative ELBO on the whole batch, its gradient, an Adam step; returns the value.
   *
   * @return the negative ELBO and its terms
   */
  public Objective.Value step() {
    optimizer.zeroGrad();
    Objective.Value v = Elbo.negative(model, batch, NOISE, random);
    v.total().backward();
    optimizer.step();
    double elbo = -v.total().item();
    runningElbo = Double.isNaN(runningElbo) ? elbo : 0.99 * runningElbo + 0.01 * elbo;
    return v;
  }

  /**
   * torchdiffeq's running average of the ELBO (momentum 0.99; the first value as it is).
   *
   * @return the running average
   */
  public double runningElbo() {
    return runningElbo;
  }

  /**
   * The root-mean-square error of the posterior-mean trajectory against the noise-free spirals at
   * the {@code ahead} points after each observed window (extrapolation), over the first {@code
   * count} spirals whose true path goes on that far.
   *
   * @param count the number of spirals evaluated
   * @param ahead the number of points after each window
   * @return the error in the spirals' units
   */
  public double extrapolationRmse(int count, int ahead) {
    double[] all = spirals.times();
    int n = spirals.observations().dim(1);
    int total = spirals.truth().dim(1);
    double[] future = java.util.Arrays.copyOfRange(all, n, n + ahead);
    int[] first = java.util.stream.IntStream.range(0, spirals.starts().length)
        .filter(s -> spirals.starts()[s] + n + ahead <= total).limit(count).toArray();
    if (first.length == 0) {
      throw new IllegalArgumentException("no spiral goes on " + ahead + " points after its observed window");
    }
    IrregularBatch some = spirals.series().batch(first);
    return Tensor.noGrad(() -> {
      LatentOde.Posterior q = model.posterior(some.times(), some.values(), null);
      Tensor predicted = model.decode(q.mean(), some.times()[0], future);
      double sum = 0;
      for (int k = 0; k < first.length; k++) {
        Tensor truth = spirals.window(first[k], n, n + ahead);
        Tensor mine = predicted.slice(1, k, k + 1).reshape(ahead, 2);
        sum += mine.sub(truth).square().sum().item();
      }
      return Math.sqrt(sum / (first.length * ahead * 2));
    });
  }

  /**
   * The model being trained.
   *
   * @return the latent ODE, its parameters as trained so far
   */
  public LatentOde model() {
    return model;
  }

  /**
   * The data.
   *
   * @return the latent-ODE spirals trained on
   */
  public LatentSpirals spirals() {
    return spirals;
  }

  /**
   * All spirals as one batch.
   *
   * @return every spiral's observations, on the union of their times
   */
  public IrregularBatch batch() {
    return batch;
  }
}
