package org.nodelab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The numerical core ({@code tensor}, {@code nn}, {@code ode}) imports no third-party library and
 * nothing from the layers above it, so it stays small, fast to load and testable alone.
 */
class ArchitectureTest {
  private static final Path MAIN = Path.of("src/main/java/org/nodelab");
  private static final List<String> CORE = List.of("tensor", "nn", "ode");
  private static final List<String> FORBIDDEN =
      List.of("import tech.tablesaw", "import org.knowm", "import jdk.jshell", "import org.dflib",
          "import org.nd4j", "import org.nodelab.train", "import org.nodelab.data",
          "import org.nodelab.plot", "import org.nodelab.kernel", "import org.nodelab.model",
          "import static org.nodelab.Lab", "import org.nodelab.Lab");

  @Test
  void coreImportsNoThirdPartyLibraryAndNoHigherLayer() throws IOException {
    List<String> violations = new ArrayList<>();
    int files = 0;
    for (String pkg : CORE) {
      Path dir = MAIN.resolve(pkg);
      if (!Files.isDirectory(dir)) {
        continue;
      }
      try (Stream<Path> sources = Files.walk(dir)) {
        for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
          files++;
          for (String line : Files.readAllLines(source)) {
            for (String bad : FORBIDDEN) {
              if (line.startsWith(bad)) {
                violations.add(MAIN.relativize(source) + ": " + line);
              }
            }
          }
        }
      }
    }
    assertTrue(files > 10, "expected the core sources under " + MAIN + ", found " + files);
    assertEquals(List.of(), violations);
  }

  @Test
  void tensorDependsOnNothingElseInTheProject() throws IOException {
    List<String> violations = new ArrayList<>();
    try (Stream<Path> sources = Files.walk(MAIN.resolve("tensor"))) {
      for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
        for (String line : Files.readAllLines(source)) {
          if (line.startsWith("import org.nodelab.") && !line.startsWith("import org.nodelab.tensor.")) {
            violations.add(source.getFileName() + ": " + line);
          }
        }
      }
    }
    assertEquals(List.of(), violations);
  }

  @Test
  void onlyTheInteropPackageTouchesNd4jSoNodelabRunsWithoutIt() throws IOException {
    List<String> violations = new ArrayList<>();
    try (Stream<Path> sources = Files.walk(MAIN)) {
      for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
        if (source.startsWith(MAIN.resolve("interop"))) {
          continue;
        }
        for (String line : Files.readAllLines(source)) {
          if (line.contains("org.nd4j")) {
            violations.add(MAIN.relativize(source) + ": " + line);
          }
        }
      }
    }
    assertEquals(List.of(), violations);
  }
}
