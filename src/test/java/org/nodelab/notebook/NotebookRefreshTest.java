package org.nodelab.notebook;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Refreshing a notebook in place ({@code --out} its own directory) loses nothing. */
class NotebookRefreshTest {
  @TempDir Path dir;

  @Test
  void cellsAfterAFailureKeepTheirEarlierOutputsMarkedNotRerun() throws Exception {
    Path nb = RunnerOutputsTest.notebook(dir, "r", "int a = 1;\na", "int b = a + 1;\nb", "System.out.println(\"c\");",
        "\"d\"");
    NotebookRunner.Outcome first = NotebookRunner.run(nb, dir, Duration.ofSeconds(60));
    assertTrue(first.ok(), first.failure());
    assertEquals(nb, first.notebook(), "written in place");
    JsonObject executed = JsonParser.parseString(Files.readString(nb)).getAsJsonObject();
    JsonArray cells = executed.getAsJsonArray("cells");
    String third = cells.get(2).getAsJsonObject().get("outputs").toString();
    String fourth = cells.get(3).getAsJsonObject().get("outputs").toString();
    cells.get(1).getAsJsonObject().addProperty("source", "int b = 1 / 0;");
    Files.writeString(nb, executed.toString());

    NotebookRunner.Outcome second = NotebookRunner.run(nb, dir, Duration.ofSeconds(60));
    assertEquals(1, second.failedCell());
    JsonArray after = JsonParser.parseString(Files.readString(nb)).getAsJsonObject().getAsJsonArray("cells");
    assertEquals("[1,1,1,1]", counts(after), "every cell still has its one output");
    assertEquals("error", after.get(1).getAsJsonObject().getAsJsonArray("outputs").get(0).getAsJsonObject()
        .get("output_type").getAsString());
    for (int i : new int[] {2, 3}) {
      JsonObject cell = after.get(i).getAsJsonObject();
      assertEquals(i == 2 ? third : fourth, cell.get("outputs").toString(), "cell " + i + " keeps its outputs");
      JsonObject note = cell.getAsJsonObject("metadata").getAsJsonObject("nodelab");
      assertFalse(note.get("rerun").getAsBoolean());
      assertTrue(note.get("reason").getAsString().contains("cell 1 failed"), note.toString());
      assertEquals(i + 1, cell.get("execution_count").getAsInt(), "the earlier run's count stays");
    }
    assertTrue(Files.readString(second.html()).contains("not re-run: cell 1 failed first"), "the report says so");

    cells.get(1).getAsJsonObject().addProperty("source", "int b = a + 1;\nb");
    Files.writeString(nb, executed.toString());
    NotebookRunner.Outcome third3 = NotebookRunner.run(nb, dir, Duration.ofSeconds(60));
    assertTrue(third3.ok(), third3.failure());
    JsonObject healed = JsonParser.parseString(Files.readString(nb)).getAsJsonObject().getAsJsonArray("cells").get(3)
        .getAsJsonObject();
    assertFalse(healed.getAsJsonObject("metadata").has("nodelab"), "the mark goes once the cell ran again");
  }

  @Test
  void aNotebookOfAnotherKernelIsRefusedAndLeftUntouched() throws Exception {
    Path nb = dir.resolve("py.ipynb");
    String python = "{\"cells\": [{\"cell_type\": \"code\", \"id\": \"a1\", \"metadata\": {}, \"execution_count\": 1,"
        + " \"outputs\": [{\"output_type\": \"stream\", \"name\": \"stdout\", \"text\": [\"2\\n\"]}],"
        + " \"source\": \"print(1 + 1)\"}], \"metadata\": {\"kernelspec\": {\"name\": \"python3\","
        + " \"display_name\": \"Python 3\", \"language\": \"python\"}}, \"nbformat\": 4, \"nbformat_minor\": 5}";
    Files.writeString(nb, python);
    byte[] before = Files.readAllBytes(nb);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> NotebookRunner.run(nb, dir, Duration.ofSeconds(60)));
    assertTrue(e.getMessage().contains("\"python3\"") && e.getMessage().contains("nothing was written"), e.getMessage());
    assertArrayEquals(before, Files.readAllBytes(nb));
    assertFalse(Files.exists(dir.resolve("py.html")));
  }

  private static String counts(JsonArray cells) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < cells.size(); i++) {
      sb.append(i == 0 ? "" : ",").append(cells.get(i).getAsJsonObject().getAsJsonArray("outputs").size());
    }
    return sb.append("]").toString();
  }
}
