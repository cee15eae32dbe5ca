package org.nodelab.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nodelab.testing.JupyterFixture;

/**
 * Notebooks as Jupyter writes them: nbformat 4.0 to 4.5, cells with and without ids, metadata the
 * runner does not know (kept as it was), notebooks of other kernels (refused unless forced), and a
 * cell that never looks at interrupts (stopped at its timeout).
 */
class NotebookFormatsTest {
  @TempDir Path dir;

  /** A notebook of nbformat 4.{@code minor} with extension metadata everywhere and two code cells. */
  private static JsonObject notebook(int minor, boolean ids, String kernel, String language) {
    JsonObject nb = JsonParser.parseString("""
        {"metadata": {"kernelspec": {"name": "%s", "display_name": "Some kernel", "language": "%s"},
                      "language_info": {"name": "%s", "codemirror_mode": {"name": "text/x-java", "version": 17}},
                      "authors": [{"name": "A. Author"}], "toc": {"number_sections": false}},
         "nbformat": 4, "nbformat_minor": %d,
         "cells": [
           {"cell_type": "markdown", "metadata": {"tags": ["intro"]}, "source": ["# Title\\n", "text"]},
           {"cell_type": "code", "execution_count": 7, "metadata": {"tags": ["keep"], "collapsed": true,
            "scrolled": "auto", "myext": {"colour": "red", "n": [1, 2, 3]}}, "outputs": [], "source": "int a = 41;"},
           {"cell_type": "raw", "metadata": {"format": "text/plain"}, "source": "raw text"},
           {"cell_type": "code", "execution_count": null, "metadata": {}, "outputs": [], "source": ["a +", " 1"]}
         ]}
        """.formatted(kernel, language, language, minor)).getAsJsonObject();
    if (ids) {
      int k = 0;
      for (JsonElement c : nb.getAsJsonArray("cells")) {
        c.getAsJsonObject().addProperty("id", "cell-" + k++);
      }
    }
    return nb;
  }

  private Path write(String name, JsonObject nb) throws Exception {
    Path file = dir.resolve(name);
    Files.writeString(file, nb.toString());
    return file;
  }

  @Test
  void everyMinorVersionFromZeroToFiveIsReadAndRunKeepingUnknownMetadata() throws Exception {
    for (int minor = 0; minor <= 5; minor++) {
      for (boolean ids : new boolean[] {false, true}) {
        JsonObject nb = notebook(minor, ids, "nodelab", "java");
        assertEquals(nb, NotebookJson.parse(nb.toString(), "4." + minor), "read as written");
      }
    }
    for (int minor : new int[] {0, 4, 5}) {
      JsonObject original = notebook(minor, minor == 5, "nodelab", "java");
      NotebookRunner.Outcome o = NotebookRunner.run(write("v4" + minor + ".ipynb", original), dir.resolve("out"),
          Duration.ofSeconds(60));
      assertTrue(o.ok(), o.failure());
      JsonObject executed = JsonParser.parseString(Files.readString(o.notebook())).getAsJsonObject();
      assertEquals(5, executed.get("nbformat_minor").getAsInt(), "written as 4.5");
      Set<String> ids = new HashSet<>();
      executed.getAsJsonArray("cells").forEach(c -> ids.add(c.getAsJsonObject().get("id").getAsString()));
      assertEquals(4, ids.size(), "every cell has its own id");
      if (minor == 5) {
        assertEquals(Set.of("cell-0", "cell-1", "cell-2", "cell-3"), ids, "ids kept");
      }
      JsonObject meta = executed.getAsJsonObject("metadata");
      JsonObject before = original.getAsJsonObject("metadata");
      assertEquals(before.get("authors"), meta.get("authors"));
      assertEquals(before.get("toc"), meta.get("toc"));
      assertEquals(before.get("kernelspec"), meta.get("kernelspec"));
      assertEquals(before.getAsJsonObject("language_info").get("codemirror_mode"),
          meta.getAsJsonObject("language_info").get("codemirror_mode"));
      JsonArray cells = executed.getAsJsonArray("cells");
      JsonArray old = original.getAsJsonArray("cells");
      assertEquals(old.get(0).getAsJsonObject().get("metadata"), cells.get(0).getAsJsonObject().get("metadata"));
      assertEquals(old.get(2), stripId(cells.get(2).getAsJsonObject(), minor == 5));
      JsonObject cellMeta = cells.get(1).getAsJsonObject().getAsJsonObject("metadata");
      for (String key : new String[] {"tags", "collapsed", "scrolled", "myext"}) {
        assertEquals(old.get(1).getAsJsonObject().getAsJsonObject("metadata").get(key), cellMeta.get(key), key);
      }
      JsonObject result = cells.get(3).getAsJsonObject().getAsJsonArray("outputs").get(0).getAsJsonObject();
      assertEquals("42", result.getAsJsonObject("data").get("text/plain").getAsString());
    }
  }

