package org.nodelab.site;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.jsoup.nodes.Element;

/** Edits of rendered content shared by the markdown and notebook pages: heading anchors and highlighted code. */
final class HtmlPass {
  private HtmlPass() {}

  /**
   * Gives every {@code h1}–{@code h3} without an id one made from its text ("Work–precision" gives
   * {@code work-precision}), unique within {@code content}, so sections can be linked to.
   *
   * @param content the element whose headings get ids; changed in place
   */
  static void headingIds(Element content) {
    Set<String> used = new HashSet<>();
    for (Element h : content.select("h1, h2, h3")) {
      if (!h.id().isEmpty()) {
        used.add(h.id());
        continue;
      }
      String base = slug(h.text());
      String id = base;
      for (int i = 2; !used.add(id); i++) {
        id = base + "-" + i;
      }
      h.id(id);
    }
  }

  /**
   * The anchor text of a heading: lower case letters and digits, other runs of characters as one hyphen.
   *
   * @param text the heading's text
   * @return its slug, or {@code section} when it has no letter or digit
   */
  static String slug(String text) {
    String s = text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{Nd}]+", "-").replaceAll("^-|-$", "");
    return s.isEmpty() ? "section" : s;
  }

  /**
   * Highlights code blocks in place.
   *
   * @param content the element whose {@code pre > code} blocks are highlighted
   * @param selector which code elements are Java: {@code code.language-java} in markdown, every
   *     {@code pre:not([class]) > code} in a notebook (its outputs are {@code pre} with a class)
   */
  static void highlight(Element content, String selector) {
    for (Element code : content.select(selector)) {
      code.html(JavaHighlighter.highlight(code.wholeText()));
    }
  }
}
