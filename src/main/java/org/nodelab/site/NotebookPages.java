package org.nodelab.site;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.nodelab.notebook.NotebookHtml;

/**
 * The notebooks' pages under {@code notebooks/}: each executed {@code .ipynb} rendered by the
 * runner's renderer ({@link NotebookHtml}), its code highlighted, its sections given anchors, its
 * charts written beside it as PNG files, and the notebook itself copied for download; plus an index
 * page. The charts are collected for the gallery.
 */
final class NotebookPages {
  /**
   * A chart of a notebook.
   *
   * @param page the notebook's page under the site root, such as {@code notebooks/01-spiral.html}
   * @param image the PNG under the site root
   * @param id the chart's anchor on the notebook's page
   * @param notebookTitle the notebook's title
   * @param section the heading the chart appears under
   * @param sectionId that heading's anchor
   * @param alt the chart's text alternative (its type and title)
   */
  record Chart(String page, String image, String id, String notebookTitle, String section, String sectionId, String alt) {}

  /**
   * A rendered notebook, for the index.
   *
   * @param page its page under the site root
   * @param title its first heading
   * @param summary the first paragraph after the heading, as plain text
   */
  record Entry(String page, String title, String summary) {}

  private final List<Chart> charts = new ArrayList<>();
  private final List<Entry> entries = new ArrayList<>();

  /**
   * Renders one notebook into {@code site/notebooks/}.
   *
   * @param notebook the {@code .ipynb} file
   * @param site the site root being written
   * @param layout the site's frame
   * @throws IOException if a file cannot be written
   */
  void add(Path notebook, Path site, Layout layout) throws IOException {
    String name = notebook.getFileName().toString().replaceFirst("\\.ipynb$", "");
    String page = "notebooks/" + name + ".html";
    Path dir = Files.createDirectories(site.resolve("notebooks"));
    NotebookHtml rendered = NotebookHtml.of(notebook);
    Document doc = Jsoup.parseBodyFragment(rendered.cells());
    Element body = doc.body();
    HtmlPass.headingIds(body);
    HtmlPass.highlight(body, "pre:not([class]) > code");
    Element h1 = body.selectFirst("h1");
    String title = h1 == null ? name : h1.text();
    Element firstParagraph = h1 == null ? null : h1.nextElementSibling();
    entries.add(new Entry(page, title, firstParagraph != null && firstParagraph.tagName().equals("p") ? firstParagraph.text() : ""));
    extractCharts(body, dir, name, page, title);
    String head = "<p class=\"download\"><a href=\"" + name + ".ipynb\" download>Download " + name
        + ".ipynb</a> (with its outputs; run it with <code>./nodelab run notebooks/" + name + ".ipynb</code>)</p>\n"
        + "<p class=\"provenance\">" + rendered.provenance() + "</p>\n";
    if (h1 != null) {
      h1.after(head);
    } else {
      body.prepend(head);
    }
    Files.writeString(dir.resolve(name + ".html"), layout.page(page, title, body.html()));
    Files.copy(notebook, dir.resolve(name + ".ipynb"), StandardCopyOption.REPLACE_EXISTING);
  }

  /** Writes each inline PNG beside the page and points the image at it, noting the chart and its section. */
  private void extractCharts(Element body, Path dir, String name, String page, String title) throws IOException {
    String section = title;
    String sectionId = "";
    int n = 0;
    for (Element e : body.getAllElements()) {
      if (e.tagName().matches("h[1-3]")) {
        section = e.text();
        sectionId = e.id();
      } else if (e.tagName().equals("img") && e.attr("src").startsWith("data:image/png;base64,")) {
        n++;
        String file = name + "-fig-" + n + ".png";
        Files.write(dir.resolve(file), Base64.getMimeDecoder().decode(e.attr("src").substring("data:image/png;base64,".length())));
        String id = "fig-" + n;
        e.attr("src", file).id(id);
        charts.add(new Chart(page, "notebooks/" + file, id, title, section, sectionId, e.attr("alt")));
      }
    }
  }

  /** @return the charts of the notebooks added so far, in order */
  List<Chart> charts() {
    return List.copyOf(charts);
  }

  /**
   * Writes {@code notebooks/index.html}, the list of notebooks.
   *
   * @param site the site root being written
   * @param layout the site's frame
   * @throws IOException if the page cannot be written
   */
  void writeIndex(Path site, Layout layout) throws IOException {
    StringBuilder html = new StringBuilder("<h1>Notebooks</h1>\n<p>Every notebook ships executed: its outputs below are "
        + "from its last run, whose provenance each page shows. Run one with <code>./nodelab run notebooks/NAME.ipynb</code>, "
        + "or open it in Jupyter with the nodelab kernel.</p>\n<ul>\n");
    for (Entry e : entries) {
      html.append("<li><a href=\"").append(e.page().substring("notebooks/".length())).append("\">")
          .append(JavaHighlighter.escape(e.title())).append("</a>")
          .append(e.summary().isEmpty() ? "" : " — " + JavaHighlighter.escape(e.summary())).append("</li>\n");
    }
    html.append("</ul>\n");
    Files.writeString(Files.createDirectories(site.resolve("notebooks")).resolve("index.html"),
        layout.page("notebooks/index.html", "Notebooks", html.toString()));
  }
}
