package org.nodelab.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the runner writes: displays and their updates, live training charts, provenance and timings. */
class RunnerOutputsTest {
  private static final String TRAIN = "train(mlp(2, 8, 2)).data(circles(200, 1)).loss(crossEntropy).epochs(3)";
  @TempDir Path dir;

  static Path notebook(Path dir, String name, String... cells) throws Exception {
    JsonArray array = new JsonArray();
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
    nb.addProperty("nbformat_minor", 4);
    Path file = dir.resolve(name + ".ipynb");
    Files.writeString(file, nb.toString());
    return file;
  }

  static JsonArray cells(Path executed) throws Exception {
    return JsonParser.parseString(Files.readString(executed)).getAsJsonObject().getAsJsonArray("cells");
  }

  static JsonArray outputs(JsonArray cells, int i) {
    return cells.get(i).getAsJsonObject().getAsJsonArray("outputs");
  }

  private static String text(JsonElement e) {
    StringBuilder sb = new StringBuilder();
    e.getAsJsonArray().forEach(x -> sb.append(x.getAsString()));
    return sb.toString();
  }

  @Test
  void displayShowsAnOutputAndUpdateDisplayReplacesItInPlace() throws Exception {
    Path nb = notebook(dir, "d", "var id = display(\"first\");\nSystem.out.println(\"between\");\n"
        + "updateDisplay(id, Charts.stepSizes(List.of()));\ndisplay(lynxHare().first(2));");
    NotebookRunner.Outcome o = NotebookRunner.run(nb, dir.resolve("out"), Duration.ofSeconds(60));
    assertTrue(o.ok(), o.failure());
    JsonArray out = outputs(cells(o.notebook()), 0);
    assertEquals(3, out.size(), "outputs: " + out.size());
    JsonObject updated = out.get(0).getAsJsonObject();
    assertEquals("display_data", updated.get("output_type").getAsString());
    assertTrue(updated.getAsJsonObject("data").get("image/png").getAsString().startsWith("iVBORw0KGgo"));
    assertFalse(updated.getAsJsonObject("data").has("text/html"), "a chart is an image, no HTML beside it");
    assertEquals("between\n", text(out.get(1).getAsJsonObject().get("text")));
    assertTrue(text(out.get(2).getAsJsonObject().getAsJsonObject("data").get("text/html")).contains("<caption>"));
  }

  @Test
  void updatingAnUnknownIdNamesIt() throws Exception {
    Path nb = notebook(dir, "u", "updateDisplay(new org.nodelab.notebook.DisplayId(\"nope\"), 1)");
    NotebookRunner.Outcome o = NotebookRunner.run(nb, dir.resolve("out"), Duration.ofSeconds(60));
    assertFalse(o.ok());
    assertTrue(o.failure().contains("\"nope\""), o.failure());
  }

  @Test
  void eachTrainingKeepsOneLabelledChartProgressNullNoneAndRerunsAreIdentical() throws Exception {
    Path nb = notebook(dir, "t",
        "seed(0);\n" + TRAIN + ".label(\"small\").run().size()",
        "var h1 = " + TRAIN + ".run();\nvar h2 = " + TRAIN + ".label(\"second\").seed(1).run();",
        TRAIN + ".progress(null).run().size()");
    NotebookRunner.Outcome first = NotebookRunner.run(nb, dir.resolve("a"), Duration.ofSeconds(120));
    assertTrue(first.ok(), first.failure());
    JsonArray cells = cells(first.notebook());
    JsonArray one = outputs(cells, 0);
    assertEquals(2, one.size(), "outputs: " + one.size());
    JsonObject live = one.get(0).getAsJsonObject().getAsJsonObject("data");
    assertTrue(live.get("image/png").getAsString().startsWith("iVBORw0KGgo"));
    assertEquals("small: 21 steps, final loss", text(live.get("text/plain")).replaceAll(" [-0-9.e]+$", ""));
    JsonArray two = outputs(cells, 1);
    assertEquals(2, two.size(), "two trainings, two displays: " + two.size());
    String label1 = text(two.get(0).getAsJsonObject().getAsJsonObject("data").get("text/plain"));
    String label2 = text(two.get(1).getAsJsonObject().getAsJsonObject("data").get("text/plain"));
    assertTrue(label1.startsWith("Mlp, 42 parameters, 21 steps: "), label1);
    assertTrue(label2.startsWith("second: "), label2);
    JsonArray three = outputs(cells, 2);
    assertEquals(1, three.size(), "progress(null) switches the live chart off: " + three.size());
    assertFalse(cells.toString().contains("it/s"), "no run-dependent rate in the outputs");

    NotebookRunner.Outcome again = NotebookRunner.run(nb, dir.resolve("b"), Duration.ofSeconds(120));
    JsonArray cellsAgain = cells(again.notebook());
    for (int i = 0; i < cells.size(); i++) {
      assertTrue(outputs(cells, i).equals(outputs(cellsAgain, i)), "cell " + i + " differs between two runs");
    }
  }

