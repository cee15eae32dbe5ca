package org.nodelab.ode.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The step-size controller values: immutable, documented defaults, the law on hand-computed numbers. */
class StepSizeControllerTest {

  @Test
  void everyChangeIsANewValue() {
    IController defaults = IController.defaults();
    AdaptiveController tight = PiController.hairer(defaults.withTolerances(defaults.tolerances().rtol(1e-10)
        .atol(1e-12)), 0.04).withLimits(defaults.limits().withMaxStep(0.5));
    assertEquals("rtol=1e-07, atol=1e-09", defaults.toString());
    assertEquals("rtol=1e-10, atol=1e-12, pi", tight.toString());
    assertEquals(Double.POSITIVE_INFINITY, defaults.limits().maxStep());
    assertEquals(0.5, tight.limits().maxStep());
    assertFalse(defaults.limits().initialStep().isPresent());
    assertEquals(0.9, defaults.limits().safety());
  }

  @Test
  void aConstantStepPrintsItsStepAndTolerancesTheirNorm() {
    assertEquals("step=0.25", new ConstantStep(0.25).toString());
    assertThrows(IllegalArgumentException.class, () -> new ConstantStep(0));
    assertEquals("rtol=[1e-06, 1.5e-07], atol=1e-09, norm=max",
        Tolerances.defaults().rtol(1e-6, 1.5e-7).norm(ErrorNorm.MAX).toString());
    assertEquals("rtol=1e-07, atol=1e-09, pi, norm=max",
        PiController.hairer(IController.defaults().withTolerances(Tolerances.defaults().norm(ErrorNorm.MAX)), 0.04)
            .toString());
  }

  @Test
  void theScaleIsAtolPlusRtolTimesTheLargerState() {
    Tolerances c = Tolerances.defaults().rtol(1e-3).atol(1e-6);
    assertEquals(1e-6 + 1e-3 * 4, c.scale(0, -4, 2), 1e-18);
  }

  @Test
  void theErrorRatioIsTheRmsOrMaxOfScaledErrorsTimesTheStep() {
    Tolerances c = Tolerances.defaults().rtol(0).atol(1e-3);
    double[] y = {0, 0};
    double[] err = {3e-3, 4e-3};
    // scaled errors 3 and 4: RMS √(12.5), max 4; times |h| = 0.5
    assertEquals(0.5 * Math.sqrt(12.5), c.errorRatio(-0.5, ErrorEstimate.of(err), y, y), 1e-12);
    assertEquals(0.5 * 4, c.norm(ErrorNorm.MAX).errorRatio(0.5, ErrorEstimate.of(err), y, y), 1e-12);
    // The block norm counting only the first block sees 3.
    assertEquals(0.5 * 3, c.blockNorm(new int[] {1, 1}, 1).errorRatio(0.5, ErrorEstimate.of(err), y, y), 1e-12);
    assertTrue(Double.isNaN(c.errorRatio(0.5, ErrorEstimate.of(new double[] {Double.NaN, 0}), y, y)));
  }

  @Test
  void dop853sCombinedEstimateHoldsUnderEveryNorm() {
    Tolerances c = Tolerances.defaults().rtol(0).atol(1e-3);
    double[] y = {0, 0};
    ErrorEstimate dop853 = twoEstimates(new double[] {3e-3, 4e-3}, new double[] {0, 1e-2});
    // Hairer's combination |h|·Σe5² / √((Σe5² + 0.01·Σe3²)·n) with scaled e5 = (3, 4), e3 = (0, 10).
    assertEquals(0.5 * 25 / Math.sqrt((25 + 0.01 * 100) * 2), c.errorRatio(0.5, dop853, y, y), 1e-12);
    // One block covering the state is the plain RMS path.
    assertEquals(c.errorRatio(0.5, dop853, y, y), c.blockNorm(new int[] {2}, 1).errorRatio(0.5, dop853, y, y), 0);
    // Two blocks: the larger of 9/√9 = 3 and 16/√(16 + 1) (the second estimate enters the second block).
    assertEquals(0.5 * 16 / Math.sqrt(17), c.blockNorm(new int[] {1, 1}, 2).errorRatio(0.5, dop853, y, y), 1e-12);
    // Max norm: e5 = 4, e3 = 10 give 16 / √(16 + 1).
    assertEquals(0.5 * 16 / Math.sqrt(17), c.norm(ErrorNorm.MAX).errorRatio(0.5, dop853, y, y), 1e-12);
  }

