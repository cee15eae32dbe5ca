package org.nodelab.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Spark off the class path, as in the kernel: a JVM with nodelab's run-time class path only runs a
 * JShell script whose sweep asks for {@code local[2]}; Spark is resolved through Maven into its own
 * class loader and the cell's lambda runs on it. About 20 s.
 */
class SparkResolutionTest {
  @TempDir Path dir;

  @Test
  void aSweepOnLocalSparkResolvesSparkWhenItIsNotOnTheClassPath() throws Exception {
    Set<String> runtime = Arrays.stream(new String(SparkResolutionTest.class.getResourceAsStream("runtime-dependencies.txt")
        .readAllBytes(), StandardCharsets.UTF_8).trim().split(":")).map(e -> Path.of(e).getFileName().toString())
        .collect(Collectors.toSet());
    List<String> classPath = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (entry.endsWith("classes") && !entry.endsWith("test-classes") || runtime.contains(Path.of(entry).getFileName().toString())) {
        classPath.add(entry);
      }
    }
    assertTrue(classPath.stream().noneMatch(e -> e.contains("spark-core")), "Spark must not be on the class path");
    Path script = dir.resolve("sweep.jsh");
    Files.writeString(script, """
        System.out.println("spark on the class path: " + SparkClassPath.onClassPath());
        var t = sweep().over("x", 1, 2, 3).on("local[2]").progress(false).run(cfg -> Map.of("y", cfg.integer("x") * 7));
        System.out.println("y = " + t.longColumn("y").asList() + ", workers " + new TreeSet<>(t.stringColumn("worker").asList()));
        """);
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "--add-modules=jdk.incubator.vector", "-Djava.awt.headless=true"));
    command.addAll(List.of(System.getProperty("nodelab.spark.jvm.options").trim().split("\\s+")));
    command.addAll(List.of("-cp", String.join(File.pathSeparator, classPath), "org.nodelab.notebook.ScriptRunner", script.toString()));
    Path out = dir.resolve("out.txt");
    Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
    assertTrue(p.waitFor(180, TimeUnit.SECONDS), "the script did not finish");
    String output = Files.readString(out);
    assertEquals(0, p.exitValue(), output);
    assertTrue(output.contains("spark on the class path: false"), output);
    assertTrue(output.contains("y = [7, 14, 21], workers [executor driver@127.0.0.1]"), output);
  }
}
