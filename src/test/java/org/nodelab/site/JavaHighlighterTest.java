package org.nodelab.site;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/** Highlighting changes no character of the code, and classes the tokens a reader expects. */
class JavaHighlighterTest {
  private static final String CODE = "%maven org.example:x:1.0\nvar h = ode((t, y) -> y.neg()); // dy/dt = -y\n"
      + "String s = \"a < b && \\\"c\\\"\"; /* block\n comment */ double d = 1.5e-3; @Override char c = '\\'';";

  @Test
  void keepsTheTextAndClassesTokens() {
    Element code = Jsoup.parseBodyFragment("<pre><code>" + JavaHighlighter.highlight(CODE) + "</code></pre>").selectFirst("code");
    assertEquals(CODE, code.wholeText());
    assertEquals(List.of("var", "double", "char"), code.select("span.k").eachText());
    assertEquals(List.of("// dy/dt = -y", "/* block\n comment */"), code.select("span.c").stream().map(Element::wholeText).toList());
    assertEquals(List.of("\"a < b && \\\"c\\\"\"", "'\\''"), code.select("span.s").stream().map(Element::wholeText).toList());
    assertEquals(List.of("1.5e-3"), code.select("span.n").eachText());
    assertEquals(List.of("%maven org.example:x:1.0", "@Override"), code.select("span.a").eachText());
  }
}
