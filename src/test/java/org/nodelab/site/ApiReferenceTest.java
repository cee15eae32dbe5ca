package org.nodelab.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reference's doclint reports what is missing in a checked package, and only there: a public
 * method of {@code org.nodelab.tensor} without its tags is found, the same method in a package
 * outside {@link ApiReference#CHECKED} is not.
 */
class ApiReferenceTest {

  @Test
  void reportsMissingTagsInCheckedPackagesOnly(@TempDir Path dir) throws Exception {
    Path src = dir.resolve("src");
    write(src.resolve("org/nodelab/tensor/Half.java"), "package org.nodelab.tensor;\n\n/** Halves. */\npublic final class Half {\n"
        + "  private Half() {}\n\n  /** Half of x. */\n  public static double of(double x) {\n    return x / 2;\n  }\n}\n");
    write(src.resolve("org/nodelab/elsewhere/Half.java"), "package org.nodelab.elsewhere;\n\n/** Halves. */\npublic final class Half {\n"
        + "  private Half() {}\n\n  /** Half of x. */\n  public static double of(double x) {\n    return x / 2;\n  }\n}\n");
    List<String> warnings = ApiReference.write(src, BuiltSite.classpath(), dir.resolve("api"));
    assertEquals(List.of("org/nodelab/tensor/Half.java:8: warning: no @param for x",
        "org/nodelab/tensor/Half.java:8: warning: no @return"), warnings);
    assertTrue(Files.isRegularFile(dir.resolve("api/org/nodelab/elsewhere/Half.html")));
  }

  private static void write(Path file, String text) throws Exception {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }
}
