package org.nodelab.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NiceTicksTest {
  @Test
  void stepsAreOneTwoOrFiveTimesAPowerOfTen() {
    assertEquals(5, NiceTicks.step(25, 6), 1e-12, "0..25 in at most 6 intervals: 25/6 = 4.17 -> 5");
    assertEquals(200, NiceTicks.step(999, 6), 1e-12, "999/6 = 166.5 -> 200");
    assertEquals(0.2, NiceTicks.step(1, 5), 1e-15, "1/5 = 0.2 exactly");
    assertEquals(1e-3, NiceTicks.step(7e-3, 8), 1e-18, "7e-3/8 = 8.75e-4 -> 1e-3");
    assertEquals(5e9, NiceTicks.step(1.35e10, 6), 1, "1.35e10/6 = 2.25e9 -> 5e9");
    assertThrows(IllegalArgumentException.class, () -> NiceTicks.step(0, 5));
  }

  @Test
  void labelsOfOneAxisShareOneNotation() {
    assertArrayEquals(new String[] {"1e-7", "1e-5", "1e-3"}, NiceTicks.labels(1e-7, 1e-5, 1e-3));
    assertArrayEquals(new String[] {"0", "2.5e-5", "1e-2"}, NiceTicks.labels(0, 2.5e-5, 0.01));
    assertArrayEquals(new String[] {"0.001", "0.01", "0.1"}, NiceTicks.labels(1e-3, 1e-2, 1e-1));
    assertArrayEquals(new String[] {"10", "100", "1000"}, NiceTicks.labels(10, 100, 1000));
    assertArrayEquals(new String[] {"1e3", "1.5e6"}, NiceTicks.labels(1000, 1.5e6));
    assertThrows(IllegalArgumentException.class, () -> NiceTicks.labels(1, Double.NaN));
  }

  @Test
  void ticksAreTheStepsMultiplesInsideTheRange() {
    assertArrayEquals(new double[] {0, 5, 10, 15, 20, 25}, NiceTicks.ticks(0, 25, 6), 1e-12);
    assertArrayEquals(new double[] {200, 400, 600, 800, 1000}, NiceTicks.ticks(1, 1000, 6), 1e-12);
    assertArrayEquals(new double[] {0, 5e9, 1e10}, NiceTicks.ticks(0, 1.35e10, 6), 1);
    assertArrayEquals(new double[] {-0.4, -0.2, 0, 0.2, 0.4}, NiceTicks.ticks(-0.5, 0.5, 5), 1e-15);
    assertArrayEquals(new double[] {1900, 1905, 1910, 1915, 1920}, NiceTicks.ticks(1900, 1920, 6), 1e-9);
  }

  @Test
  void labelsHaveNoMoreDigitsThanNeeded() {
    assertEquals("0", NiceTicks.label(0));
    assertEquals("5", NiceTicks.label(5));
    assertEquals("0.3", NiceTicks.label(0.1 + 0.2));
    assertEquals("-0.4", NiceTicks.label(-0.4));
    assertEquals("1000", NiceTicks.label(1000));
    assertEquals("1e-12", NiceTicks.label(1e-12));
    assertEquals("2.5e-7", NiceTicks.label(2.5e-7));
    assertEquals("1.5e10", NiceTicks.label(1.5e10));
    assertEquals("1e6", NiceTicks.label(1e6));
    assertEquals("0.0001", NiceTicks.label(1e-4));
  }

  @Test
  void decadesAreCountedOnPositiveValues() {
    assertTrue(NiceTicks.spansDecades(1e-12, 1e-2, 1));
    assertFalse(NiceTicks.spansDecades(2, 15, 1));
    assertFalse(NiceTicks.spansDecades(-1, 100, 1));
  }
}
