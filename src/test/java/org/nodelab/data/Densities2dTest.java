package org.nodelab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nodelab.tensor.Tensor;

/**
 * The 2-D targets against their definitions: radii and noise of the circles, the moons' transform
 * of scikit-learn's moons, the eight centres, the pinwheel's radial law, the checkerboard's squares
 * (statistical checks on 20000 points with bounds of several standard errors).
 */
class Densities2dTest {
  private static final int N = 20000;

  @Test
  void twoCirclesHaveRadiiOneAndAHalfWithNoise006() {
    double[] p = Densities2d.TWO_CIRCLES.sample(N, 1).toArray();
    int outer = 0;
    double sum = 0;
    double squares = 0;
    for (int i = 0; i < N; i++) {
      double r = Math.hypot(p[2 * i], p[2 * i + 1]);
      double d = r > 0.75 ? r - 1 : r - 0.5;
      outer += r > 0.75 ? 1 : 0;
      sum += d;
      squares += d * d;
    }
    assertEquals(N / 2, outer);
    assertEquals(0, sum / N, 0.004, "mean distance to the circle (noise shifts the radius by σ²/2r ≈ 0.002–0.004)");
    assertEquals(0.06, Math.sqrt(squares / N), 0.003, "spread around the circles");
  }

  @Test
  void everyTargetIsReproducibleAndShaped() {
    for (Densities2d d : Densities2d.values()) {
      Tensor a = d.sample(100, 3);
      assertArrayEquals(new int[] {100, 2}, a.shape());
      assertArrayEquals(a.toArray(), d.sample(100, 3).toArray(), 0, d.title());
      assertEquals(4, d.range().length);
    }
    assertThrows(IllegalArgumentException.class, () -> Densities2d.PINWHEEL.sample(0, 1));
  }

  @Test
  void checkerboardPointsLieOnItsDarkSquares() {
    double[] p = Densities2d.CHECKERBOARD.sample(N, 2).toArray();
    for (int i = 0; i < N; i++) {
      double x = p[2 * i];
      double y = p[2 * i + 1];
      assertTrue(x >= -4 && x < 4 && y >= -4 && y < 4, "inside the board: " + x + ", " + y);
      assertEquals(0, Math.floorMod((int) Math.floor(x / 2) + (int) Math.floor(y / 2), 2), "square of " + x + ", " + y);
    }
  }

  @Test
  void eightGaussiansSitAroundACircleOfRadiusFourOverRootTwo() {
    double[] p = Densities2d.EIGHT_GAUSSIANS.sample(N, 4).toArray();
    double radius = 0;
    for (int i = 0; i < N; i++) {
      radius += Math.hypot(p[2 * i], p[2 * i + 1]);
    }
    assertEquals(4 / 1.414, radius / N, 0.03);
  }

  @Test
  void moonsAreScikitLearnMoonsScaledAndShifted() {
    double[] p = Densities2d.TWO_MOONS.sample(N, 5).toArray();
    double mx = 0;
    double my = 0;
    for (int i = 0; i < N; i++) {
      mx += p[2 * i];
      my += p[2 * i + 1];
    }
    // Means of the noise-free moons: x̄ = ½(E cos + 1 − E cos) = 0.5, ȳ = ½(2/π + 0.5 − 2/π) = 0.25.
    assertEquals(2 * 0.5 - 1, mx / N, 0.01);
    assertEquals(2 * 0.25 - 0.2, my / N, 0.01);
  }

  @Test
  void pinwheelRadiiFollowTheirNormalLaw() {
    double[] p = Densities2d.PINWHEEL.sample(N, 6).toArray();
    double r = 0;
    for (int i = 0; i < N; i++) {
      r += Math.hypot(p[2 * i], p[2 * i + 1]) / 2;
    }
    // |(ρ, τ)| with ρ ~ N(1, 0.3²), τ ~ N(0, 0.1²): mean ≈ E ρ + E τ²/(2ρ) ≈ 1.005.
    assertEquals(1.005, r / N, 0.01);
  }
}
