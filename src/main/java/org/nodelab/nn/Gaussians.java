package org.nodelab.nn;

import java.util.SplittableRandom;
import org.nodelab.tensor.Tensor;

/**
 * Diagonal Gaussians for variational models (Kingma &amp; Welling 2014), each function
 * differentiable and element-wise: the log-density, the analytic KL divergence and the
 * reparameterised sample. Variances are given as log-variances {@code λ = log σ²}.
 */
public final class Gaussians {
  private static final double LOG_2PI = Math.log(2 * Math.PI);

  private Gaussians() {}

  /**
   * {@code log N(x; μ, e^λ) = −½ (log 2π + λ + (x − μ)² e^{−λ})}, element-wise.
   *
   * @param x observations
   * @param mean μ, broadcast against x
   * @param logVariance λ, broadcast against x
   * @return the log-density of each element
   */
  public static Tensor logDensity(Tensor x, Tensor mean, Tensor logVariance) {
    return x.sub(mean).square().mul(logVariance.neg().exp()).add(logVariance).add(LOG_2PI).mul(-0.5);
  }

  /**
   * The log-likelihood of observations under Gaussian noise of standard deviation {@code std}:
   * {@code −½ log 2π − log σ − (x − μ)²/(2σ²)} per element, times {@code mask} (1 observed, 0 not)
   * when one is given, so that unobserved elements add nothing.
   *
   * @param x observations
   * @param mean predictions μ, the shape of x
   * @param std the noise level σ, positive
   * @param mask {@code null} (all observed) or 0/1 weights broadcast against x
   * @return the element-wise log-likelihood
   */
  public static Tensor logLikelihood(Tensor x, Tensor mean, double std, Tensor mask) {
    if (!(std > 0) || Double.isInfinite(std)) {
      throw new IllegalArgumentException("the noise standard deviation must be positive and finite, got " + std);
    }
    Tensor ll = x.sub(mean).square().mul(-0.5 / (std * std)).add(-0.5 * LOG_2PI - Math.log(std));
    return mask == null ? ll : ll.mul(mask);
  }

  /**
   * {@code KL(N(μ₁, e^{λ₁}) ‖ N(μ₂, e^{λ₂})) = ½(λ₂ − λ₁) + (e^{λ₁} + (μ₁ − μ₂)²)/(2e^{λ₂}) − ½},
   * element-wise (sum over the last axis for a diagonal Gaussian's divergence).
   *
   * @param mean1 μ₁
   * @param logVariance1 λ₁, the log-variance of the first Gaussian
   * @param mean2 μ₂, broadcasting against μ₁
   * @param logVariance2 λ₂, the log-variance of the second Gaussian
   * @return the divergence of each component, broadcast shape of the arguments
   */
  public static Tensor kl(Tensor mean1, Tensor logVariance1, Tensor mean2, Tensor logVariance2) {
    Tensor v1 = logVariance1.exp();
    Tensor spread = v1.add(mean1.sub(mean2).square()).mul(logVariance2.neg().exp()).mul(0.5);
    return logVariance2.sub(logVariance1).mul(0.5).add(spread).sub(0.5);
  }

  /**
   * {@code KL(N(μ, e^λ) ‖ N(0, 1)) = ½(e^λ + μ² − 1 − λ)}, element-wise: the prior term of a VAE.
   *
   * @param mean μ
   * @param logVariance λ, the log-variance
   * @return the divergence of each component
   */
  public static Tensor klToStandard(Tensor mean, Tensor logVariance) {
    return logVariance.exp().add(mean.square()).sub(logVariance).sub(1).mul(0.5);
  }

  /**
   * The reparameterisation trick {@code z = μ + e^{λ/2} ⊙ ε}, {@code ε ~ N(0, I)} drawn from {@code
   * random}: differentiable in μ and λ, the same numbers for the same generator state.
   *
   * @param mean μ
   * @param logVariance λ, the shape of μ
   * @param random the generator of ε (advanced by {@code mean.size()} draws)
   * @return a sample of the shape of μ
   */
  public static Tensor sample(Tensor mean, Tensor logVariance, SplittableRandom random) {
    double[] eps = new double[mean.size()];
    for (int i = 0; i < eps.length; i++) {
      eps[i] = random.nextGaussian();
    }
    return mean.add(logVariance.mul(0.5).exp().mul(Tensor.of(eps, mean.shape())));
  }
}
