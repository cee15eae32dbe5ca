package org.nodelab.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The processor a benchmark ran on, from {@code /proc/cpuinfo} (Linux): its model name and the
 * widest SIMD registers its flags announce ({@code avx512f}: 512 bits, {@code avx2}: 256, {@code
 * sse2}: 128; 0 where unknown).
 *
 * @param model the model name, or {@code "unknown"}
 * @param vectorBits the register width in bits
 */
public record Cpu(String model, int vectorBits) {

  /** This machine's processor. */
  public static Cpu here() {
    try {
      return parse(Files.readAllLines(Path.of("/proc/cpuinfo")));
    } catch (IOException | RuntimeException e) {
      return new Cpu(System.getProperty("os.arch", "unknown"), 0);
    }
  }

  /** The first processor described by {@code /proc/cpuinfo} lines. */
  public static Cpu parse(List<String> lines) {
    String model = "unknown";
    int bits = 0;
    for (String line : lines) {
      int colon = line.indexOf(':');
      if (colon < 0) {
        continue;
      }
      String key = line.substring(0, colon).trim();
      String value = line.substring(colon + 1).trim();
      if (key.equals("model name") && model.equals("unknown")) {
        model = value;
      } else if (key.equals("flags") && bits == 0) {
        List<String> flags = List.of(value.toLowerCase(Locale.ROOT).split("\\s+"));
        bits = flags.contains("avx512f") ? 512 : flags.contains("avx2") ? 256 : flags.contains("sse2") ? 128 : 0;
      }
    }
    return new Cpu(model, bits);
  }

  /** JSON fields {@code "cpu": ..., "cpu_vector_bits": ...} (no braces). */
  public String json() {
    return String.format(Locale.ROOT, "\"cpu\": \"%s\", \"cpu_vector_bits\": %d",
        model.replace("\\", "\\\\").replace("\"", "\\\""), vectorBits);
  }
}