  private static JsonObject stripId(JsonObject cell, boolean keep) {
    JsonObject copy = cell.deepCopy();
    if (!keep) {
      copy.remove("id");
    }
    return copy;
  }

  @Test
  void theExecutedNotebookIsValidForJupytersOwnValidator() throws Exception {
    JupyterFixture.requireJupyter();
    NotebookRunner.Outcome o = NotebookRunner.run(write("v40.ipynb", notebook(0, false, "nodelab", "java")),
        dir.resolve("out"), Duration.ofSeconds(60));
    assertTrue(o.ok(), o.failure());
    Process p = new ProcessBuilder(JupyterFixture.PYTHON.toString(), "-c",
        "import sys, nbformat; nbformat.validate(nbformat.read(sys.argv[1], as_version=4)); print('valid')",
        o.notebook().toString()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals("valid", out.strip(), out);
  }

  @Test
  void aNotebookOfAnotherKernelIsRefusedUnlessForcedAndNothingIsWritten() throws Exception {
    Path py = write("py.ipynb", notebook(4, false, "python3", "python"));
    Path out = dir.resolve("refused");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> NotebookRunner.run(py, out, Duration.ofSeconds(60)));
    assertTrue(e.getMessage().contains("\"python3\" (language python)") && e.getMessage().contains("--force"), e.getMessage());
    assertFalse(Files.exists(out), "nothing written");
    NotebookRunner.Outcome forced = NotebookRunner.run(py, out, Duration.ofSeconds(60), true);
    assertTrue(forced.ok(), forced.failure());
  }

  @Test
  void aCellThatNeverChecksForInterruptsIsStoppedAtItsTimeout() throws Exception {
    JsonObject nb = notebook(5, true, "nodelab", "java");
    nb.getAsJsonArray("cells").get(3).getAsJsonObject().addProperty("source", "while (true) Thread.onSpinWait();");
    NotebookRunner.Outcome o = NotebookRunner.run(write("spin.ipynb", nb), dir.resolve("out"), Duration.ofSeconds(2));
    assertFalse(o.ok());
    assertEquals(3, o.failedCell());
    assertTrue(o.failure().contains("longer than 2 s"), o.failure());
    JsonObject cell = JsonParser.parseString(Files.readString(o.notebook())).getAsJsonObject().getAsJsonArray("cells")
        .get(3).getAsJsonObject();
    assertEquals("Timeout", cell.getAsJsonArray("outputs").get(0).getAsJsonObject().get("ename").getAsString());
    JsonObject timing = cell.getAsJsonObject("metadata").getAsJsonObject("execution");
    System.out.printf(java.util.Locale.ROOT, "a spinning cell under a 2 s timeout ended after %.2f s%n",
        Duration.between(java.time.Instant.parse(timing.get("iopub.execute_input").getAsString()),
            java.time.Instant.parse(timing.get("shell.execute_reply").getAsString())).toNanos() / 1e9);
  }
}
