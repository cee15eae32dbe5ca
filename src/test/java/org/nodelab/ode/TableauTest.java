package org.nodelab.ode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nodelab.testing.RootedTrees;

/** Every tableau satisfies the order conditions of its order (and its embedded pair of its own). */
class TableauTest {

  /** Method, residual tolerance (the decimal TSIT5 and DOP853 coefficients carry about 1e-14 rounding). */
  static Stream<Arguments> tableaus() {
    return Stream.of(
        Arguments.of(Tableaus.EULER, 1e-14), Arguments.of(Tableaus.MIDPOINT, 1e-14),
        Arguments.of(Tableaus.HEUN, 1e-14), Arguments.of(Tableaus.RK4, 1e-14),
        Arguments.of(Tableaus.BOSH3, 1e-14), Arguments.of(Tableaus.DOPRI5, 1e-14),
        Arguments.of(Tableaus.DOPRI5_SHAMPINE, 1e-14), Arguments.of(Tableaus.TSIT5, 1e-13),
        Arguments.of(Tableaus.DOPRI8, 1e-12));
  }

  @Test
  void treeCountsAreTheKnownSequence() {
    int[] expected = {1, 1, 2, 4, 9, 20, 48, 115};
    for (int n = 1; n <= 8; n++) {
      assertEquals(expected[n - 1], RootedTrees.ofOrder(n).size(), "trees of order " + n);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("tableaus")
  void satisfiesEveryOrderConditionUpToItsOrder(ButcherTableau tab, double tol) {
    double[] b = new double[tab.stages()];
    for (int i = 0; i < b.length; i++) {
      b[i] = tab.b(i);
    }
    for (int n = 1; n <= tab.order(); n++) {
      for (RootedTrees.Tree t : RootedTrees.ofOrder(n)) {
        assertEquals(0, RootedTrees.residual(tab, b, t), tol, tab.name() + " tree " + t.key());
      }
    }
    boolean violatesNext = false;
    for (RootedTrees.Tree t : RootedTrees.ofOrder(tab.order() + 1)) {
      violatesNext |= Math.abs(RootedTrees.residual(tab, b, t)) > 1e-6;
    }
    assertTrue(violatesNext, tab.name() + " should not reach order " + (tab.order() + 1));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("tableaus")
  void embeddedWeightsHaveTheirStatedOrder(ButcherTableau tab, double tol) {
    if (!tab.isAdaptive() || tab.hasSecondErrorEstimate()) {
      return;
    }
    double[] bHat = new double[tab.stages()];
    for (int i = 0; i < bHat.length; i++) {
      bHat[i] = tab.b(i) - tab.e(i);
    }
    for (int n = 1; n <= tab.errorOrder(); n++) {
      for (RootedTrees.Tree t : RootedTrees.ofOrder(n)) {
        assertEquals(0, RootedTrees.residual(tab, bHat, t), tol, tab.name() + " b̂, tree " + t.key());
      }
    }
  }

  @Test
  void dop853EstimatorsHaveOrdersFiveAndThree() {
    ButcherTableau tab = Tableaus.DOPRI8;
    double[] b5 = new double[tab.stages()];
    double[] b3 = new double[tab.stages()];
    for (int i = 0; i < b5.length; i++) {
      b5[i] = tab.b(i) - tab.e(i);
      b3[i] = tab.b(i) - tab.e3(i);
    }
    // b − e5 is not itself a method (Hairer's e5 is a scaled difference), but b − e3 has order 3.
    for (int n = 1; n <= 3; n++) {
      for (RootedTrees.Tree t : RootedTrees.ofOrder(n)) {
        assertEquals(0, RootedTrees.residual(tab, b3, t), 1e-12, "third-order weights, tree " + t.key());
      }
    }
  }

  @Test
  void fsalIsDerivedFromTheCoefficients() {
    assertTrue(Tableaus.DOPRI5.isFsal());
    assertTrue(Tableaus.TSIT5.isFsal());
    assertTrue(Tableaus.BOSH3.isFsal());
    assertFalse(Tableaus.RK4.isFsal());
    assertFalse(Tableaus.DOPRI8.isFsal());
    assertEquals(12, Tableaus.DOPRI8.stages());
  }

  @Test
  void badTableausAreRejectedWithTheReason() {
    var rowSum = assertThrows(IllegalArgumentException.class, () -> ButcherTableau.explicit(
        "bad", 2, new double[] {0, 0.5}, new double[][] {{}, {0.4}}, new double[] {0, 1}));
    assertTrue(rowSum.getMessage().contains("row-sum") && rowSum.getMessage().contains("bad"), rowSum.getMessage());
    var weights = assertThrows(IllegalArgumentException.class, () -> ButcherTableau.explicit(
        "bad", 2, new double[] {0, 0.5}, new double[][] {{}, {0.5}}, new double[] {0.5, 0.6}));
    assertTrue(weights.getMessage().contains("sum to 1"), weights.getMessage());
    var implicit = assertThrows(IllegalArgumentException.class, () -> ButcherTableau.explicit(
        "bad", 2, new double[] {0, 0.5}, new double[][] {{}, {0.25, 0.25}}, new double[] {0, 1}));
    assertTrue(implicit.getMessage().contains("row a[1]"), implicit.getMessage());
    assertThrows(IllegalArgumentException.class, () -> ButcherTableau.embedded(
        "bad", 2, 1, new double[] {0, 1}, new double[][] {{}, {1}}, new double[] {0.5, 0.5}, new double[] {1}, null));
    var dense = assertThrows(IllegalArgumentException.class, () -> ButcherTableau.embedded(
        "bad", 2, 1, new double[] {0, 1}, new double[][] {{}, {1}}, new double[] {0.5, 0.5}, new double[] {1, 0},
        (theta, w) -> { w[0] = theta; w[1] = 0; }));
    assertTrue(dense.getMessage().contains("θ = 1"), dense.getMessage());
  }

  @Test
  void describesItself() {
    assertEquals("dopri5 (order 5, 7 stages, embedded order 4)", Tableaus.DOPRI5.toString());
    assertEquals(List.of("rk4"), List.of(Solvers.rk4().name()));
  }
}
