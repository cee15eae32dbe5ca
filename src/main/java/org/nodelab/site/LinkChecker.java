package org.nodelab.site;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Checks a static site as HTML (jsoup): every relative link, image, stylesheet and script resolves
 * to a file inside the site, every {@code #anchor} to an element with that id (or an {@code a}
 * with that name), and nothing a page loads comes from the network, so the site reads offline.
 * Links to other sites ({@code https:}, {@code mailto:}) are not followed.
 */
public final class LinkChecker {
  private final Path root;
  private final Map<Path, Set<String>> anchors = new HashMap<>();

  private LinkChecker(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  /**
   * Checks every {@code .html} page under a directory.
   *
   * @param site the site's root directory
   * @return one line per problem, "page: what is wrong", empty when every link resolves
   * @throws UncheckedIOException if a page cannot be read
   */
  public static List<String> check(Path site) {
    LinkChecker checker = new LinkChecker(site);
    List<String> problems = new ArrayList<>();
    try (Stream<Path> files = Files.walk(checker.root)) {
      for (Path page : files.filter(f -> f.toString().endsWith(".html")).sorted().toList()) {
        checker.checkPage(page, problems);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the site " + site, e);
    }
    return problems;
  }

  private void checkPage(Path page, List<String> problems) {
    Document doc = parse(page);
    String name = root.relativize(page).toString();
    for (Element e : doc.select("a[href], link[href], img[src], script[src], iframe[src], source[src]")) {
      boolean loaded = !e.tagName().equals("a");
      String target = e.attr(loaded && !e.tagName().equals("link") ? "src" : "href");
      String problem = problem(page, target, loaded);
      if (problem != null) {
        problems.add(name + ": " + e.tagName() + " '" + target + "' " + problem);
      }
    }
  }

  /** What is wrong with one link of {@code page}, or null. */
  private String problem(Path page, String target, boolean loaded) {
    if (target.isEmpty()) {
      return "is empty";
    }
    int colon = target.indexOf(':');
    int slash = target.indexOf('/');
    boolean external = target.startsWith("//") || (colon > 0 && (slash < 0 || colon < slash) && !target.startsWith("#"));
    if (external) {
      return loaded && !target.startsWith("data:") ? "loads from the network (the site must read offline)" : null;
    }
    int hash = target.indexOf('#');
    String pathPart = hash < 0 ? target : target.substring(0, hash);
    String fragment = hash < 0 ? "" : decode(target.substring(hash + 1));
    int query = pathPart.indexOf('?');
    if (query >= 0) {
      pathPart = pathPart.substring(0, query);
    }
    Path file = pathPart.isEmpty() ? page : page.getParent().resolve(decode(pathPart)).normalize();
    if (!file.startsWith(root)) {
      return "points outside the site";
    }
    if (Files.isDirectory(file)) {
      file = file.resolve("index.html");
    }
    if (!Files.isRegularFile(file)) {
      return "does not resolve (no file " + root.relativize(file) + ")";
    }
    if (!fragment.isEmpty() && file.toString().endsWith(".html") && !anchorsOf(file).contains(fragment)) {
      return "names the anchor #" + fragment + ", which " + root.relativize(file) + " does not have";
    }
    return null;
  }

  private Set<String> anchorsOf(Path file) {
    return anchors.computeIfAbsent(file, f -> {
      Set<String> ids = new HashSet<>();
      Document doc = parse(f);
      doc.select("[id]").forEach(e -> ids.add(e.id()));
      doc.select("a[name]").forEach(e -> ids.add(e.attr("name")));
      return ids;
    });
  }

  private static Document parse(Path page) {
    try {
      return Jsoup.parse(page.toFile(), "UTF-8");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the page " + page, e);
    }
  }

  private static String decode(String s) {
    return s.contains("%") ? URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8) : s;
  }
}
