package org.nodelab.site;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * {@code ./nodelab docs [--out DIR]}: builds the documentation site from the checkout in the working
 * directory (default {@code target/docs}), then checks every link and image of it; a broken one
 * fails the command with the list.
 */
public final class SiteMain {
  /** The command's synopsis. */
  static final String USAGE = "./nodelab docs [--out DIR]";

  private SiteMain() {}

  /**
   * Command line: {@code [--out DIR]}.
   *
   * @param args the arguments
   * @throws Exception if the site cannot be built, for {@link org.nodelab.io.CommandMain} to report
   */
  public static void main(String[] args) throws Exception {
    Path out = Path.of("target", "docs");
    org.nodelab.io.Options o = new org.nodelab.io.Options(USAGE, args);
    while (o.hasNext()) {
      switch (o.next()) {
        case "--out" -> out = Path.of(o.value());
        default -> throw o.unexpected();
      }
    }
    long start = System.nanoTime();
    SiteBuilder.Summary s = new SiteBuilder(Path.of(""), System.getProperty("java.class.path")).build(out);
    s.docWarnings().forEach(w -> System.err.println("javadoc: " + w));
    List<String> broken = LinkChecker.check(s.out());
    if (!broken.isEmpty()) {
      broken.forEach(System.err::println);
      throw new IllegalStateException(broken.size() + " broken links or images in the site " + s.out() + " (listed above)");
    }
    System.out.printf(Locale.ROOT, "wrote %s/index.html: %d guide pages, %d notebooks, %d charts, %d API pages, "
        + "every link checked, %d javadoc warnings (%.1f s)%n", s.out(), s.pages(), s.notebooks(), s.charts(), s.apiPages(),
        s.docWarnings().size(), (System.nanoTime() - start) / 1e9);
  }
}