  /** DOP853's estimate pair with its combination written out by hand (not read from the tableau). */
  private static ErrorEstimate twoEstimates(double[] e5, double[] e3) {
    return new ErrorEstimate() {
      @Override
      public double[] primary() {
        return e5;
      }

      @Override
      public double[] secondary() {
        return e3;
      }

      @Override
      public double combine(double sq5, double sq3, int n) {
        return sq5 == 0 && sq3 == 0 ? 0 : sq5 / Math.sqrt((sq5 + 0.01 * sq3) * n);
      }
    };
  }

  @Test
  void stepFactorsFollowScipysLawAndHairersPiLaw() {
    IController c = IController.defaults();
    assertEquals(0.9 * Math.pow(0.5, -0.2), c.acceptFactor(0.5, 1e-4, false, 4), 1e-15);
    assertEquals(10, c.acceptFactor(1e-12, 1e-4, false, 4), 0);
    assertEquals(1, c.acceptFactor(1e-12, 1e-4, true, 4), 0, "no growth right after a rejection");
    assertEquals(0.2, c.rejectFactor(1e9, 4), 0);
    assertEquals(0.9 * Math.pow(2, -0.2), c.rejectFactor(2, 4), 1e-15);
    assertEquals(0.2, c.rejectFactor(Double.NaN, 4), 0);
    PiController pi = PiController.hairer(c, 0.04);
    assertEquals(0.9 * Math.pow(0.5, -0.17) * Math.pow(0.3, 0.04), pi.acceptFactor(0.5, 0.3, false, 4), 1e-15);
    PiController given = PiController.of(c, 0.3, 0.1);
    assertEquals(0.9 * Math.pow(0.5, -0.3) * Math.pow(0.3, 0.1), given.acceptFactor(0.5, 0.3, false, 4), 1e-15);
  }

  /**
   * Gustafsson's law as scipy's Radau writes it ({@code predict_factor}): {@code min(1, (h/h_old)·
   * (err_old/err)^{1/4})·err^{−1/4}}, times the safety; the I law on the first step.
   */
  @Test
  void predictiveLawFollowsGustafsson() {
    PredictiveController p = PredictiveController.of(IController.defaults());
    assertEquals(0.9 * Math.pow(0.5, -0.25), p.acceptFactor(0.5, 0.3, Double.NaN, false, 3), 1e-15);
    double shrinking = 0.9 * Math.min(1, 1.5 * Math.pow(0.1 / 0.5, 0.25)) * Math.pow(0.5, -0.25);
    assertEquals(shrinking, p.acceptFactor(0.5, 0.1, 1.5, false, 3), 1e-15);
    assertEquals(0.9 * Math.pow(0.5, -0.25), p.acceptFactor(0.5, 0.9, 1.5, false, 3), 1e-15,
        "a prediction above 1 is capped, giving the I law");
    assertEquals(10, p.acceptFactor(1e-12, 0.5, 1, false, 3), 0);
  }

  @Test
  void tolerancesAndLimitsMustFitTheState() {
    var length = assertThrows(IllegalArgumentException.class,
        () -> Tolerances.defaults().atol(1e-6, 1e-6).checkStateLength(3));
    assertEquals("per-component tolerances have 2 entries but the state has 3 components", length.getMessage());
    var blocks = assertThrows(IllegalArgumentException.class,
        () -> Tolerances.defaults().blockNorm(new int[] {2, 2}, 1).checkStateLength(3));
    assertEquals("blockNorm blocks cover 4 components but the state has 3", blocks.getMessage());
    var pi = assertThrows(IllegalArgumentException.class, () -> PiController.of(IController.defaults(), 0.1, 0.2));
    assertEquals("PI control needs 0 < beta2 < beta1 < 1, got beta1 0.1, beta2 0.2", pi.getMessage());
    var safety = assertThrows(IllegalArgumentException.class, () -> StepLimits.defaults().withSafety(1.5));
    assertEquals("safety must lie in (0, 1], got 1.5", safety.getMessage());
  }
}
