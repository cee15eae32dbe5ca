package org.nodelab.ode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nodelab.testing.RootedTrees;
import org.nodelab.testing.RootedTrees.Coefficients;
import org.nodelab.testing.RootedTrees.Tree;

/**
 * Butcher's order conditions {@code Σ bᵢΦᵢ(t) = 1/γ(t)} over all rooted trees up to each method's
 * order (1, 2, 4, 8, 17, 37, 85, 200 conditions for orders 1 to 8), for the solution weights, the
 * embedded weights, and the dense output at several θ.
 */
class OrderConditionsTest {
  private static final double TOL = 1e-12;
  private static final double[] THETAS = {0.1, 0.25, 0.5, 0.8, 1};

  static Stream<ButcherTableau> tableaus() {
    return Stream.of(Tableaus.EULER, Tableaus.MIDPOINT, Tableaus.HEUN, Tableaus.RK4, Tableaus.BOSH3,
        Tableaus.DOPRI5, Tableaus.DOPRI5_SHAMPINE, Tableaus.TSIT5, Tableaus.DOPRI8);
  }

  /** Methods with an interpolant over their stages and its order (Hairer's "continuous order"). */
  static Stream<Arguments> denseOutputs() {
    return Stream.of(Arguments.of(Tableaus.DOPRI5, 4), Arguments.of(Tableaus.TSIT5, 4),
        Arguments.of(Tableaus.DOPRI8, 7));
  }

  @Test
  void theTreesAreTheKnownSequence() {
    int[] expected = {1, 1, 2, 4, 9, 20, 48, 115};
    for (int n = 1; n <= 8; n++) {
      assertEquals(expected[n - 1], RootedTrees.ofOrder(n).size(), "trees of order " + n);
    }
    // The four conditions of order 4 by hand: Σbc³ = 1/4, Σbc(Ac) = 1/8, Σb(Ac²) = 1/12, Σb(A(Ac)) = 1/24.
    double[] gammas = RootedTrees.ofOrder(4).stream().mapToDouble(Tree::gamma).sorted().toArray();
    assertEquals(4, gammas[0]);
    assertEquals(8, gammas[1]);
    assertEquals(12, gammas[2]);
    assertEquals(24, gammas[3]);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("tableaus")
  void solutionWeightsSatisfyEveryConditionUpToTheOrderAndNoMore(ButcherTableau tab) {
    double[] b = weights(tab, false);
    for (int n = 1; n <= tab.order(); n++) {
      for (Tree t : RootedTrees.ofOrder(n)) {
        assertEquals(0, RootedTrees.residual(tab, b, t), TOL, tab.name() + " tree " + t.key());
      }
    }
    double worst = 0;
    for (Tree t : RootedTrees.ofOrder(tab.order() + 1)) {
      worst = Math.max(worst, Math.abs(RootedTrees.residual(tab, b, t)));
    }
    assertTrue(worst > 1e-6, tab.name() + " should not reach order " + (tab.order() + 1) + ": " + worst);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("tableaus")
  void embeddedWeightsHaveTheirStatedOrder(ButcherTableau tab) {
    if (!tab.isAdaptive() || tab.hasSecondErrorEstimate()) {
      return;
    }
    double[] bHat = weights(tab, true);
    for (int n = 1; n <= tab.errorOrder(); n++) {
      for (Tree t : RootedTrees.ofOrder(n)) {
        assertEquals(0, RootedTrees.residual(tab, bHat, t), TOL, tab.name() + " b̂, tree " + t.key());
      }
    }
  }

  @Test
  void dop853sEstimatorsAreOfOrdersFiveAndThree() {
    ButcherTableau tab = Tableaus.DOPRI8;
    double[] b3 = new double[tab.stages()];
    for (int i = 0; i < b3.length; i++) {
      b3[i] = tab.b(i) - tab.e3(i);
    }
    for (int n = 1; n <= 3; n++) {
      for (Tree t : RootedTrees.ofOrder(n)) {
        assertEquals(0, RootedTrees.residual(tab, b3, t), TOL, "third-order weights, tree " + t.key());
      }
    }
    // Hairer's e5 is a scaled difference b − b̂₅: it annihilates every condition up to order 5.
    double[] e5 = new double[tab.stages()];
    for (int i = 0; i < e5.length; i++) {
      e5[i] = tab.e(i);
    }
    for (int n = 1; n <= 5; n++) {
      for (Tree t : RootedTrees.ofOrder(n)) {
        double sum = RootedTrees.residual(tab, e5, t) + 1 / t.gamma();
        assertEquals(0, sum, TOL, "fifth-order estimate, tree " + t.key());
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("denseOutputs")
  void denseOutputSatisfiesTheContinuousConditionsOfItsOrder(ButcherTableau tab, int order) {
    Coefficients all = Coefficients.dense(tab);
    double[] w = new double[tab.denseTerms()];
    for (double theta : THETAS) {
      tab.interpolant().weights(theta, w);
      for (int n = 1; n <= order; n++) {
        for (Tree t : RootedTrees.ofOrder(n)) {
          assertEquals(0, RootedTrees.residual(all, w, t, theta), 1e-11,
              tab.name() + " at θ = " + theta + ", tree " + t.key());
        }
      }
    }
  }

  private static double[] weights(ButcherTableau tab, boolean embedded) {
    double[] w = new double[tab.stages()];
    for (int i = 0; i < w.length; i++) {
      w[i] = embedded ? tab.b(i) - tab.e(i) : tab.b(i);
    }
    return w;
  }
}
