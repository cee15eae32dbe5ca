package org.nodelab.examples;

import org.nodelab.data.Spiral;
import org.nodelab.model.OdeSpec;
import org.nodelab.model.TrajectoryModel;
import org.nodelab.nn.Mlp;
import org.nodelab.nn.Module;
import org.nodelab.nn.Sequential;
import org.nodelab.ode.GradientMethod;
import org.nodelab.ode.Ode;
import org.nodelab.ode.Solvers;
import org.nodelab.tensor.Activation;
import org.nodelab.tensor.Tensor;
import org.nodelab.train.Losses;
import org.nodelab.train.RmsProp;
import org.nodelab.train.Trainer;

/**
 * torchdiffeq's {@code examples/ode_demo.py}, exactly: the field {@code f(t, y) = MLP(y³)} with
 * Linear(2, 50)–tanh–Linear(50, 2), weights from {@code N(0, 0.1²)} and zero biases; rk45 at rtol
 * 1e-7 / atol 1e-9; RMSprop with learning rate 1e-3; L1 loss on batches of 20 windows of 10
 * observations.
 */
public final class OdeDemo {
  private final Spiral spiral = Spiral.create();
  private final Mlp field;
  private final TrajectoryModel model;

  /**
   * The demo's model, initialised from {@code seed}, with direct or adjoint gradients.
   *
   * @param seed the seed of the field's weights
   * @param gradients {@code direct} or {@code adjoint}
   */
  public OdeDemo(long seed, GradientMethod gradients) {
    field = Mlp.normal(Activation.TANH, 0.1, seed, 2, 50, 2);
    model = OdeSpec.of(new Sequential(Module.fn(y -> y.pow(3)), field))
        .solve(Solvers.rk45().rtol(1e-7).atol(1e-9))
        .gradients(gradients)
        .at(spiral.times(Spiral.BATCH_TIME));
  }

  /**
   * A trainer set up as ode_demo's loop (add {@code .iterations(n)} and run).
   *
   * @param seed the seed of the batches
   * @return a trainer on ode_demo's batches with RMSprop(1e-3) and the L1 loss
   */
  public Trainer trainer(long seed) {
    return Trainer.of(model).batches(spiral.sampler()).loss(Losses::l1).optimizer(RmsProp.of(1e-3)).seed(seed);
  }

  /**
   * ode_demo's test loss: mean |pred − true| over the whole 1000-point trajectory from y(0).
   *
   * @return the mean absolute error over the 1000 points
   */
  public double testLoss() {
    return Tensor.noGrad(() -> {
      Tensor pred = Ode.solve((t, y) -> field.apply(y.pow(3)), spiral.initialState(), spiral.times(),
          Solvers.rk45().rtol(1e-7).atol(1e-9)).stacked().reshape(Spiral.SIZE, 2);
      return Losses.l1(pred, spiral.trajectory()).item();
    });
  }

  /**
   * The trajectory model being trained.
   *
   * @return the model {@code [batch, 2] -> [10, batch, 2]}
   */
  public TrajectoryModel model() {
    return model;
  }

  /**
   * The field's MLP.
   *
   * @return the MLP 2-50-2 inside the field {@code MLP(y³)}
   */
  public Mlp field() {
    return field;
  }
}
