package org.nodelab.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.gson.JsonObject;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nodelab.tensor.Tensor;
import org.nodelab.testing.GradCheck;

/**
 * The Gaussian log-density and KL divergence against {@code torch.distributions} (float64, 1e-13),
 * the special cases against the general formulas, the reparameterised sample's moments against
 * its distribution, and every gradient against central differences along random directions.
 */
class GaussiansTest {
  @Test
  void densityAndDivergenceMatchTorchDistributions() throws Exception {
    JsonObject g = RecurrentCellTest.reference().getAsJsonObject("gaussians");
    Tensor m1 = Tensor.of(RecurrentCellTest.values(g, "mean1"));
    Tensor lv1 = Tensor.of(RecurrentCellTest.values(g, "logvar1"));
    Tensor m2 = Tensor.of(RecurrentCellTest.values(g, "mean2"));
    Tensor lv2 = Tensor.of(RecurrentCellTest.values(g, "logvar2"));
    Tensor x = Tensor.of(RecurrentCellTest.values(g, "x"));
    assertArrayEquals(RecurrentCellTest.values(g, "kl"), Gaussians.kl(m1, lv1, m2, lv2).toArray(), 1e-13);
    assertArrayEquals(RecurrentCellTest.values(g, "log_prob"), Gaussians.logDensity(x, m1, lv1).toArray(), 1e-13);
  }

  @Test
  void specialCasesAgreeWithTheGeneralFormulas() {
    Tensor m = Tensor.randn(1, 3, 4);
    Tensor lv = Tensor.randn(2, 3, 4);
    Tensor zeros = Tensor.zeros(3, 4);
    assertArrayEquals(Gaussians.kl(m, lv, zeros, zeros).toArray(), Gaussians.klToStandard(m, lv).toArray(), 1e-14);
    Tensor x = Tensor.randn(3, 3, 4);
    double sigma = 0.3;
    assertArrayEquals(Gaussians.logDensity(x, m, Tensor.full(2 * Math.log(sigma), 3, 4)).toArray(),
        Gaussians.logLikelihood(x, m, sigma, null).toArray(), 1e-12);
    Tensor mask = Tensor.of(new double[] {1, 0, 1, 1, 0, 0, 1, 1, 1, 1, 1, 0}, 3, 4);
    double[] masked = Gaussians.logLikelihood(x, m, sigma, mask).toArray();
    assertEquals(0, masked[1], 0);
    assertEquals(0, masked[4], 0);
    assertThrows(IllegalArgumentException.class, () -> Gaussians.logLikelihood(x, m, 0, null));
  }

  @Test
  void reparameterisedSamplesHaveTheRightMomentsAndRepeatWithTheSeed() {
    int n = 200_000;
    Tensor mean = Tensor.full(1.5, n);
    Tensor logVar = Tensor.full(Math.log(0.25), n);
    double[] z = Gaussians.sample(mean, logVar, new SplittableRandom(4)).toArray();
    double sum = 0;
    double sumSq = 0;
    for (double v : z) {
      sum += v;
      sumSq += (v - 1.5) * (v - 1.5);
    }
    assertEquals(1.5, sum / n, 5 * 0.5 / Math.sqrt(n), "mean within 5 standard errors");
    assertEquals(0.25, sumSq / n, 5 * 0.25 * Math.sqrt(2.0 / n), "variance within 5 standard errors");
    assertArrayEquals(z, Gaussians.sample(mean, logVar, new SplittableRandom(4)).toArray(), 0.0, "same seed");
  }

  @Test
  void gradientsMatchCentralDifferences() {
    Tensor m1 = Tensor.randn(5, 2, 3);
    Tensor lv1 = Tensor.randn(6, 2, 3).mul(0.5);
    Tensor m2 = Tensor.randn(7, 2, 3);
    Tensor lv2 = Tensor.randn(8, 2, 3).mul(0.5);
    Tensor x = Tensor.randn(9, 2, 3);
    GradCheck.check(v -> Gaussians.kl(v.get(0), v.get(1), v.get(2), v.get(3)), 10, 1e-7, m1, lv1, m2, lv2);
    GradCheck.check(v -> Gaussians.klToStandard(v.get(0), v.get(1)), 11, 1e-7, m1, lv1);
    GradCheck.check(v -> Gaussians.logDensity(v.get(0), v.get(1), v.get(2)), 12, 1e-7, x, m1, lv1);
    GradCheck.check(v -> Gaussians.logLikelihood(v.get(0), v.get(1), 0.3, null), 13, 1e-7, x, m1);
    GradCheck.check(v -> Gaussians.sample(v.get(0), v.get(1), new SplittableRandom(3)), 14, 1e-7, m1, lv1);
  }
}
