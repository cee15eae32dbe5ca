package org.nodelab.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class NotebookRunnerTest {
  @TempDir Path dir;

  private Path notebook(String... cells) throws Exception {
    JsonArray array = new JsonArray();
    JsonObject md = new JsonObject();
    md.addProperty("cell_type", "markdown");
    md.add("metadata", new JsonObject());
    md.addProperty("source", "# Title\nSome *text*.");
    array.add(md);
    for (String c : cells) {
      JsonObject cell = new JsonObject();
      cell.addProperty("cell_type", "code");
      cell.add("metadata", new JsonObject());
      cell.add("outputs", new JsonArray());
      cell.addProperty("source", c);
      array.add(cell);
    }
    JsonObject nb = new JsonObject();
    nb.add("cells", array);
    nb.add("metadata", new JsonObject());
    nb.addProperty("nbformat", 4);
    nb.addProperty("nbformat_minor", 5);
    Path file = dir.resolve("t.ipynb");
    Files.writeString(file, nb.toString());
    return file;
  }

  @Test
  void writesOutputsOfEveryKindAndASelfContainedReport() throws Exception {
    Path nb = notebook("seed(3);\nSystem.out.println(\"hello\");\ntensor(1, 2)", "Charts.stepSizes(List.of())",
        "lynxHare()");
    NotebookRunner.Outcome o = NotebookRunner.run(nb, dir.resolve("out"), Duration.ofSeconds(60));
    assertTrue(o.ok(), o.failure());
    JsonObject executed = JsonParser.parseString(Files.readString(o.notebook())).getAsJsonObject();
    JsonArray cells = executed.getAsJsonArray("cells");
    JsonArray first = cells.get(1).getAsJsonObject().getAsJsonArray("outputs");
    assertEquals("stream", first.get(0).getAsJsonObject().get("output_type").getAsString());
    assertEquals("execute_result", first.get(1).getAsJsonObject().get("output_type").getAsString());
    assertEquals(1, cells.get(1).getAsJsonObject().get("execution_count").getAsInt());
    JsonObject chart = cells.get(2).getAsJsonObject().getAsJsonArray("outputs").get(0).getAsJsonObject();
    assertTrue(chart.getAsJsonObject("data").get("image/png").getAsString().startsWith("iVBORw0KGgo"));
    JsonObject table = cells.get(3).getAsJsonObject().getAsJsonArray("outputs").get(0).getAsJsonObject();
    assertTrue(table.getAsJsonObject("data").has("text/html"));
    assertEquals("nodelab", executed.getAsJsonObject("metadata").getAsJsonObject("kernelspec").get("name").getAsString());
    String html = Files.readString(o.html());
    assertTrue(html.contains("<h1>Title</h1>") && html.contains("<em>text</em>"), "markdown rendered");
    assertTrue(html.contains("data:image/png;base64,iVBORw0KGgo"), "images inline");
    assertTrue(html.contains("seed 3") && html.contains("Java " + System.getProperty("java.version")), "header");
  }

  @Test
  void aFailingCellStopsTheRunAndIsNamed() throws Exception {
    Path nb = notebook("int a = 1;", "int b = 1 / 0;", "int c = 3;");
    NotebookRunner.Outcome o = NotebookRunner.run(nb, dir.resolve("out"), Duration.ofSeconds(60));
    assertFalse(o.ok());
    assertEquals(2, o.failedCell());
    assertTrue(o.failure().contains("ArithmeticException"), o.failure());
    JsonObject executed = JsonParser.parseString(Files.readString(o.notebook())).getAsJsonObject();
    JsonObject error = executed.getAsJsonArray("cells").get(2).getAsJsonObject().getAsJsonArray("outputs").get(0)
        .getAsJsonObject();
    assertEquals("error", error.get("output_type").getAsString());
    assertTrue(executed.getAsJsonArray("cells").get(3).getAsJsonObject().get("execution_count").isJsonNull());
  }

  @Test
  void aCellOverItsTimeIsInterrupted() throws Exception {
    Path nb = notebook("train(mlp(2, 32, 2)).data(circles(2000, 1)).loss(crossEntropy).epochs(100000).progress(null).run()");
    NotebookRunner.Outcome o = NotebookRunner.run(nb, dir.resolve("out"), Duration.ofSeconds(2));
    assertFalse(o.ok());
    assertTrue(o.failure().contains("longer than 2 s"), o.failure());
  }

  static Stream<Path> shippedNotebooks() throws Exception {
    try (var files = Files.list(Path.of("notebooks"))) {
      return files.filter(p -> p.toString().endsWith(".ipynb")).sorted().toList().stream();
    }
  }

  @ParameterizedTest
  @MethodSource("shippedNotebooks")
  void everyShippedNotebookRunsTopToBottom(Path notebook) throws Exception {
    NotebookRunner.Outcome o = NotebookRunner.run(notebook, dir.resolve("out"), Duration.ofSeconds(300));
    assertTrue(o.ok(), notebook + " failed at cell " + o.failedCell() + ": " + o.failure());
    org.nodelab.kernel.ChartCountIntegrationTest.assertEveryChartShown(o, dir);
  }
}
