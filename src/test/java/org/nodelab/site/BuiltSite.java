package org.nodelab.site;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The documentation site of this checkout, built once per test JVM into a temporary directory (about
 * ten seconds, most of it javadoc) and shared by the tests that read it; deleted when the JVM exits.
 */
final class BuiltSite {
  private static SiteBuilder.Summary summary;

  private BuiltSite() {}

  /** @return the build's summary; its {@code out()} is the site's root */
  static synchronized SiteBuilder.Summary get() {
    if (summary == null) {
      try {
        Path dir = Files.createTempDirectory("nodelab-site");
        summary = new SiteBuilder(Path.of(""), classpath()).build(dir.resolve("site"));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
          try {
            SiteBuilder.deleteTree(dir);
          } catch (IOException ignored) {
            // a temporary directory left behind
          }
        }));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return summary;
  }

  /** The test class path (surefire passes it in {@code java.class.path} or, with a manifest-only jar, its own property). */
  static String classpath() {
    String surefire = System.getProperty("surefire.test.class.path");
    return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
  }
}
