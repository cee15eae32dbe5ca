package org.nodelab.train;

import java.util.SplittableRandom;
import org.nodelab.data.IrregularBatch;
import org.nodelab.model.LatentOde;
import org.nodelab.nn.Gaussians;
import org.nodelab.tensor.Tensor;

/**
 * The evidence lower bound of a {@link LatentOde} on a batch, estimated with one reparameterised
 * sample {@code z₀ ~ q(z₀ | x)} per series (Kingma &amp; Welling 2014):
 * {@code ELBO = Σ_{t,d} m_{t,d} log N(x_{t,d}; x̂_{t,d}(z₀), σ²) − KL(q(z₀ | x) ‖ N(0, I))},
 * with the observation noise σ fixed and {@code m} the mask. The value to minimise is the negated
 * mean over the batch, as torchdiffeq's {@code latent_ode.py}.
 */
public final class Elbo {
  private Elbo() {}

  /**
   * {@code −mean_b ELBO_b} with the terms {@code log_likelihood} and {@code kl} (each a mean per
   * series) recorded.
   *
   * @param model the latent ODE
   * @param batch the series on the union of their times
   * @param noiseStd the observation noise σ, positive
   * @param random the generator of the reparameterisation's ε
   * @return the objective's value
   */
  public static Objective.Value negative(LatentOde model, IrregularBatch batch, double noiseStd,
      SplittableRandom random) {
    boolean full = org.nodelab.model.SequenceEncoder.allObserved(batch.mask());
    Tensor mask = full ? null : batch.mask();
    LatentOde.Reconstruction r = model.reconstruct(batch.times(), batch.values(), mask, random);
    double perSeries = 1.0 / batch.batchSize();
    Tensor logLikelihood = Gaussians.logLikelihood(batch.values(), r.predictions(), noiseStd, mask).sum()
        .mul(perSeries);
    Tensor kl = r.posterior().klToStandard().sum().mul(perSeries);
    return Objective.Value.of(kl.sub(logLikelihood)).with("log_likelihood", logLikelihood).with("kl", kl);
  }
}
