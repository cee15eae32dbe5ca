package org.nodelab.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nodelab.bench.Cpu;

/** The benchmarks' processor description, from {@code /proc/cpuinfo} excerpts of the two host kinds. */
class CpuTest {

  @Test
  void avx512FlagsMeanFiveHundredTwelveBits() {
    Cpu cpu = Cpu.parse(List.of("processor\t: 0", "model name\t: Intel(R) Xeon(R) Platinum 8375C CPU @ 2.90GHz",
        "flags\t\t: fpu sse2 avx avx2 fma avx512f avx512dq", "processor\t: 1", "model name\t: other"));
    assertEquals(new Cpu("Intel(R) Xeon(R) Platinum 8375C CPU @ 2.90GHz", 512), cpu);
  }

  @Test
  void avx2WithoutAvx512MeansTwoHundredFiftySixBits() {
    Cpu cpu = Cpu.parse(List.of("model name\t: AMD EPYC", "flags\t\t: fpu sse2 avx fma avx2 bmi2"));
    assertEquals(new Cpu("AMD EPYC", 256), cpu);
    assertEquals("\"cpu\": \"AMD EPYC\", \"cpu_vector_bits\": 256", cpu.json());
  }

  @Test
  void missingLinesGiveUnknown() {
    assertEquals(new Cpu("unknown", 0), Cpu.parse(List.of("something else")));
  }
}
