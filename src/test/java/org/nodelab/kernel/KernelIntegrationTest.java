package org.nodelab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nodelab.testing.JupyterFixture;

/**
 * The kernel under real Jupyter: nbconvert executes a notebook with it (text, PNG and HTML
 * outputs), and jupyter_client checks errors, System.exit refusal, a message with a bad signature,
 * completion and interrupt. Needs Debian's Jupyter ({@code /usr/bin/jupyter}); with {@code
 * NODELAB_REQUIRE_JUPYTER=1} (as CI sets) a missing Jupyter fails the test instead of skipping it.
 */
class KernelIntegrationTest {
  private static final Path JUPYTER = JupyterFixture.JUPYTER;
  private static final Path PYTHON = JupyterFixture.PYTHON;
  @TempDir static Path data;

  @BeforeAll
  static void installKernelspec() throws IOException {
    JupyterFixture.requireJupyter();
    JupyterFixture.installKernelspec(data);
  }

  private static String run(Path dir, String... command) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
    pb.environment().put("JUPYTER_DATA_DIR", data.toString());
    pb.environment().put("JUPYTER_RUNTIME_DIR", data.resolve("runtime").toString());
    pb.environment().put("PYDEVD_DISABLE_FILE_VALIDATION", "1");
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(300, TimeUnit.SECONDS), "timed out: " + String.join(" ", command));
    assertEquals(0, p.exitValue(), String.join(" ", command) + " failed:\n" + out);
    return out;
  }

  @Test
  void nbconvertExecutesANotebookWithTheKernel(@TempDir Path dir) throws Exception {
    JupyterFixture.writeNotebook(dir.resolve("in.ipynb"), List.of("seed(0);\n1 + 1", "Charts.stepSizes(List.of())",
        "lynxHare()"));
    run(dir, JUPYTER.toString(), "nbconvert", "--to", "notebook", "--execute", "--output", "out.ipynb", "in.ipynb");
    JsonArray executed = JsonParser.parseString(Files.readString(dir.resolve("out.ipynb"))).getAsJsonObject()
        .getAsJsonArray("cells");
    JsonObject first = output(executed, 0);
    assertEquals("2", text(first.getAsJsonObject("data").get("text/plain")));
    assertTrue(output(executed, 1).getAsJsonObject("data").get("image/png").getAsString().startsWith("iVBORw0KGgo"));
    assertTrue(text(output(executed, 2).getAsJsonObject("data").get("text/html")).contains(">1900</td>"));
  }

  @Test
  void theKernelSurvivesErrorsBadSignaturesExitAndInterrupts(@TempDir Path dir) throws Exception {
    Path script = dir.resolve("drive_kernel.py");
    try (var in = KernelIntegrationTest.class.getResourceAsStream("/kernel/drive_kernel.py")) {
      Files.write(script, in.readAllBytes());
    }
    String out = run(dir, PYTHON.toString(), script.toString());
    String findings = out.lines().filter(l -> l.startsWith("{\"sum\"")).reduce((a, b) -> b)
        .orElseThrow(() -> new AssertionError("no findings printed:\n" + out));
    JsonObject f = JsonParser.parseString(findings).getAsJsonObject();
    assertEquals("[\"2\"]", f.get("sum").toString());
    assertTrue(f.get("png").getAsBoolean());
    assertTrue(f.get("html").getAsBoolean());
    assertEquals("hi\n", f.get("stream").getAsString());
    JsonArray live = f.getAsJsonArray("live");
    assertTrue(live.size() >= 2, "a live display and at least its final update: " + live);
    assertEquals("display_data", live.get(0).getAsJsonArray().get(0).getAsString());
    String id = live.get(0).getAsJsonArray().get(1).getAsString();
    for (int i = 1; i < live.size(); i++) {
      assertEquals("update_display_data", live.get(i).getAsJsonArray().get(0).getAsString());
      assertEquals(id, live.get(i).getAsJsonArray().get(1).getAsString(), "updates go to the same output");
      assertTrue(live.get(i).getAsJsonArray().get(2).getAsBoolean(), "each update carries the loss chart");
    }
    assertTrue(f.get("error").getAsBoolean());
    assertTrue(f.get("exit_refused").getAsBoolean());
    assertEquals("[\"5\"]", f.get("alive_after_exit").toString());
    assertEquals("[\"42\"]", f.get("alive_after_bad_signature").toString());
    assertTrue(f.get("complete").toString().contains("tsit5"), f.toString());
    assertTrue(f.get("interrupted").getAsBoolean(), f.toString());
    assertEquals("[\"42\"]", f.get("alive_after_interrupt").toString());
    interruptsStopBusyLoopsAndOnlyTheirCell(f);
    exitCallsAreRefusedAndErrorsAreTheUsers(f);
  }

  private static void interruptsStopBusyLoopsAndOnlyTheirCell(JsonObject f) {
    assertTrue(f.get("busy_interrupted").getAsBoolean(), f.toString());
    System.out.println("busy loop stopped " + f.get("busy_seconds") + " s after the interrupt");
    assertTrue(f.get("busy_seconds").getAsDouble() < 5, "a busy loop stops promptly: " + f.get("busy_seconds"));
    assertEquals("[\"42\"]", f.get("kept_after_busy").toString(), "variables defined before survive");
    assertEquals("[\"true\"]", f.get("loop_ran").toString());
    assertEquals("[\"slept\"]", f.get("after_interrupt").toString(), "the next cell is not interrupted");
  }

  private static void exitCallsAreRefusedAndErrorsAreTheUsers(JsonObject f) {
    assertTrue(f.get("runtime_exit_refused").getAsBoolean(), f.toString());
    assertTrue(f.get("method_ref_exit_refused").getAsBoolean(), f.toString());
    assertEquals("[\"14\"]", f.get("exit_text_allowed").toString());
    String method = f.get("method_line").getAsString();
    assertTrue(method.contains("java.lang.IllegalStateException: three") && method.contains("at f3, line 3")
        && method.contains("at line 5"), method);
    assertEquals("NoSuchFileException", f.get("ename").getAsString());
    assertTrue(f.get("evalue").getAsString().contains("java.nio.file.NoSuchFileException: no-such-file.csv"), f.toString());
    String chain = f.get("cause_chain").getAsString();
    assertTrue(chain.contains("java.lang.RuntimeException: outer") && chain.contains("Caused by: java.io.IOException: inner")
        && !chain.contains("EvalException"), chain);
    String symbol = f.get("symbol_error").getAsString();
    assertTrue(symbol.contains("undefinedName") && symbol.contains("location: line 1 of the cell"), symbol);
    assertEquals("[\"42\"]", f.get("alive_at_end").toString(), "the kernel is alive after all of it");
  }

  @Test
  void theKernelExitsWhenItsParentDies(@TempDir Path dir) throws Exception {
    Process parent = new ProcessBuilder("sleep", "600").start();
    Path connection = dir.resolve("connection.json");
    Files.writeString(connection, "{\"ip\": \"127.0.0.1\", \"transport\": \"tcp\", \"shell_port\": 0, \"iopub_port\": 0,"
        + " \"stdin_port\": 0, \"control_port\": 0, \"hb_port\": 0, \"key\": \"abc\", \"signature_scheme\": \"hmac-sha256\"}");
    ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "org.nodelab.kernel.KernelMain", connection.toString());
    pb.environment().put("JPY_PARENT_PID", Long.toString(parent.pid()));
    pb.redirectErrorStream(true);
    Process kernel = pb.start();
    assertFalse(kernel.waitFor(5, TimeUnit.SECONDS), "the kernel keeps running while its parent lives");
    parent.destroy();
    assertTrue(kernel.waitFor(20, TimeUnit.SECONDS), "the kernel exits after its parent died");
  }

  private static JsonObject output(JsonArray cells, int i) {
    return cells.get(i).getAsJsonObject().getAsJsonArray("outputs").get(0).getAsJsonObject();
  }

  private static String text(com.google.gson.JsonElement e) {
    if (e.isJsonArray()) {
      List<String> parts = new ArrayList<>();
      e.getAsJsonArray().forEach(x -> parts.add(x.getAsString()));
      return String.join("", parts);
    }
    return e.getAsString();
  }
}
