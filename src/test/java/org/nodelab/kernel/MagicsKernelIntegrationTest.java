package org.nodelab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nodelab.notebook.TinyMavenRepository;
import org.nodelab.testing.JupyterFixture;

/**
 * The magics under real Jupyter ({@code nbconvert --execute}): {@code %maven} of an artifact with a
 * dependency from a local repository made for the test (offline, so no network is needed), then
 * {@code %%time}, {@code %load}, {@code %classpath}, {@code %help} and an unknown magic. With {@code
 * NODELAB_REQUIRE_JUPYTER=1} a missing Jupyter fails the test instead of skipping it.
 */
class MagicsKernelIntegrationTest {
  private static final Path JUPYTER = JupyterFixture.JUPYTER;
  @TempDir static Path data;
  private static Path repo;

  @BeforeAll
  static void installKernelspec() throws Exception {
    JupyterFixture.requireJupyter();
    repo = data.resolve("m2");
    TinyMavenRepository.create(repo, data.resolve("work"));
    JupyterFixture.installKernelspec(data, "-Dmaven.repo.local=" + repo, "-Dnodelab.maven.offline=true");
  }

  @Test
  void magicsRunInJupyter(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("setup.jsh"), "int fromScript = 6 * 7;\n");
    List<String> sources = List.of(
        "%maven " + TinyMavenRepository.GREETER,
        "import org.nodelab.test.greeter.Greeter;\nGreeter.greet(\"jupyter\")",
        "%%time\nint s = 0;\nfor (int i = 1; i <= 10; i++) s += i;\ns",
        "%load setup.jsh\nfromScript",
        "%classpath",
        "%help",
        "%maven " + TinyMavenRepository.GREETER,
        "%nosuchmagic");
    Path in = dir.resolve("in.ipynb");
    JupyterFixture.writeNotebook(in, sources);
    ProcessBuilder pb = new ProcessBuilder(JUPYTER.toString(), "nbconvert", "--to", "notebook", "--execute",
        "--allow-errors", "--output", "out.ipynb", "in.ipynb").directory(dir.toFile()).redirectErrorStream(true);
    pb.environment().put("JUPYTER_DATA_DIR", data.toString());
    pb.environment().put("JUPYTER_RUNTIME_DIR", data.resolve("runtime").toString());
    pb.environment().put("PYDEVD_DISABLE_FILE_VALIDATION", "1");
    Process p = pb.start();
    String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(300, TimeUnit.SECONDS), "nbconvert timed out");
    assertEquals(0, p.exitValue(), log);
    JsonArray cells = JsonParser.parseString(Files.readString(dir.resolve("out.ipynb"))).getAsJsonObject()
        .getAsJsonArray("cells");
    assertTrue(text(cells, 0).contains("added org.nodelab.test:greeter:1.0: 2 jars"), text(cells, 0));
    assertEquals("hello, jupyter", result(cells, 1));
    assertTrue(text(cells, 2).startsWith("Wall time: "), text(cells, 2));
    assertEquals("55", result(cells, 2));
    assertEquals("42", result(cells, 3));
    assertTrue(text(cells, 4).contains(repo.resolve("org/nodelab/test/words/1.0/words-1.0.jar").toString()), text(cells, 4));
    for (String magic : List.of("%maven", "%jars", "%classpath", "%load", "%time", "%help")) {
      assertTrue(text(cells, 5).contains(magic), text(cells, 5));
    }
    assertTrue(text(cells, 6).contains("already on the class path"), text(cells, 6));
    String error = String.join("\n", texts(cells, 7, "error"));
    assertTrue(error.contains("unknown magic %nosuchmagic") && error.contains("%maven"), error);
  }

  
  /** The printed text of a cell. */
  private static String text(JsonArray cells, int i) {
    return String.join("", texts(cells, i, "stream"));
  }

  /** The text/plain of a cell's execute_result. */
  private static String result(JsonArray cells, int i) {
    return String.join("", texts(cells, i, "execute_result"));
  }

  private static List<String> texts(JsonArray cells, int i, String kind) {
    List<String> out = new ArrayList<>();
    for (JsonElement e : cells.get(i).getAsJsonObject().getAsJsonArray("outputs")) {
      JsonObject o = e.getAsJsonObject();
      if (!kind.equals(o.get("output_type").getAsString())) {
        continue;
      }
      JsonElement value = switch (kind) {
        case "stream" -> o.get("text");
        case "error" -> o.get("traceback");
        default -> o.getAsJsonObject("data").get("text/plain");
      };
      if (value.isJsonArray()) {
        value.getAsJsonArray().forEach(x -> out.add(x.getAsString()));
      } else {
        out.add(value.getAsString());
      }
      if (kind.equals("error")) {
        out.add(o.get("evalue").getAsString());
      }
    }
    return out;
  }
}
