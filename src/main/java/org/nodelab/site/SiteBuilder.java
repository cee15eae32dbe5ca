package org.nodelab.site;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Builds the documentation site from a checkout: {@code docs/index.md} (the landing page), {@code
 * docs/getting-started.md}, every {@code docs/areas/*.md} (solvers, gradients, training, data,
 * kernel, sweeps, then any other in file-name order), every {@code
 * notebooks/*.ipynb}, a gallery of their charts, and the API reference of {@code src/main/java}.
 * The site is written to a temporary directory beside the output and moved into place whole.
 *
 * @param project the checkout's root directory
 * @param classpath the libraries the sources compile against, for javadoc
 */
public record SiteBuilder(Path project, String classpath) {

  /**
   * What a build wrote.
   *
   * @param out the site's root directory
   * @param pages the number of guide pages (landing, getting started, areas, notebook index, gallery)
   * @param notebooks the number of notebook pages
   * @param charts the number of charts in the gallery
   * @param apiPages the number of HTML pages of the API reference
   * @param docWarnings doclint's findings on the documented packages (missing comments or tags), one line each
   */
  public record Summary(Path out, int pages, int notebooks, int charts, int apiPages, List<String> docWarnings) {}

  /**
   * Builds the site.
   *
   * @param out the directory to write; replaced if it exists
   * @return the counts of what was written
   * @throws IOException if a file cannot be read or written
   * @throws IllegalArgumentException if a page has no title line or a link of the form {@code api:} names nothing
   * @throws IllegalStateException if javadoc fails
   */
  public Summary build(Path out) throws IOException {
    Path docs = project.resolve("docs");
    Path target = out.toAbsolutePath().normalize();
    Files.createDirectories(target.getParent());
    Path site = Files.createTempDirectory(target.getParent(), target.getFileName() + ".tmp");
    try {
      copyResource("style.css", site.resolve("style.css"));
      List<Path> areaFiles = new ArrayList<>(list(docs.resolve("areas"), ".md"));
      areaFiles.sort(Comparator.comparingInt(SiteBuilder::areaRank).thenComparing(Path::getFileName));
      List<Layout.Link> areas = new ArrayList<>();
      for (Path f : areaFiles) {
        areas.add(new Layout.Link("areas/" + htmlName(f), MarkdownPage.read(f).title()));
      }
      Layout layout = new Layout(areas);
      markdown(docs.resolve("index.md"), site, "index.html", layout);
      markdown(docs.resolve("getting-started.md"), site, "getting-started.html", layout);
      for (Path f : areaFiles) {
        markdown(f, site, "areas/" + htmlName(f), layout);
      }
      NotebookPages notebooks = new NotebookPages();
      List<Path> notebookFiles = list(project.resolve("notebooks"), ".ipynb");
      for (Path nb : notebookFiles) {
        notebooks.add(nb, site, layout);
      }
      notebooks.writeIndex(site, layout);
      Files.writeString(site.resolve("gallery.html"), layout.page("gallery.html", "Gallery", Gallery.html(notebooks.charts())));
      List<String> docWarnings = ApiReference.write(project.resolve("src/main/java"), classpath, site.resolve("api"));
      replace(site, target);
      int apiPages;
      try (Stream<Path> files = Files.walk(target.resolve("api"))) {
        apiPages = (int) files.filter(f -> f.toString().endsWith(".html")).count();
      }
      return new Summary(target, 4 + areas.size(), notebookFiles.size(), notebooks.charts().size(), apiPages, docWarnings);
    } finally {
      deleteTree(site);
    }
  }

  private static void markdown(Path source, Path site, String page, Layout layout) throws IOException {
    MarkdownPage md = MarkdownPage.read(source);
    String root = "../".repeat((int) page.chars().filter(c -> c == '/').count());
    Path file = site.resolve(page);
    Files.createDirectories(file.getParent());
    Files.writeString(file, layout.page(page, md.title(), md.html(root)));
  }

  private static String htmlName(Path markdown) {
    return markdown.getFileName().toString().replaceFirst("\\.md$", ".html");
  }

  /** The reading order of the known areas (the DSL's own: solve, differentiate, train, data, notebook, sweep); others after. */
  private static final List<String> AREA_ORDER = List.of("solvers.md", "gradients.md", "training.md", "data.md",
      "kernel.md", "sweeps.md");

  private static int areaRank(Path file) {
    int i = AREA_ORDER.indexOf(file.getFileName().toString());
    return i < 0 ? AREA_ORDER.size() : i;
  }

  private static List<Path> list(Path dir, String suffix) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.getFileName().toString().endsWith(suffix)).sorted().toList();
    }
  }

  private static void copyResource(String name, Path to) throws IOException {
    try (InputStream in = SiteBuilder.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("the resource org/nodelab/site/" + name + " is missing from the class path");
      }
      Files.copy(in, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** Moves the finished site into place: the old site (if any) is moved aside first, then deleted. */
  private static void replace(Path site, Path target) throws IOException {
    Path old = null;
    if (Files.exists(target)) {
      old = Files.createTempDirectory(target.getParent(), target.getFileName() + ".old");
      Files.delete(old);
      Files.move(target, old);
    }
    Files.move(site, target, StandardCopyOption.ATOMIC_MOVE);
    if (old != null) {
      deleteTree(old);
    }
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(f);
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
