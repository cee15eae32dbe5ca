package org.nodelab.train;

import java.util.List;
import org.nodelab.nn.Parameter;

/**
 * RMSprop as PyTorch's {@code torch.optim.RMSprop} (Hinton's lecture 6e): {@code v ← αv + (1−α)g²};
 * {@code θ ← θ − η g / (√v + ε)}, with optional momentum {@code b ← μb + g/(√v+ε)}, {@code θ ← θ −
 * ηb}. Defaults: α = 0.99, ε = 1e-8, no momentum, no weight decay.
 *
 * @param lr learning rate η (PyTorch's default is 0.01)
 * @param alpha smoothing constant α
 * @param eps ε added to the root
 * @param momentum μ
 * @param weightDecay λ, added to the gradient as {@code λθ}
 */
public record RmsProp(double lr, double alpha, double eps, double momentum, double weightDecay)
    implements OptimizerSpec {

  /**
   * Validates the hyper-parameters.
   *
   * @param lr learning rate η (PyTorch's default is 0.01)
   * @param alpha smoothing constant α
   * @param eps ε added to the root
   * @param momentum μ
   * @param weightDecay λ, added to the gradient as {@code λθ}
   */
  public RmsProp {
    OptimizerSpec.check("lr", lr, 0);
    OptimizerSpec.checkUnit("alpha", alpha);
    OptimizerSpec.check("eps", eps, 0);
    OptimizerSpec.check("momentum", momentum, 0);
    OptimizerSpec.check("weightDecay", weightDecay, 0);
  }

  /**
   * RMSprop with learning rate {@code lr} and PyTorch's other defaults.
   *
   * @param lr the learning rate η
   * @return the optimiser spec
   */
  public static RmsProp of(double lr) {
    return new RmsProp(lr, 0.99, 1e-8, 0, 0);
  }

  /**
   * The same with momentum μ.
   *
   * @param mu μ, in [0, 1)
   * @return a new spec
   */
  public RmsProp momentum(double mu) {
    return new RmsProp(lr, alpha, eps, mu, weightDecay);
  }

  @Override
  public Optimizer on(List<Parameter> parameters) {
    return new Optimizer(parameters, lr, "square_avg", "momentum_buffer") {
      @Override
      protected void update(double[] theta, double[] g, double[][] state, long t) {
        double[] v = state[0];
        double[] b = state[1];
        double eta = learningRate();
        for (int k = 0; k < theta.length; k++) {
          double gk = g[k] + weightDecay * theta[k];
          v[k] = alpha * v[k] + (1 - alpha) * gk * gk;
          double step = gk / (Math.sqrt(v[k]) + eps);
          if (momentum > 0) {
            b[k] = momentum * b[k] + step;
            step = b[k];
          }
          theta[k] -= eta * step;
        }
      }
    };
  }
}
