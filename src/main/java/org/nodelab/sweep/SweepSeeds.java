package org.nodelab.sweep;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Seeds of sweep tasks: SplitMix64 (Steele, Lea and Flood 2014) folded over the sweep's seed, the
 * UTF-8 bytes of each parameter's name and value identity, and the repetition. A task's seed depends
 * on what it computes only, so every engine gives it the same seed.
 */
public final class SweepSeeds {
  private SweepSeeds() {}

  /**
   * The seed of one configuration and repetition.
   *
   * @param sweepSeed the sweep's seed
   * @param values the parameter values by name
   * @param repetition the repetition, from 0
   * @return a 64-bit seed
   */
  public static long of(long sweepSeed, Map<String, Object> values, int repetition) {
    long h = mix(sweepSeed);
    for (Map.Entry<String, Object> e : values.entrySet()) {
      h = fold(h, e.getKey());
      h = fold(h, Values.identity(e.getValue()));
    }
    return mix(h ^ mix(repetition + 0x9E3779B97F4A7C15L));
  }

  private static long fold(long h, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    h = mix(h ^ bytes.length);
    for (byte b : bytes) {
      h = mix(h ^ (b & 0xff));
    }
    return h;
  }

  /** SplitMix64's finaliser of {@code z + golden gamma}. */
  static long mix(long z) {
    z += 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
