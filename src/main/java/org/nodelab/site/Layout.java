package org.nodelab.site;

import java.util.List;

/**
 * The frame every page of the site shares: one stylesheet, a navigation bar (home, getting
 * started, the areas, notebooks, gallery, API reference) and the page's content. Pages live at the
 * site root or one directory below it; links are relative, so the site opens from disk.
 *
 * @param areas the area pages, in navigation order: each a site-relative path and its title
 */
record Layout(List<Link> areas) {
  /**
   * A navigation entry.
   *
   * @param path the page's path under the site root, such as {@code areas/solvers.html}
   * @param title the text of the link
   */
  record Link(String path, String title) {}

  /**
   * A complete HTML page.
   *
   * @param path the page's own path under the site root (it decides the relative prefix of links)
   * @param title the page title, shown in the browser's tab after "nodelab — "
   * @param content the page's body HTML
   * @return the document, starting with its doctype
   */
  String page(String path, String title, String content) {
    String root = "../".repeat((int) path.chars().filter(c -> c == '/').count());
    StringBuilder nav = new StringBuilder("<nav>");
    nav.append(item(root, path, new Link("index.html", "nodelab")));
    nav.append(item(root, path, new Link("getting-started.html", "Getting started")));
    for (Link area : areas) {
      nav.append(item(root, path, area));
    }
    nav.append(item(root, path, new Link("notebooks/index.html", "Notebooks")));
    nav.append(item(root, path, new Link("gallery.html", "Gallery")));
    nav.append(item(root, path, new Link("api/index.html", "API reference")));
    nav.append("</nav>\n");
    return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        + "<title>" + JavaHighlighter.escape("nodelab — " + title) + "</title>"
        + "<link rel=\"stylesheet\" href=\"" + root + "style.css\"></head>\n<body>\n" + nav
        + "<main>\n" + content + "\n</main>\n</body></html>\n";
  }

  private static String item(String root, String current, Link link) {
    String cls = link.path().equals(current) ? " class=\"here\"" : "";
    return "<a" + cls + " href=\"" + root + link.path() + "\">" + JavaHighlighter.escape(link.title()) + "</a>";
  }
}
