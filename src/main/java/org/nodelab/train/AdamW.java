package org.nodelab.train;

import java.util.List;
import org.nodelab.nn.Parameter;

/**
 * AdamW (Loshchilov &amp; Hutter 2019, arXiv:1711.05101) as PyTorch's {@code torch.optim.AdamW}:
 * decoupled weight decay {@code θ ← θ(1 − ηλ)} followed by the {@link Adam} update without L2.
 * Defaults: η = 1e-3, β = (0.9, 0.999), ε = 1e-8, λ = 0.01.
 *
 * @param lr learning rate η
 * @param beta1 β₁
 * @param beta2 β₂
 * @param eps ε
 * @param weightDecay λ
 */
public record AdamW(double lr, double beta1, double beta2, double eps, double weightDecay)
    implements OptimizerSpec {

  /**
   * Validates the hyper-parameters.
   *
   * @param lr learning rate η
   * @param beta1 β₁
   * @param beta2 β₂
   * @param eps ε
   * @param weightDecay λ
   */
  public AdamW {
    OptimizerSpec.check("lr", lr, 0);
    OptimizerSpec.checkUnit("beta1", beta1);
    OptimizerSpec.checkUnit("beta2", beta2);
    OptimizerSpec.check("eps", eps, 0);
    OptimizerSpec.check("weightDecay", weightDecay, 0);
  }

  /**
   * AdamW with learning rate {@code lr} and PyTorch's other defaults (λ = 0.01).
   *
   * @param lr the learning rate η
   * @return the optimiser spec
   */
  public static AdamW of(double lr) {
    return new AdamW(lr, 0.9, 0.999, 1e-8, 0.01);
  }

  /**
   * The same with decoupled weight decay λ.
   *
   * @param lambda λ, the decay rate applied as {@code θ ← θ − ηλθ}
   * @return a new spec
   */
  public AdamW weightDecay(double lambda) {
    return new AdamW(lr, beta1, beta2, eps, lambda);
  }

  @Override
  public Optimizer on(List<Parameter> parameters) {
    return Adam.adam(parameters, lr, beta1, beta2, eps, 0, weightDecay);
  }
}
