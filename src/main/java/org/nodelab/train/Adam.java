package org.nodelab.train;

import java.util.List;
import org.nodelab.nn.Parameter;

/**
 * Adam (Kingma &amp; Ba 2015, arXiv:1412.6980) as PyTorch's {@code torch.optim.Adam}: {@code g ← g +
 * λθ}; {@code m ← β₁m + (1−β₁)g}; {@code v ← β₂v + (1−β₂)g²}; {@code θ ← θ − η/(1−β₁ᵗ) · m /
 * (√v/√(1−β₂ᵗ) + ε)}. Defaults: η = 1e-3, β = (0.9, 0.999), ε = 1e-8, λ = 0.
 *
 * @param lr learning rate η
 * @param beta1 β₁
 * @param beta2 β₂
 * @param eps ε
 * @param weightDecay λ (L2 penalty added to the gradient; see {@link AdamW} for decoupled decay)
 */
public record Adam(double lr, double beta1, double beta2, double eps, double weightDecay)
    implements OptimizerSpec {

  /**
   * Validates the hyper-parameters.
   *
   * @param lr learning rate η
   * @param beta1 β₁
   * @param beta2 β₂
   * @param eps ε
   * @param weightDecay λ (L2 penalty added to the gradient; see {@link AdamW} for decoupled decay)
   */
  public Adam {
    OptimizerSpec.check("lr", lr, 0);
    OptimizerSpec.checkUnit("beta1", beta1);
    OptimizerSpec.checkUnit("beta2", beta2);
    OptimizerSpec.check("eps", eps, 0);
    OptimizerSpec.check("weightDecay", weightDecay, 0);
  }

  /**
   * Adam with learning rate {@code lr} and PyTorch's other defaults.
   *
   * @param lr the learning rate η
   * @return the optimiser spec
   */
  public static Adam of(double lr) {
    return new Adam(lr, 0.9, 0.999, 1e-8, 0);
  }

  /**
   * The same with L2 weight decay λ.
   *
   * @param lambda λ, added to the gradient as {@code λθ}
   * @return a new spec
   */
  public Adam weightDecay(double lambda) {
    return new Adam(lr, beta1, beta2, eps, lambda);
  }

  @Override
  public Optimizer on(List<Parameter> parameters) {
    return adam(parameters, lr, beta1, beta2, eps, weightDecay, 0);
  }

  /** The shared Adam/AdamW rule; {@code decoupled} is AdamW's {@code θ ← θ(1 − ηλ_w)}. */
  static Optimizer adam(
      List<Parameter> parameters, double lr, double beta1, double beta2, double eps, double l2, double decoupled) {
    return new Optimizer(parameters, lr, "exp_avg", "exp_avg_sq") {
      @Override
      protected void update(double[] theta, double[] g, double[][] state, long t) {
        double[] m = state[0];
        double[] v = state[1];
        double eta = learningRate();
        double stepSize = eta / (1 - Math.pow(beta1, t));
        double rootCorrection = Math.sqrt(1 - Math.pow(beta2, t));
        for (int k = 0; k < theta.length; k++) {
          theta[k] *= 1 - eta * decoupled;
          double gk = g[k] + l2 * theta[k];
          m[k] = beta1 * m[k] + (1 - beta1) * gk;
          v[k] = beta2 * v[k] + (1 - beta2) * gk * gk;
          theta[k] -= stepSize * m[k] / (Math.sqrt(v[k]) / rootCorrection + eps);
        }
      }
    };
  }
}
