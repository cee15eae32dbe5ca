package org.nodelab.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code ./nodelab} command given a bad command line or a bad file: one or two lines on standard
 * error naming the problem (and the fix or the usage), exit status 2 for usage and 1 for failures,
 * no stack trace unless asked for. Commands that end the JVM themselves run in a JVM of their own,
 * as the launcher runs them; the others through {@link CommandMain#run} in this one.
 */
class CommandLineTest {
  private static final String RUN = "org.nodelab.notebook.NotebookRunner";
  @TempDir Path dir;

  private record Result(int status, String err) {
    List<String> lines() {
      return err.lines().filter(l -> !l.startsWith("WARNING: Using incubator modules")).toList();
    }
  }

  /** In this JVM, as CommandMain runs the command; standard error and the report captured. */
  private static Result here(String mainClass, String... args) {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    PrintStream err = new PrintStream(buffer, true, StandardCharsets.UTF_8);
    PrintStream old = System.err;
    System.setErr(err);
    int status;
    try {
      status = CommandMain.run(mainClass, args, err, false);
    } finally {
      System.setErr(old);
    }
    return new Result(status, buffer.toString(StandardCharsets.UTF_8));
  }

  /** In a JVM of its own, as the launcher runs it. */
  private Result jvm(Map<String, String> env, String mainClass, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Djava.awt.headless=true", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
        CommandMain.class.getName(), mainClass));
    command.addAll(List.of(args));
    Path err = Files.createTempFile(dir, "err", ".txt");
    ProcessBuilder pb = new ProcessBuilder(command).redirectError(err.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD);
    pb.environment().remove("NODELAB_DEBUG");
    pb.environment().putAll(env);
    Process p = pb.start();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the command ends");
    return new Result(p.exitValue(), Files.readString(err));
  }

  private Result jvm(String mainClass, String... args) throws Exception {
    return jvm(Map.of(), mainClass, args);
  }

  /** The launcher script itself, for what it decides before any Java starts. */
  private static Result launcher(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("bash", "nodelab"));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    return new Result(p.exitValue(), err);
  }

  private static void assertClean(Result r, int status, String... phrases) {
    String shown = "status " + r.status() + ", stderr:\n" + r.err();
    assertEquals(status, r.status(), shown);
    assertTrue(r.lines().size() >= 1 && r.lines().size() <= 2, "one or two lines; " + shown);
    assertFalse(r.err().contains("\tat ") || r.err().contains("Exception in thread"), "no stack trace; " + shown);
    for (String phrase : phrases) {
      assertTrue(r.err().contains(phrase), "'" + phrase + "' in " + shown);
    }
    if (status == CommandMain.USAGE) {
      assertTrue(r.lines().get(r.lines().size() - 1).startsWith("usage: ./nodelab"), "the usage line; " + shown);
    }
  }

  private Path file(String name, String text) throws Exception {
    Path f = dir.resolve(name);
    Files.writeString(f, text);
    return f;
  }

  @Test
  void runReportsMissingUnreadableAndMalformedNotebooksInALineOrTwoWithStatusOne() throws Exception {
    assertClean(here(RUN, dir.resolve("missing.ipynb").toString()), 1, "missing.ipynb", "no such file", "check the path");
    assertClean(here(RUN, dir.toString()), 1, "cannot read " + dir);
    assertClean(here(RUN, file("broken.ipynb", "{\"nbformat\": 4, \"cells\": [").toString()), 1,
        "broken.ipynb is not valid JSON");
    assertClean(here(RUN, file("binary.ipynb", "\u0000\u00ff\u0001").toString()), 1, "binary.ipynb");
    assertClean(here(RUN, file("v3.ipynb", "{\"nbformat\": 3, \"worksheets\": []}").toString()), 1,
        "nbformat 3", "jupyter nbconvert");
    assertClean(here(RUN, file("list.ipynb", "[1, 2]").toString()), 1, "not a notebook");
    assertClean(here(RUN, file("py.ipynb", "{\"nbformat\": 4, \"nbformat_minor\": 5, \"metadata\": {\"kernelspec\":"
        + " {\"name\": \"python3\", \"language\": \"python\"}}, \"cells\": []}").toString()), 1,
        "\"python3\"", "--force");
    assertClean(here(RUN, file("r.ipynb", "{\"nbformat\": 4, \"nbformat_minor\": 2, \"metadata\": {\"language_info\":"
        + " {\"name\": \"R\"}}, \"cells\": []}").toString()), 1, "the language R", "--force");
  }

  @Test
  void runReportsUsageErrorsWithTheUsageLineAndStatusTwo() {
    assertClean(here(RUN), 2, "no notebook given");
    assertClean(here(RUN, "a.ipynb", "--frobnicate"), 2, "unknown option --frobnicate");
    assertClean(here(RUN, "a.ipynb", "--timeout", "ten"), 2, "--timeout takes a whole number", "'ten'");
    assertClean(here(RUN, "a.ipynb", "--timeout", "0"), 2, "at least 1");
    assertClean(here(RUN, "a.ipynb", "--out"), 2, "--out needs a value");
    assertClean(here(RUN, "a.ipynb", "b.ipynb"), 2, "unexpected argument 'b.ipynb'");
  }

  @Test
  void benchmarksReportBadOptionsAndNumbersWithStatusTwo() throws Exception {
    assertClean(here("org.nodelab.bench.SpiralBenchmark", "--iterations", "many"), 2, "--iterations", "'many'");
    assertClean(here("org.nodelab.bench.SpiralBenchmark", "--gradients", "both"), 2, "direct or adjoint");
    assertClean(here("org.nodelab.bench.SpiralBenchmark", "--seed"), 2, "--seed needs a value");
    assertClean(here("org.nodelab.bench.SolverWorkPrecision", "--slow"), 2, "unknown option --slow");
    assertClean(here("org.nodelab.bench.GradientMemoryBenchmark", "16"), 2, "no arguments");
    assertClean(here("org.nodelab.bench.LiveDisplayBenchmark", "--repeats", "-1"), 2, "--repeats", "at least 1");
    assertClean(jvm("org.nodelab.bench.MnistBenchmark", "--channels", "x"), 2, "--channels", "'x'");
    assertClean(jvm("org.nodelab.bench.CirclesBenchmark", "--threads", "two"), 2, "two");
    assertClean(jvm("org.nodelab.bench.Jmh", "MlpBenchmark", "-f", "many"), 2, "many", "bench jmh -h");
  }

  @Test
  void exampleAndScriptsReportBadArgumentsAndMissingFiles() throws Exception {
    assertClean(here("org.nodelab.examples.TinyTraining", "seven"), 2, "seed", "'seven'");
    assertClean(here("org.nodelab.examples.TinyTraining", "1", "2"), 2, "one seed at most");
    assertClean(here("org.nodelab.notebook.ScriptRunner"), 2, "no script given");
    assertClean(here("org.nodelab.notebook.ScriptRunner", dir.resolve("none.jsh").toString()), 1, "none.jsh", "no such file");
    assertClean(here("org.nodelab.notebook.ScriptRunner", dir.toString()), 1, "it is not a file");
    assertClean(jvm("org.nodelab.notebook.ScriptRunner", file("bad.jsh", "int a = 1;\n/vars\n").toString()), 1,
        "/vars is not supported");
  }

  @Test
  void aFailureInAJvmOfItsOwnExitsWithOneAndShowsTheStackTraceOnlyWhenAskedTo() throws Exception {
    String missing = dir.resolve("missing.ipynb").toString();
    assertClean(jvm(RUN, missing), 1, "no such file");
    assertClean(jvm(RUN, "--timeout", "x", missing), 2, "--timeout");
    for (Result r : List.of(jvm(RUN, missing, "--debug"), jvm(Map.of("NODELAB_DEBUG", "1"), RUN, missing))) {
      assertEquals(1, r.status(), r.err());
      assertTrue(r.err().startsWith("nodelab: cannot read " + missing) && r.err().contains("\tat org.nodelab.notebook.NotebookJson.read"),
          r.err());
    }
  }

  @Test
  void theKernelReportsAMissingOrBrokenConnectionFileInOneLine() throws Exception {
    assertClean(jvm("org.nodelab.kernel.KernelMain", dir.resolve("kernel-1.json").toString()), 1,
        "cannot read the connection file", "kernel-1.json", "NoSuchFileException");
    assertClean(jvm("org.nodelab.kernel.KernelMain", file("kernel-2.json", "{\"ip\": ").toString()), 1,
        "cannot read the connection file", "kernel-2.json");
  }

  @Test
  void theLauncherRefusesUnknownCommandsInOneLineWithStatusTwo() throws Exception {
    for (String[] args : new String[][] {{"frobnicate"}, {"kernel", "uninstall"}, {"bench", "everything"}}) {
      Result r = launcher(args);
      assertEquals(2, r.status(), r.err());
      assertEquals(List.of("nodelab: unknown command '" + String.join(" ", args) + "'; ./nodelab help lists the commands"),
          r.lines());
    }
  }

  @Test
  void anUnexpectedExceptionSaysHowToSeeItsStackTrace() {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    int status = CommandMain.report(new NullPointerException(), new PrintStream(buffer, true, StandardCharsets.UTF_8), false);
    assertEquals(1, status);
    assertEquals(List.of("nodelab: NullPointerException", "an unexpected NullPointerException (run with --debug or"
        + " NODELAB_DEBUG=1 for the stack trace)"), buffer.toString(StandardCharsets.UTF_8).lines().toList());
  }
}
