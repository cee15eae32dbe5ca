package org.nodelab.train;

import java.util.List;
import org.nodelab.nn.Parameter;

/**
 * Stochastic gradient descent with momentum, dampening, Nesterov and L2 weight decay, as PyTorch's
 * {@code torch.optim.SGD}: {@code g ← g + λθ}; {@code b ← g} on the first step, else {@code b ← μb +
 * (1−τ)g}; {@code g ← g + μb} (Nesterov) or {@code g ← b}; {@code θ ← θ − ηg}.
 *
 * @param lr learning rate η
 * @param momentum μ (0 = plain SGD)
 * @param dampening τ
 * @param weightDecay λ
 * @param nesterov Nesterov momentum (needs μ > 0 and τ = 0)
 */
public record Sgd(double lr, double momentum, double dampening, double weightDecay, boolean nesterov)
    implements OptimizerSpec {

  /**
   * Validates the hyper-parameters.
   *
   * @param lr learning rate η
   * @param momentum μ (0 = plain SGD)
   * @param dampening τ
   * @param weightDecay λ
   * @param nesterov Nesterov momentum (needs μ > 0 and τ = 0)
   */
  public Sgd {
    OptimizerSpec.check("lr", lr, 0);
    OptimizerSpec.check("momentum", momentum, 0);
    OptimizerSpec.check("dampening", dampening, 0);
    OptimizerSpec.check("weightDecay", weightDecay, 0);
    if (nesterov && (momentum <= 0 || dampening != 0)) {
      throw new IllegalArgumentException(
          "Nesterov momentum needs momentum > 0 and dampening 0, got momentum " + momentum + ", dampening " + dampening);
    }
  }

  /**
   * Plain SGD with learning rate {@code lr}.
   *
   * @param lr the learning rate η
   * @return the optimiser spec
   */
  public static Sgd of(double lr) {
    return new Sgd(lr, 0, 0, 0, false);
  }

  /**
   * The same with momentum μ.
   *
   * @param mu μ, in [0, 1)
   * @return a new spec
   */
  public Sgd momentum(double mu) {
    return new Sgd(lr, mu, dampening, weightDecay, nesterov);
  }

  /**
   * The same with Nesterov momentum switched on.
   *
   * @return a new spec
   */
  public Sgd withNesterov() {
    return new Sgd(lr, momentum, dampening, weightDecay, true);
  }

  /**
   * The same with L2 weight decay λ.
   *
   * @param lambda λ, added to the gradient as {@code λθ}
   * @return a new spec
   */
  public Sgd weightDecay(double lambda) {
    return new Sgd(lr, momentum, dampening, lambda, nesterov);
  }

  @Override
  public Optimizer on(List<Parameter> parameters) {
    return new Optimizer(parameters, lr, "momentum_buffer") {
      @Override
      protected void update(double[] theta, double[] g, double[][] state, long t) {
        double[] b = state[0];
        double eta = learningRate();
        for (int k = 0; k < theta.length; k++) {
          double gk = g[k] + weightDecay * theta[k];
          if (momentum != 0) {
            b[k] = t == 1 ? gk : momentum * b[k] + (1 - dampening) * gk;
            gk = nesterov ? gk + momentum * b[k] : b[k];
          }
          theta[k] -= eta * gk;
        }
      }
    };
  }
}