  @Test
  void provenanceTimingsAndCellIdsAreRecorded() throws Exception {
    Path nb = notebook(dir, "p", "seed(3);\nThread.sleep(200);", "seed(5);\nlong s = 7;\n"
        + "train(mlp(2, 4, 2)).data(circles(64, 1)).loss(crossEntropy).iterations(2).seed(s).progress(null).run().size()");
    Instant before = Instant.now().minusSeconds(1);
    NotebookRunner.Outcome o = NotebookRunner.run(nb, dir.resolve("out"), Duration.ofSeconds(60));
    assertTrue(o.ok(), o.failure());
    JsonObject executed = JsonParser.parseString(Files.readString(o.notebook())).getAsJsonObject();
    assertEquals(5, executed.get("nbformat_minor").getAsInt());
    JsonObject p = executed.getAsJsonObject("metadata").getAsJsonObject("nodelab");
    assertEquals("[3,5]", p.get("seeds").toString());
    assertEquals("[\"cell 0: seed(3)\",\"cell 1: seed(5)\",\"cell 1: .seed(s)\"]", p.get("seed_calls").toString());
    assertEquals(System.getProperty("java.version"), p.get("java").getAsString().split(" ")[0]);
    assertEquals(Runtime.getRuntime().availableProcessors(), p.get("cores").getAsInt());
    assertEquals(org.nodelab.tensor.Tensor.threads(), p.get("threads").getAsInt());
    assertTrue(p.get("tablesaw").getAsString().matches("\\d+\\.\\d+.*"), p.toString());
    assertTrue(p.get("xchart").getAsString().matches("\\d+\\.\\d+.*"), p.toString());
    assertTrue(p.get("start").getAsString().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"), p.toString());
    assertFalse(p.get("cpu").getAsString().isBlank());
    List<String> ids = new ArrayList<>();
    JsonArray cells = executed.getAsJsonArray("cells");
    for (JsonElement e : cells) {
      ids.add(e.getAsJsonObject().get("id").getAsString());
    }
    assertEquals(2, ids.stream().distinct().count());
    assertTrue(ids.stream().allMatch(id -> id.matches("[a-zA-Z0-9-_]{1,64}")), ids.toString());
    JsonObject timing = cells.get(0).getAsJsonObject().getAsJsonObject("metadata").getAsJsonObject("execution");
    Instant in = Instant.parse(timing.get("iopub.execute_input").getAsString());
    Instant reply = Instant.parse(timing.get("shell.execute_reply").getAsString());
    assertTrue(in.isAfter(before), timing.toString());
    assertTrue(Duration.between(in, reply).toMillis() >= 200, "the cell slept 200 ms: " + timing);
    String html = Files.readString(o.html());
    assertTrue(html.contains("seeds 3, 5") && html.contains("seed calls: seed(3), seed(5), .seed(s)") && html.contains("Tablesaw " + p.get("tablesaw").getAsString())
        && html.contains(p.get("start").getAsString()), "header");
    assertTrue(html.matches("(?s).*<p class=\"time\">0\\.[2-9]\\d s</p>.*"), "the cell's wall time in the report");
    assertNotEquals(0, executed.getAsJsonObject("metadata").getAsJsonObject("language_info").size());
  }

  @Test
  void shippedNotebooksCarryUniqueCellIds() throws Exception {
    try (var files = Files.list(Path.of("notebooks"))) {
      for (Path nb : files.filter(p -> p.toString().endsWith(".ipynb")).sorted().toList()) {
        JsonObject json = JsonParser.parseString(Files.readString(nb)).getAsJsonObject();
        assertTrue(json.get("nbformat").getAsInt() == 4 && json.get("nbformat_minor").getAsInt() >= 5, nb.toString());
        List<String> ids = new ArrayList<>();
        for (JsonElement c : json.getAsJsonArray("cells")) {
          assertTrue(c.getAsJsonObject().has("id"), nb + " has a cell without id");
          ids.add(c.getAsJsonObject().get("id").getAsString());
        }
        assertEquals(ids.size(), ids.stream().distinct().count(), nb + ": ids are unique");
        assertTrue(ids.stream().allMatch(id -> id.matches("[a-zA-Z0-9-_]{1,64}")), nb + ": " + ids);
      }
    }
  }
}
