package org.nodelab.site;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.spi.ToolProvider;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * The API reference: the JDK's javadoc run in this JVM ({@link ToolProvider}) over the sources, so
 * the site never depends on a Maven run having left a possibly stale reference behind. Doclint runs
 * with every group, missing comments and tags included, on the packages of {@link #CHECKED}: what
 * it reports is returned, so that the build can show it and a test can insist on none.
 */
final class ApiReference {
  /**
   * The packages whose every public and protected type and member must be documented, with its
   * parameters, return value and checked exceptions; a new package joins the list once it is.
   */
  static final List<String> CHECKED = List.of("org.nodelab", "org.nodelab.io", "org.nodelab.tensor", "org.nodelab.nn",
      "org.nodelab.ode", "org.nodelab.ode.control", "org.nodelab.model", "org.nodelab.data", "org.nodelab.train",
      "org.nodelab.plot", "org.nodelab.notebook", "org.nodelab.kernel", "org.nodelab.interop", "org.nodelab.examples",
      "org.nodelab.site", "org.nodelab.sweep", "org.nodelab.sweep.spark");
  private static final java.util.regex.Pattern DOCLINT = java.util.regex.Pattern.compile(".*\\.java:\\d+: (warning|error): .*");

  private ApiReference() {}

  /**
   * Writes the reference.
   *
   * @param sources the source root, {@code src/main/java}
   * @param classpath the class path the sources compile against (their libraries)
   * @param out the directory to write, {@code api/} of the site
   * @return doclint's findings on the packages of {@link #CHECKED}, one line each ("File.java:LINE: warning: ...")
   * @throws IllegalStateException if the JDK has no javadoc tool or javadoc fails (its output in the message)
   */
  static List<String> write(Path sources, String classpath, Path out) {
    ToolProvider javadoc = ToolProvider.findFirst("javadoc").orElseThrow(() -> new IllegalStateException(
        "the API reference needs the JDK's javadoc tool (module jdk.javadoc): run nodelab with a full JDK 17, not a JRE"));
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    PrintStream print = new PrintStream(log, true, StandardCharsets.UTF_8);
    List<String> args = List.of("-quiet", "-Xdoclint:all", "-Xdoclint/package:" + String.join(",", CHECKED),
        "-Xmaxwarns", "100000", "-notimestamp", "-encoding", "UTF-8", "-charset", "UTF-8",
        "--add-modules", "jdk.incubator.vector", "-windowtitle", "nodelab API", "-doctitle", "nodelab API reference",
        "-d", out.toString(), "-sourcepath", sources.toString(), "-classpath", classpath, "-subpackages", "org.nodelab");
    int status = javadoc.run(print, print, args.toArray(String[]::new));
    if (status != 0) {
      throw new IllegalStateException("javadoc failed (status " + status + ") on " + sources + ":\n"
          + log.toString(StandardCharsets.UTF_8).lines().filter(l -> l.contains("error")).limit(20)
              .reduce("", (a, b) -> a + b + "\n"));
    }
    repairConstantsContents(out.resolve("constant-values.html"));
    return log.toString(StandardCharsets.UTF_8).lines().filter(l -> DOCLINT.matcher(l).matches())
        .map(l -> l.startsWith(sources.toString()) ? l.substring(sources.toString().length() + 1) : l).toList();
  }

  /**
   * JDK 17's javadoc links the contents of its constants page to each package group's name
   * ({@code #org.nodelab}) but gives the group's section the id of its first package: the heading
   * gets the name as its id, so the link lands on it.
   */
  private static void repairConstantsContents(Path page) {
    if (!Files.exists(page)) {
      return;
    }
    try {
      Document doc = Jsoup.parse(page.toFile(), "UTF-8");
      boolean changed = false;
      for (Element h2 : doc.select("section.constants-summary > h2[title]")) {
        String group = h2.attr("title");
        if (h2.id().isEmpty() && doc.getElementById(group) == null) {
          h2.id(group);
          changed = true;
        }
      }
      if (changed) {
        Files.writeString(page, doc.outerHtml(), StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot repair " + page, e);
    }
  }
}
