package org.nodelab.ode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The tableau constants are valid; invalid tableaus are refused with a message naming method and row. */
class ButcherTableauTest {

  /** Tableau, stages, order, embedded order, FSAL, dense terms (the table of the built-in methods). */
  static Stream<Arguments> constants() {
    return Stream.of(
        Arguments.of(Tableaus.EULER, 1, 1, 0, false, 1),
        Arguments.of(Tableaus.MIDPOINT, 2, 2, 0, false, 2),
        Arguments.of(Tableaus.HEUN, 2, 2, 0, false, 2),
        Arguments.of(Tableaus.RK4, 4, 4, 0, false, 4),
        Arguments.of(Tableaus.BOSH3, 4, 3, 2, true, 4),
        Arguments.of(Tableaus.DOPRI5, 7, 5, 4, true, 7),
        Arguments.of(Tableaus.DOPRI5_SHAMPINE, 7, 5, 4, true, 7),
        Arguments.of(Tableaus.TSIT5, 7, 5, 4, true, 7),
        Arguments.of(Tableaus.DOPRI8, 12, 8, 7, false, 16));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("constants")
  void everyConstantIsAValidTableau(ButcherTableau tab, int stages, int order, int errorOrder, boolean fsal,
      int denseTerms) {
    assertEquals(stages, tab.stages());
    assertEquals(order, tab.order());
    assertEquals(errorOrder, tab.errorOrder());
    assertEquals(fsal, tab.isFsal());
    assertEquals(denseTerms, tab.denseTerms());
    assertEquals(errorOrder > 0, tab.isAdaptive());
    double bSum = 0;
    double eSum = 0;
    for (int i = 0; i < stages; i++) {
      double rowSum = 0;
      for (int j = 0; j < i; j++) {
        rowSum += tab.a(i, j);
      }
      assertEquals(tab.c(i), rowSum, 1e-14, tab.name() + " row " + i);
      bSum += tab.b(i);
      eSum += tab.isAdaptive() ? tab.e(i) : 0;
    }
    assertEquals(1, bSum, 1e-14);
    assertEquals(0, eSum, 1e-14);
  }

  @Test
  void aRowWhoseSumIsNotCIsRefusedNamingMethodAndRow() {
    var e = assertThrows(IllegalArgumentException.class, () -> ButcherTableau.explicit(
        "wobbly", 2, new double[] {0, 0.5, 1}, new double[][] {{}, {0.5}, {0.5, 0.4}}, new double[] {0, 0.5, 0.5}));
    assertEquals("wobbly: row-sum condition Σⱼ a[2][j] = c[2] fails: 0.9 ≠ 1.0", e.getMessage());
  }

  @Test
  void weightsThatDoNotSumToOneAreRefused() {
    var e = assertThrows(IllegalArgumentException.class, () -> ButcherTableau.explicit(
        "heavy", 2, new double[] {0, 0.5}, new double[][] {{}, {0.5}}, new double[] {0.5, 0.75}));
    assertTrue(e.getMessage().startsWith("heavy: weights b must sum to 1, they sum to 1.25"), e.getMessage());
  }

  @Test
  void errorWeightsThatDoNotSumToZeroAreRefused() {
    var e = assertThrows(IllegalArgumentException.class, () -> ButcherTableau.embedded(
        "leaky", 2, 1, new double[] {0, 1}, new double[][] {{}, {1}}, new double[] {0.5, 0.5},
        new double[] {0.9, 0}, null));
    assertTrue(e.getMessage().startsWith("leaky: error weights e = b − b̂ must sum to 0"), e.getMessage());
  }

  @Test
  void implicitOrMisshapenRowsAreRefused() {
    var implicit = assertThrows(IllegalArgumentException.class, () -> ButcherTableau.explicit(
        "implicit", 2, new double[] {0, 0.5}, new double[][] {{}, {0.25, 0.25}}, new double[] {0, 1}));
    assertEquals("implicit: row a[1] needs 1 entries (explicit method), got 2", implicit.getMessage());
    var c0 = assertThrows(IllegalArgumentException.class, () -> ButcherTableau.explicit(
        "late", 1, new double[] {0.5}, new double[][] {{}}, new double[] {1}));
    assertTrue(c0.getMessage().contains("starts with c0 = 0"), c0.getMessage());
    var bHat = assertThrows(IllegalArgumentException.class, () -> ButcherTableau.embedded(
        "short", 2, 1, new double[] {0, 1}, new double[][] {{}, {1}}, new double[] {0.5, 0.5}, new double[] {1}, null));
    assertEquals("short: b̂ needs 2 entries, got 1", bHat.getMessage());
  }

  @Test
  void aDenseOutputMustReproduceTheStepAtItsEnds() {
    var end = assertThrows(IllegalArgumentException.class, () -> ButcherTableau.explicit(
        "drifting", 2, new double[] {0, 1}, new double[][] {{}, {1}}, new double[] {0.5, 0.5},
        (theta, w) -> {
          w[0] = theta;
          w[1] = 0;
        }));
    assertTrue(end.getMessage().startsWith("drifting: dense output must give b at θ = 1, term 0"), end.getMessage());
    var extra = assertThrows(IllegalArgumentException.class, () -> Tableaus.HEUN.withDenseOutput(
        (theta, w) -> { }, new double[] {0.5}, new double[][] {{0.25, 0.25}}));
    assertEquals("heun: extra dense stage 0 needs 3 coefficients, got 2", extra.getMessage());
  }

  @Test
  void coefficientsAreCopiedAtConstruction() {
    double[] c = {0, 0.5};
    double[][] a = {{}, {0.5}};
    double[] b = {0, 1};
    ButcherTableau midpoint = ButcherTableau.explicit("copy", 2, c, a, b);
    c[1] = 7;
    a[1][0] = 7;
    b[1] = 7;
    assertEquals(0.5, midpoint.c(1));
    assertEquals(0.5, midpoint.a(1, 0));
    assertEquals(1, midpoint.b(1));
    assertEquals(Tableaus.MIDPOINT, ButcherTableau.explicit("midpoint", 2, new double[] {0, 0.5},
        new double[][] {{}, {0.5}}, new double[] {0, 1}));
  }

  @Test
  void shampinesEstimatorChangesOnlyTheErrorWeights() {
    ButcherTableau dp = Tableaus.DOPRI5;
    ButcherTableau shampine = Tableaus.DOPRI5_SHAMPINE;
    for (int i = 0; i < dp.stages(); i++) {
      assertEquals(dp.b(i), shampine.b(i));
      assertEquals(dp.c(i), shampine.c(i));
    }
    // e = b − b̂ with Shampine's b̂₀ = 1951/21600 against Dormand–Prince's 5179/57600.
    assertEquals(35.0 / 384 - 1951.0 / 21600, shampine.e(0), 1e-16);
    assertEquals(35.0 / 384 - 5179.0 / 57600, dp.e(0), 1e-16);
    assertFalse(dp.equals(shampine));
  }

  @Test
  void describesItself() {
    assertEquals("dopri5 (order 5, 7 stages, embedded order 4)", Tableaus.DOPRI5.toString());
    assertEquals("rk4 (order 4, 4 stages)", Tableaus.RK4.toString());
  }
}
