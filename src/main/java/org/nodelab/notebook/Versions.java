package org.nodelab.notebook;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/** Versions of nodelab, Java and the libraries, and the machine, for report headers and the kernel's banner. */
public final class Versions {
  private Versions() {}

  /**
   * nodelab's version as built by Maven.
   *
   * @return the version, e.g. "0.1.0-SNAPSHOT"
   */
  public static String nodelab() {
    return property(Versions.class, "/org/nodelab/version.properties");
  }

  /**
   * The running Java version.
   *
   * @return the version, e.g. "17.0.15"
   */
  public static String java() {
    return System.getProperty("java.version");
  }

  /**
   * Tablesaw's version, from its jar's Maven metadata.
   *
   * @return the version, or "unknown"
   */
  public static String tablesaw() {
    return property(tech.tablesaw.api.Table.class, "/META-INF/maven/tech.tablesaw/tablesaw-core/pom.properties");
  }

  /**
   * XChart's version, from its jar's Maven metadata.
   *
   * @return the version, or "unknown"
   */
  public static String xchart() {
    return property(org.knowm.xchart.XYChart.class, "/META-INF/maven/org.knowm.xchart/xchart/pom.properties");
  }

  /**
   * Operating system name, version and architecture.
   *
   * @return e.g. "Linux 6.1 amd64"
   */
  public static String os() {
    return System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch");
  }

  /**
   * The CPU's model name ({@code /proc/cpuinfo} on Linux), else the architecture.
   *
   * @return the model name
   */
  public static String cpu() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("model name")) {
          return line.substring(line.indexOf(':') + 1).strip();
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux: fall through
    }
    String id = System.getenv("PROCESSOR_IDENTIFIER");
    return id != null ? id : System.getProperty("os.arch");
  }

  /**
   * Processors available to this JVM.
   *
   * @return the number of processors
   */
  public static int cores() {
    return Runtime.getRuntime().availableProcessors();
  }

  private static String property(Class<?> owner, String resource) {
    try (InputStream in = owner.getResourceAsStream(resource)) {
      Properties p = new Properties();
      if (in != null) {
        p.load(in);
      }
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }
}
