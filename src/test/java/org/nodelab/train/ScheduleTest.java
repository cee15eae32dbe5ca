package org.nodelab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Learning-rate schedules against PyTorch 1.13's schedulers (values from
 * {@code train/lr_schedules_reference.py}) and against rates computed by hand.
 */
class ScheduleTest {
  private static final double BASE = 0.1;

  private static JsonObject reference() {
    try (var in = ScheduleTest.class.getResourceAsStream("/train/lr_schedules_reference.json")) {
      return JsonParser.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8)).getAsJsonObject();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void assertRates(String key, Schedule schedule) {
    var expected = reference().getAsJsonArray(key);
    Schedule.Run run = schedule.start(BASE);
    for (int n = 0; n < expected.size(); n++) {
      assertEquals(expected.get(n).getAsDouble(), run.lr(n), 1e-15, key + " at step " + (n + 1));
    }
  }

  @Test
  void stepDecayMatchesPyTorchsStepLr() {
    assertRates("step_3_0.5", Schedule.step(3, 0.5));
    assertEquals(0.1 * 0.25, Schedule.step(3, 0.5).start(0.1).lr(6), 0.0, "two halvings after 6 steps");
  }

  @Test
  void exponentialDecayMatchesPyTorchsExponentialLr() {
    assertRates("exponential_0.9", Schedule.exponential(0.9));
  }

  @Test
  void cosineMatchesPyTorchsCosineAnnealingLrAlsoPastItsPeriod() {
    assertRates("cosine_8_0.01", Schedule.cosine(8, 0.01));
    // by hand: halfway, (η + η_min)/2
    assertEquals((0.1 + 0.01) / 2, Schedule.cosine(8, 0.01).start(0.1).lr(4), 1e-17);
  }

  @Test
  void linearWarmupThenCosineMatchesPyTorchsSequentialLr() {
    assertRates("warmup_4_0.25_cosine_10_0.001", Schedule.cosine(10, 0.001).warmup(4, 0.25));
    assertEquals(0.1 * (0.25 + 0.75 * 2 / 4), Schedule.cosine(10, 0.001).warmup(4, 0.25).start(0.1).lr(2), 1e-17);
  }

  @Test
  void reduceOnPlateauMatchesPyTorchsReduceLrOnPlateau() {
    var metrics = reference().getAsJsonArray("plateau_metrics");
    var expected = reference().getAsJsonArray("plateau_0.5_2_cooldown_1_min_0.02");
    Schedule.Run run = Schedule.reduceOnPlateau().factor(0.5).patience(2).cooldown(1).minLr(0.02).start(BASE);
    for (int n = 0; n < metrics.size(); n++) {
      assertEquals(expected.get(n).getAsDouble(), run.lr(n), 1e-15, "step " + (n + 1));
      run.observe(metrics.get(n).getAsDouble());
    }
  }

  @Test
  void constantKeepsTheBaseRate() {
    assertEquals(0.3, Schedule.constant().start(0.3).lr(1000), 0.0);
  }

  @Test
  void badSettingsAreExplained() {
    var e = assertThrows(IllegalArgumentException.class, () -> Schedule.step(0, 0.5));
    assertEquals("stepSize must be positive, got 0", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Schedule.exponential(1.5));
    assertThrows(IllegalArgumentException.class, () -> Schedule.cosine(10, 0).warmup(3, 0));
    assertThrows(IllegalArgumentException.class, () -> Schedule.reduceOnPlateau().factor(1));
  }

  @Test
  void clippingByNormScalesByMaxOverNormLikeClipGradNorm() {
    double[][] g = {{3, 0}, {4}};
    double norm = Clipping.globalNorm(g);
    assertEquals(5, norm, 0.0);
    Clipping.norm(1).clip(g, norm);
    double c = 1 / (5 + 1e-6);
    assertEquals(3 * c, g[0][0], 1e-16);
    assertEquals(4 * c, g[1][0], 1e-16);
    double[][] small = {{0.3, 0.4}};
    Clipping.norm(1).clip(small, Clipping.globalNorm(small));
    assertEquals(0.3, small[0][0], 0.0, "below the limit nothing changes");
  }

  @Test
  void clippingByValueClampsEachComponent() {
    double[][] g = {{-3, 0.2}, null, {0.7}};
    Clipping.value(0.5).clip(g, Clipping.globalNorm(g));
    assertEquals(-0.5, g[0][0], 0.0);
    assertEquals(0.2, g[0][1], 0.0);
    assertEquals(0.5, g[2][0], 0.0);
  }
}
