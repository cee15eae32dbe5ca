package org.nodelab.site;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/**
 * The site built from this checkout: no broken link, anchor or image (jsoup's reading of every page,
 * the API reference included), a page per markdown file and per notebook, and the gallery holding
 * exactly the notebooks' charts, counted here straight from their JSON.
 */
class SiteBuildTest {
  private final Path site = BuiltSite.get().out();

  @Test
  void everyLinkAnchorAndImageResolves() {
    assertEquals(List.of(), LinkChecker.check(site));
  }

  @Test
  void theDocumentedPackagesHaveNoDoclintFindings() {
    assertEquals(List.of(), BuiltSite.get().docWarnings(), "javadoc with -Xdoclint:all on " + ApiReference.CHECKED);
  }

  @Test
  void everyMarkdownFileAndNotebookHasItsPage() throws Exception {
    List<Path> areas = list(Path.of("docs/areas"), ".md");
    List<Path> notebooks = list(Path.of("notebooks"), ".ipynb");
    assertTrue(areas.size() >= 5 && notebooks.size() >= 11, "areas " + areas + ", notebooks " + notebooks);
    Document index = Jsoup.parse(site.resolve("index.html").toFile(), "UTF-8");
    for (Path md : areas) {
      String page = "areas/" + md.getFileName().toString().replace(".md", ".html");
      assertTrue(Files.isRegularFile(site.resolve(page)), page);
      assertTrue(index.select("nav a[href=\"" + page + "\"]").size() == 1, "the navigation links to " + page);
    }
    for (Path nb : notebooks) {
      String name = nb.getFileName().toString().replace(".ipynb", "");
      Document page = Jsoup.parse(site.resolve("notebooks/" + name + ".html").toFile(), "UTF-8");
      assertEquals(1, page.select("a[download][href=\"" + name + ".ipynb\"]").size(), name + " offers its .ipynb");
      assertArrayEquals(Files.readAllBytes(nb), Files.readAllBytes(site.resolve("notebooks/" + name + ".ipynb")));
      assertEquals(codeCells(nb), page.select("main pre:not([class]) > code:not([class])").size(), name + ": one block per code cell");
    }
    assertEquals(4 + areas.size(), BuiltSite.get().pages());
    assertEquals(notebooks.size(), BuiltSite.get().notebooks());
  }

  @Test
  void theGalleryShowsEveryChartOfTheNotebooksByteForByte() throws Exception {
    Document gallery = Jsoup.parse(site.resolve("gallery.html").toFile(), "UTF-8");
    List<Element> figures = gallery.select("figure");
    int expected = 0;
    for (Path nb : list(Path.of("notebooks"), ".ipynb")) {
      List<byte[]> pngs = charts(nb);
      String name = nb.getFileName().toString().replace(".ipynb", "");
      for (int i = 0; i < pngs.size(); i++) {
        Element figure = figures.get(expected + i);
        String image = "notebooks/" + name + "-fig-" + (i + 1) + ".png";
        assertEquals(image, figure.selectFirst("img").attr("src"));
        assertEquals("notebooks/" + name + ".html#fig-" + (i + 1), figure.selectFirst("a").attr("href"));
        assertArrayEquals(pngs.get(i), Files.readAllBytes(site.resolve(image)), image);
      }
      expected += pngs.size();
    }
    assertEquals(expected, figures.size());
    assertTrue(expected >= 30, "the notebooks ship " + expected + " charts");
  }

  @Test
  void apiLinksOfTheAreaPagesLandOnTheReference() throws Exception {
    Document solvers = Jsoup.parse(site.resolve("areas/solvers.html").toFile(), "UTF-8");
    Element rk4 = solvers.selectFirst("a:contains(rk4)");
    assertEquals("../api/org/nodelab/ode/Solvers.html#rk4()", rk4.attr("href"));
    Document reference = Jsoup.parse(site.resolve("api/org/nodelab/ode/Solvers.html").toFile(), "UTF-8");
    assertTrue(reference.getElementById("rk4()").parent().text().contains("Classical Runge–Kutta (order 4, fixed step)"));
  }

  /** The solvers page's method table (a GitHub-flavoured table in its markdown) renders as a table, one row per method. */
  @Test
  void markdownTablesRenderAsTables() throws Exception {
    Document solvers = Jsoup.parse(site.resolve("areas/solvers.html").toFile(), "UTF-8");
    Element table = solvers.selectFirst("table");
    assertTrue(table != null, "no table on the solvers page");
    assertEquals(11, table.select("tbody tr").size(), "euler … radau5");
    assertTrue(table.selectFirst("tbody tr:last-child td").text().contains("radau5"));
  }

  @Test
  void javaBlocksAreHighlightedWithoutScript() throws Exception {
    for (String page : List.of("index.html", "getting-started.html", "notebooks/01-spiral.html")) {
      Document doc = Jsoup.parse(site.resolve(page).toFile(), "UTF-8");
      assertTrue(doc.select("pre code span.k").size() > 0, page + " has highlighted keywords");
      assertEquals(0, doc.select("script").size(), page + " needs no script");
      assertEquals(1, doc.select("link[rel=stylesheet][href$=style.css]").size(), page);
    }
  }

  private static int codeCells(Path nb) throws Exception {
    int n = 0;
    for (JsonElement c : notebook(nb).getAsJsonArray("cells")) {
      n += "code".equals(c.getAsJsonObject().get("cell_type").getAsString()) ? 1 : 0;
    }
    return n;
  }

  private static List<byte[]> charts(Path nb) throws Exception {
    List<byte[]> pngs = new java.util.ArrayList<>();
    for (JsonElement c : notebook(nb).getAsJsonArray("cells")) {
      JsonObject cell = c.getAsJsonObject();
      if (!cell.has("outputs")) {
        continue;
      }
      for (JsonElement o : cell.getAsJsonArray("outputs")) {
        JsonObject data = o.getAsJsonObject().getAsJsonObject("data");
        if (data != null && data.has("image/png")) {
          JsonElement png = data.get("image/png");
          String base64 = png.isJsonArray() ? String.join("", png.getAsJsonArray().asList().stream()
              .map(JsonElement::getAsString).toList()) : png.getAsString();
          pngs.add(Base64.getMimeDecoder().decode(base64.strip()));
        }
      }
    }
    return pngs;
  }

  private static JsonObject notebook(Path nb) throws Exception {
    return JsonParser.parseString(Files.readString(nb)).getAsJsonObject();
  }

  private static List<Path> list(Path dir, String suffix) throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.toString().endsWith(suffix)).sorted().toList();
    }
  }
}
