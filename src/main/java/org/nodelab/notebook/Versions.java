package org.nodelab.notebook;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The nodelab and Java versions, for report headers and the kernel's banner. */
public final class Versions {
  private Versions() {}

  /** nodelab's version as built by Maven. */
  public static String nodelab() {
    try (InputStream in = Versions.class.getResourceAsStream("/org/nodelab/version.properties")) {
      Properties p = new Properties();
      if (in != null) {
        p.load(in);
      }
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }

  /** The running Java version. */
  public static String java() {
    return System.getProperty("java.version");
  }
}
