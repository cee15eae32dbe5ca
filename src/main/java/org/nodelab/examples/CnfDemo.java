package org.nodelab.examples;

import org.nodelab.data.Densities2d;
import org.nodelab.model.BaseDensity;
import org.nodelab.model.Cnf;
import org.nodelab.model.HyperNetworkField;
import org.nodelab.ode.GradientMethod;
import org.nodelab.ode.Solvers;
import org.nodelab.tensor.Tensor;
import org.nodelab.train.Adam;
import org.nodelab.train.Optimizer;

/**
 * torchdiffeq's {@code examples/cnf.py}: the two-circles target ({@code make_circles(512,
 * noise=0.06, factor=0.5)}, a fresh batch every iteration), the hypernetwork field of width 64 and
 * hidden size 32, base {@code N(0, 0.1·I)} at t = 0, data at t = 10, dopri5 at rtol = atol = 1e-5
 * with the exact trace (the field's closed-form divergence, or two vector–Jacobian products per
 * evaluation as cnf.py), Adam at 1e-3 on {@code −mean log p(x)}, and its running average of the loss
 * (momentum 0.99).
 */
public final class CnfDemo {
  /** Points per iteration, as cnf.py. */
  public static final int BATCH = 512;
  private final HyperNetworkField field;
  private final Cnf flow;
  private final Optimizer optimizer;
  private final long seed;
  private int iteration;
  private double runningLoss = Double.NaN;
  private double lastLoss = Double.NaN;

  /**
   * The demo's flow, initialised from {@code seed}.
   *
   * @param seed seed of the initialisation and of the batches
   * @param gradients direct or adjoint
   */
  public CnfDemo(long seed, GradientMethod gradients) {
    this(seed, gradients, false);
  }

  /**
   * The demo's flow, with the trace from the field's closed-form divergence or, as cnf.py computes
   * it, from two vector–Jacobian products per evaluation.
   *
   * @param seed seed of the initialisation and of the batches
   * @param gradients direct or adjoint
   * @param vectorJacobianTrace whether to take the trace from vector–Jacobian products
   */
  public CnfDemo(long seed, GradientMethod gradients, boolean vectorJacobianTrace) {
    this.seed = seed;
    this.field = new HyperNetworkField(2, 32, 64, seed);
    Cnf base = vectorJacobianTrace ? Cnf.of(field::apply, new FieldParameters(field)) : Cnf.of(field);
    this.flow = base.base(BaseDensity.normal(0.1)).until(10)
        .solve(Solvers.dopri5().rtol(1e-5).atol(1e-5)).gradients(gradients);
    this.optimizer = Adam.of(1e-3).on(flow);
  }

  /** The field's parameters as a module, for the field used without its closed-form divergence. */
  private record FieldParameters(HyperNetworkField field) implements org.nodelab.nn.Module {
    @Override
    public Tensor apply(Tensor x) {
      throw new UnsupportedOperationException("a field's parameter list is not applied");
    }

    @Override
    public java.util.List<org.nodelab.nn.Parameter> parameters() {
      return field.parameters();
    }
  }

  /**
   * One training iteration on a fresh batch; returns its loss.
   *
   * @return the negative mean log-likelihood of the batch
   */
  public double step() {
    Tensor x = Densities2d.TWO_CIRCLES.sample(BATCH, seed * 1_000_003L + iteration);
    iteration++;
    optimizer.zeroGrad();
    Tensor loss = flow.loss(x);
    loss.backward();
    optimizer.step();
    lastLoss = loss.item();
    runningLoss = Double.isNaN(runningLoss) ? lastLoss : 0.99 * runningLoss + 0.01 * lastLoss;
    return lastLoss;
  }

  /**
   * cnf.py's running average of the loss (momentum 0.99, started at the first loss).
   *
   * @return the running average
   */
  public double runningLoss() {
    return runningLoss;
  }

  /**
   * The loss of the last iteration.
   *
   * @return the negative mean log-likelihood of the last batch
   */
  public double lastLoss() {
    return lastLoss;
  }

  /**
   * The flow being trained.
   *
   * @return the flow, its parameters as trained so far
   */
  public Cnf flow() {
    return flow;
  }

  /**
   * The hypernetwork field.
   *
   * @return the hypernetwork field of cnf.py
   */
  public HyperNetworkField field() {
    return field;
  }

  /**
   * Mean log-likelihood of {@code n} fresh points of the target (seed {@code testSeed}), without a tape.
   *
   * @param n the number of points
   * @param testSeed the seed of the points
   * @return the mean log-likelihood
   */
  public double heldOutLogLikelihood(int n, long testSeed) {
    return Tensor.noGrad(() -> flow.logProb(Densities2d.TWO_CIRCLES.sample(n, testSeed)).mean().item());
  }
}
