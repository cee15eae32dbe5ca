package org.nodelab.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./nodelab jshell FILE.jsh}: the script runner's entry point run as its own JVM, as the launcher runs it. */
class ScriptRunnerTest {
  @TempDir Path dir;

  private record Run(int status, String out, String err) {}

  private Run run(String script) throws Exception {
    Path file = dir.resolve("script.jsh");
    Files.writeString(file, script);
    Path err = dir.resolve("err.txt");
    ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"),
        "org.nodelab.notebook.ScriptRunner", file.toString()).redirectError(err.toFile());
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the script runner ends");
    return new Run(p.exitValue(), out, Files.readString(err));
  }

  @Test
  void aScriptThatRunsExitsWithZeroAndItsOutput() throws Exception {
    Run r = run("var y = ode((t, h) -> h.neg()).solve(rk45.rtol(1e-8).atol(1e-10)).until(1.0).apply(tensor(1.0));\n"
        + "System.out.printf(java.util.Locale.ROOT, \"%.6f%n\", y.item());\n");
    assertEquals(0, r.status(), r.err());
    assertEquals(Math.exp(-1), Double.parseDouble(r.out().strip()), 1e-6);
  }

  @Test
  void aThrowingSnippetExitsWithOneAndNamesTheError() throws Exception {
    Run r = run("System.out.println(\"before\");\nint bad = 1 / 0;\nSystem.out.println(\"after\");\n");
    assertEquals(1, r.status());
    assertEquals(List.of("before"), r.out().lines().toList());
    assertTrue(r.err().contains("ArithmeticException"), r.err());
  }

  @Test
  void aCompileErrorExitsWithOneAndExitSetsTheStatus() throws Exception {
    assertEquals(1, run("String s = 42;\n").status());
    assertEquals(3, run("int a = 1;\n/exit 3\n").status());
  }
}
