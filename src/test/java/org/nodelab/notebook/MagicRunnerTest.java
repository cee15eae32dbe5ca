package org.nodelab.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each magic through the {@link Evaluator}, and magics through the headless runner. */
class MagicRunnerTest {
  @TempDir static Path dir;
  private static Evaluator evaluator;
  private static Path repo;

  @BeforeAll
  static void start() throws Exception {
    repo = dir.resolve("m2");
    TinyMavenRepository.create(repo, dir.resolve("work"));
    System.setProperty("maven.repo.local", repo.toString());
    System.setProperty("nodelab.maven.offline", "true");
    evaluator = new Evaluator();
  }

  @AfterAll
  static void stop() {
    evaluator.close();
    System.clearProperty("maven.repo.local");
    System.clearProperty("nodelab.maven.offline");
  }

  /** The result of {@code action} and what it printed. */
  private static <T> Printed<T> printed(Supplier<T> action) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream old = System.out;
    System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    try {
      T value = action.get();
      return new Printed<>(value, bytes.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(old);
    }
  }

  private record Printed<T>(T value, String out) {}

  @Test
  void mavenAddsAnArtifactWithItsDependenciesOnceAndLaterCellsUseThem() {
    Printed<CellResult> first = printed(() -> evaluator.eval("%maven " + TinyMavenRepository.GREETER));
    assertFalse(first.value().failed(), first.value().error());
    assertTrue(first.out().contains("added org.nodelab.test:greeter:1.0: 2 jars"), first.out());
    CellResult greet = evaluator.eval("import org.nodelab.test.greeter.Greeter;\nGreeter.greet(\"lab\")");
    assertEquals("hello, lab", greet.value(), greet.error());
    Printed<CellResult> again = printed(() -> evaluator.eval("%maven " + TinyMavenRepository.GREETER));
    assertFalse(again.value().failed());
    assertTrue(again.out().contains("already on the class path"), again.out());
    Printed<CellResult> classpath = printed(() -> evaluator.eval("%classpath"));
    assertTrue(classpath.out().contains(repo.resolve("org/nodelab/test/words/1.0/words-1.0.jar").toString()),
        classpath.out());
  }

  @Test
  void anUnresolvableCoordinateIsNamedInTheError() {
    CellResult r = evaluator.eval("%maven org.nodelab.test:missing:9.9");
    assertTrue(r.failed());
    assertEquals("MagicError", r.errorName());
    assertTrue(r.error().contains("cannot resolve org.nodelab.test:missing:9.9"), r.error());
    CellResult bad = evaluator.eval("%maven just-a-name");
    assertTrue(bad.error().contains("'just-a-name' is not a Maven coordinate"), bad.error());
  }

  @Test
  void timeReportsTheWallTimeAndKeepsTheValue() {
    Printed<CellResult> line = printed(() -> evaluator.eval("%time 6 * 7"));
    assertEquals(42, line.value().value());
    assertTrue(line.out().matches("Wall time: [0-9.]+ (ms|s)\\R"), line.out());
    Printed<CellResult> cell = printed(() -> evaluator.eval("%%time\nint q = 5;\nq * 2"));
    assertEquals(10, cell.value().value());
    assertTrue(cell.out().startsWith("Wall time: "), cell.out());
  }

  @Test
  void loadRunsAScriptsSnippetsUpToExit() throws Exception {
    Path script = dir.resolve("setup.jsh");
    Files.writeString(script, "int loaded = 6 * 7;\nString word = \"x\".repeat(3);\n/exit\nint never = 1;\n");
    CellResult r = evaluator.eval("%load " + script);
    assertFalse(r.failed(), r.error());
    assertEquals(42, evaluator.eval("loaded").value());
    assertEquals("xxx", evaluator.eval("word").value());
    assertTrue(evaluator.eval("never").failed());
  }

  @Test
  void helpListsEveryMagicAndAnUnknownOneIsNamed() {
    Printed<CellResult> help = printed(() -> evaluator.eval("%help"));
    for (String name : new String[] {"%maven", "%jars", "%classpath", "%load", "%time", "%%time", "%help"}) {
      assertTrue(help.out().contains(name), name + " in " + help.out());
    }
    CellResult unknown = evaluator.eval("%frobnicate now");
    assertEquals("UnknownMagic", unknown.errorName());
    assertTrue(unknown.error().contains("%frobnicate") && unknown.error().contains("%maven"), unknown.error());
    assertTrue(evaluator.isComplete("%help"));
  }

  @Test
  void jarsAddsFilesMatchingAGlob() throws Exception {
    Path other = dir.resolve("other");
    TinyMavenRepository.create(other, dir.resolve("work2"));
    try (Evaluator fresh = new Evaluator()) {
      assertTrue(fresh.eval("org.nodelab.test.words.Words.HELLO").failed(), "not on the class path before");
      Printed<CellResult> r = printed(() -> fresh.eval("%jars " + other + "/**/w*.jar"));
      assertFalse(r.value().failed(), r.value().error());
      assertTrue(r.out().contains("added 1 entry"), r.out());
      assertEquals("hello", fresh.eval("org.nodelab.test.words.Words.HELLO").value());
      assertTrue(fresh.eval("%jars " + other + "/nothing-*.jar").error().contains("no file matches"));
    }
  }

  @Test
  void theRunnerRunsMagicsLikeTheKernel() throws Exception {
    JsonArray cells = new JsonArray();
    for (String source : new String[] {"%maven " + TinyMavenRepository.GREETER,
        "%time org.nodelab.test.greeter.Greeter.greet(\"runner\")", "%nope"}) {
      JsonObject cell = new JsonObject();
      cell.addProperty("cell_type", "code");
      cell.add("metadata", new JsonObject());
      cell.add("outputs", new JsonArray());
      cell.addProperty("source", source);
      cells.add(cell);
    }
    JsonObject nb = new JsonObject();
    nb.add("cells", cells);
    nb.add("metadata", new JsonObject());
    nb.addProperty("nbformat", 4);
    nb.addProperty("nbformat_minor", 5);
    Path file = dir.resolve("magics.ipynb");
    Files.writeString(file, nb.toString());
    NotebookRunner.Outcome o = NotebookRunner.run(file, dir.resolve("out"), Duration.ofSeconds(120));
    assertEquals(2, o.failedCell(), o.failure());
    assertTrue(o.failure().contains("unknown magic %nope"), o.failure());
    JsonArray executed = JsonParser.parseString(Files.readString(o.notebook())).getAsJsonObject().getAsJsonArray("cells");
    JsonArray timed = executed.get(1).getAsJsonObject().getAsJsonArray("outputs");
    assertTrue(timed.get(0).getAsJsonObject().getAsJsonArray("text").get(0).getAsString().startsWith("Wall time: "));
    assertEquals("hello, runner", timed.get(1).getAsJsonObject().getAsJsonObject("data")
        .getAsJsonArray("text/plain").get(0).getAsString());
  }
}
