package org.nodelab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nodelab.notebook.NotebookRunner;
import org.nodelab.testing.JupyterFixture;

/**
 * Every chart is visible in every front end: a notebook with live training charts (two in one
 * cell), a user's display updated in place, a returned chart and a table is executed by Jupyter with
 * the kernel and by nodelab's runner; the images in the {@code .ipynb}, in {@code jupyter nbconvert
 * --to html} and in nodelab's report are counted against the charts the cells make. Needs Debian's
 * Jupyter; with {@code NODELAB_REQUIRE_JUPYTER=1} a missing Jupyter fails instead of skipping.
 */
public class ChartCountIntegrationTest {
  private static final Path JUPYTER = JupyterFixture.JUPYTER;
  private static final String TRAIN = "train(mlp(2, 8, 2)).data(circles(200, 1)).loss(crossEntropy).epochs(40)";
  /** The cells below make five charts: three live training charts, one updated display, one returned chart. */
  private static final int CHARTS = 5;
  private static final List<String> CELLS = List.of(
      "seed(0);\n" + TRAIN + ".label(\"first\").run().size()",
      "var h1 = " + TRAIN + ".label(\"node a\").run();\nvar h2 = " + TRAIN + ".label(\"node b\").run();",
      "var id = display(\"a placeholder\");\nupdateDisplay(id, Charts.stepSizes(List.of()));",
      "Charts.lossCurve(h1.table())",
      "lynxHare().first(3)",
      TRAIN + ".progress(null).run().size()");
  @TempDir static Path data;

  @BeforeAll
  static void installKernelspec() throws IOException {
    JupyterFixture.requireJupyter();
    JupyterFixture.installKernelspec(data);
  }

  @Test
  void jupyterAndTheRunnerKeepOneImagePerChartAndEveryFrontEndShowsThem(@TempDir Path dir) throws Exception {
    Path in = notebook(dir.resolve("charts.ipynb"));
    jupyter(dir, "nbconvert", "--to", "notebook", "--execute", "--output", "kernel.ipynb", in.toString());
    Path byKernel = dir.resolve("kernel.ipynb");
    checkOutputs(byKernel);
    assertEquals(CHARTS, htmlImages(byKernel, dir), "nbconvert HTML of the kernel's notebook");

    NotebookRunner.Outcome o = NotebookRunner.run(in, dir.resolve("runner"), Duration.ofSeconds(120));
    assertTrue(o.ok(), o.failure());
    checkOutputs(o.notebook());
    assertEquals(CHARTS, htmlImages(o.notebook(), dir), "nbconvert HTML of the runner's notebook");
    assertEquals(CHARTS, count(Files.readString(o.html()), "<img "), "nodelab's report");
  }

  /** Asserts that the report and nbconvert's HTML of an executed notebook show each of its images. */
  public static void assertEveryChartShown(NotebookRunner.Outcome o, Path work) throws Exception {
    int images = pngOutputs(o.notebook());
    assertEquals(images, count(Files.readString(o.html()), "<img "), "images in nodelab's report of " + o.notebook());
    if (Files.isExecutable(JUPYTER) || "1".equals(System.getenv("NODELAB_REQUIRE_JUPYTER"))) {
      assertEquals(images, htmlImages(o.notebook(), work), "images in nbconvert's HTML of " + o.notebook());
    }
  }

  private static void checkOutputs(Path executed) throws IOException {
    String json = Files.readString(executed);
    assertEquals(CHARTS, pngOutputs(executed), "image outputs in " + executed.getFileName());
    assertFalse(json.contains("it/s"), "no run-dependent rate");
    JsonArray cells = JsonParser.parseString(json).getAsJsonObject().getAsJsonArray("cells");
    for (JsonElement c : cells) {
      for (JsonElement o : c.getAsJsonObject().getAsJsonArray("outputs")) {
        JsonObject d = o.getAsJsonObject().getAsJsonObject("data");
        if (d != null && d.has("image/png")) {
          assertFalse(d.has("text/html"), "an image has no HTML beside it (HTML front ends would show that)");
        }
      }
    }
    String labels = cells.get(1).getAsJsonObject().getAsJsonArray("outputs").toString();
    assertTrue(labels.contains("node a: ") && labels.contains("node b: "), "two labelled displays");
    assertEquals(0, pngOutputs(cells.get(5)), "progress(null) shows no live chart");
  }

  private static int pngOutputs(Path executed) throws IOException {
    int n = 0;
    for (JsonElement c : JsonParser.parseString(Files.readString(executed)).getAsJsonObject().getAsJsonArray("cells")) {
      n += pngOutputs(c);
    }
    return n;
  }

  private static int pngOutputs(JsonElement cell) {
    int n = 0;
    JsonObject c = cell.getAsJsonObject();
    if (c.has("outputs")) {
      for (JsonElement o : c.getAsJsonArray("outputs")) {
        JsonObject d = o.getAsJsonObject().getAsJsonObject("data");
        n += d != null && d.has("image/png") ? 1 : 0;
      }
    }
    return n;
  }

  private static int htmlImages(Path notebook, Path work) throws Exception {
    Path html = work.resolve("html-" + System.nanoTime() + ".html");
    jupyter(work, "nbconvert", "--to", "html", "--output", html.toString(), notebook.toString());
    return count(Files.readString(html), "<img src=\"data:image/png;base64,");
  }

  private static int count(String text, String what) {
    Matcher m = Pattern.compile(Pattern.quote(what)).matcher(text);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  private static Path notebook(Path file) throws IOException {
    return JupyterFixture.writeNotebook(file, CELLS);
  }

  private static void jupyter(Path dir, String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of(JUPYTER.toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
    Path home = data != null ? data : dir;
    pb.environment().put("JUPYTER_DATA_DIR", home.toString());
    pb.environment().put("JUPYTER_RUNTIME_DIR", home.resolve("runtime").toString());
    pb.environment().put("PYDEVD_DISABLE_FILE_VALIDATION", "1");
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(300, TimeUnit.SECONDS), "timed out: " + command);
    assertEquals(0, p.exitValue(), command + " failed:\n" + out);
  }
}
