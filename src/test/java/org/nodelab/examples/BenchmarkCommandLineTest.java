package org.nodelab.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The benchmark programs' command lines, run as the launcher runs them: in a JVM of their own, through CommandMain. */
class BenchmarkCommandLineTest {

  private record Run(int status, String out, String err) {}

  private static Run run(String mainClass, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"), "org.nodelab.io.CommandMain", mainClass));
    command.addAll(List.of(args));
    Path errors = Files.createTempFile("bench", ".err");
    try {
      Process p = new ProcessBuilder(command).redirectError(errors.toFile()).start();
      p.getOutputStream().close();
      var out = p.getInputStream().readAllBytes();
      assertTrue(p.waitFor(120, TimeUnit.SECONDS), "benchmark did not finish");
      return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8), Files.readString(errors));
    } finally {
      Files.deleteIfExists(errors);
    }
  }

  @Test
  void spiralRefusesZeroIterationsAndUnknownOptionsWithUsageAndStatusTwo() throws Exception {
    for (String[] args : new String[][] {{"--iterations", "0"}, {"--frobnicate"}, {"--threads", "0"}}) {
      Run r = run("org.nodelab.bench.SpiralBenchmark", args);
      assertEquals(2, r.status(), String.join(" ", args));
      assertTrue(r.err().contains("usage: ./nodelab bench spiral"), r.err());
    }
  }

  @Test
  void spiralEndsWithOneJsonLineHoldingTheIssuesFields() throws Exception {
    Run r = run("org.nodelab.bench.SpiralBenchmark", "--iterations", "25", "--gradients", "adjoint", "--threads", "1");
    assertEquals(0, r.status(), r.err());
    String[] lines = r.out().strip().split("\n");
    JsonObject json = JsonParser.parseString(lines[lines.length - 1]).getAsJsonObject();
    assertEquals("adjoint", json.get("gradients").getAsString());
    assertEquals(25, json.get("iterations").getAsInt());
    assertEquals(1, json.get("threads").getAsInt());
    assertTrue(json.get("ms_per_iteration_median").getAsDouble() > 0);
    // A fresh model of seed 0: about 20 forward and 70 backward evaluations per iteration.
    assertTrue(json.get("nfe_forward_mean").getAsDouble() > 10, json.toString());
    assertTrue(json.get("nfe_backward_mean").getAsDouble() > json.get("nfe_forward_mean").getAsDouble(), json.toString());
    assertTrue(Double.isFinite(json.get("final_test_loss").getAsDouble()), json.toString());
    assertFalse(json.get("cpu").getAsString().isEmpty(), json.toString());
    assertTrue(List.of(0, 128, 256, 512).contains(json.get("cpu_vector_bits").getAsInt()), json.toString());
    assertEquals("plain-loops", json.get("kernels").getAsString(), "started without --add-modules jdk.incubator.vector");
  }

  @Test
  void circlesRefusesABadThreadCount() throws Exception {
    Run r = run("org.nodelab.bench.CirclesBenchmark", "--threads", "x");
    assertEquals(2, r.status());
    assertTrue(r.err().contains("usage: ./nodelab bench circles"), r.err());
  }

  @Test
  void sweepRefusesBadSecondsAndEnginesBeforeStartingAnything() throws Exception {
    for (String[] args : List.of(new String[] {"--seconds", "ten"}, new String[] {"--engines", "threads,moon"})) {
      Run r = run("org.nodelab.bench.SweepBenchmark", args);
      assertEquals(2, r.status());
      assertTrue(r.err().contains("usage: ./nodelab bench sweep"), r.err());
    }
  }
}
