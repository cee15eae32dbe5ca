package org.nodelab.site;

import java.util.List;

/** The gallery page: every chart of the notebooks, each linking to itself in its notebook and to its section. */
final class Gallery {
  private Gallery() {}

  /**
   * The gallery's content.
   *
   * @param charts the notebooks' charts, in notebook order
   * @return HTML for the page's {@code main}
   */
  static String html(List<NotebookPages.Chart> charts) {
    StringBuilder html = new StringBuilder("<h1>Gallery</h1>\n<p>Every chart of the shipped notebooks, as they were "
        + "executed. A chart links to its place in the notebook; its caption to the section it illustrates.</p>\n"
        + "<div class=\"gallery\">\n");
    for (NotebookPages.Chart c : charts) {
      String section = c.sectionId().isEmpty() ? c.page() : c.page() + "#" + c.sectionId();
      html.append("<figure><a href=\"").append(c.page()).append('#').append(c.id()).append("\"><img src=\"")
          .append(c.image()).append("\" alt=\"").append(JavaHighlighter.escape(c.alt())).append("\" loading=\"lazy\"></a>")
          .append("<figcaption><a href=\"").append(section).append("\">")
          .append(JavaHighlighter.escape(c.notebookTitle()))
          .append(c.section().equals(c.notebookTitle()) ? "" : " — " + JavaHighlighter.escape(c.section()))
          .append("</a></figcaption></figure>\n");
    }
    return html.append("</div>\n").toString();
  }
}
