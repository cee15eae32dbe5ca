package org.nodelab.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nodelab.testing.GradCheck;

/**
 * The fused rank-one tanh units against the same formula written with other tensor operations
 * (1e-12), and their gradients against central differences (1e-7 relative); a width of 6 exercises
 * the vector loops' tails.
 */
class RankOneUnitsTest {
  private static final Tensor Z = Tensor.randn(1, 5, 3);
  private static final Tensor W = Tensor.randn(2, 3, 6);
  private static final Tensor B = Tensor.randn(3, 6);
  private static final Tensor U = Tensor.randn(4, 6, 3);
  private static final Tensor C = Tensor.randn(5, 6);

  private static Tensor composite(Tensor z, Tensor w, Tensor b, Tensor u, Tensor c, double scale) {
    Tensor h = z.matmul(w).add(b).tanh();
    Tensor div = h.square().neg().add(1).matmul(c.reshape(-1, 1)).mul(scale);
    return Tensor.concat(1, h.matmul(u).mul(scale), div);
  }

  @Test
  void valuesMatchTheCompositeFormula() {
    double[] fused = Tensor.rankOneUnits(Z, W, B, U, C, 0.25).toArray();
    double[] reference = composite(Z, W, B, U, C, 0.25).toArray();
    assertEquals(reference.length, fused.length);
    for (int i = 0; i < fused.length; i++) {
      assertEquals(reference[i], fused[i], 1e-12, "element " + i);
    }
  }

  @Test
  void gradientsMatchCentralDifferences() {
    GradCheck.check(xs -> Tensor.rankOneUnits(xs.get(0), xs.get(1), xs.get(2), xs.get(3), xs.get(4), 0.25),
        7, 1e-7, Z, W, B, U, C);
  }

  @Test
  void recordedGradientsAreDifferentiableAgain() {
    Tensor z = Z.detach().requiresGrad();
    Tensor w = W.detach().requiresGrad();
    Tensor seed = Tensor.randn(6, 5, 4);
    List<Tensor> fused = Tensor.gradients(
        Tensor.rankOneUnits(z, w, B, U, C, 0.25), seed, List.of(z), true);
    List<Tensor> reference = Tensor.gradients(composite(z, w, B, U, C, 0.25), seed, List.of(z), true);
    double[] second = Tensor.gradients(fused.get(0).square().sum(), Tensor.scalar(1), List.of(w)).get(0).toArray();
    double[] expected =
        Tensor.gradients(reference.get(0).square().sum(), Tensor.scalar(1), List.of(w)).get(0).toArray();
    for (int i = 0; i < second.length; i++) {
      assertEquals(expected[i], second[i], 1e-10, "element " + i);
    }
  }
}
