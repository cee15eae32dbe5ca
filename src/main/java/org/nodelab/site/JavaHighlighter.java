package org.nodelab.site;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Java (and JShell cell) source as HTML with its tokens in {@code span}s, so code reads highlighted
 * with a stylesheet alone, no script: comments {@code c}, string and character literals {@code s},
 * numbers {@code n}, keywords {@code k}, annotations and magic lines ({@code %maven g:a:v}) {@code a}.
 */
final class JavaHighlighter {
  private static final Set<String> KEYWORDS = Set.of("abstract", "assert", "boolean", "break", "byte", "case",
      "catch", "char", "class", "continue", "default", "do", "double", "else", "enum", "extends", "final",
      "finally", "float", "for", "if", "implements", "import", "instanceof", "int", "interface", "long", "new",
      "package", "private", "protected", "public", "record", "return", "short", "static", "super", "switch",
      "this", "throw", "throws", "try", "var", "void", "while", "true", "false", "null", "yield");
  private static final Pattern TOKEN = Pattern.compile(
      "(?<c>//[^\\n]*|/\\*[\\s\\S]*?(?:\\*/|$))"
      + "|(?<s>\"\"\"[\\s\\S]*?(?:\"\"\"|$)|\"(?:[^\"\\\\\\n]|\\\\.)*\"?|'(?:[^'\\\\\\n]|\\\\.)*'?)"
      + "|(?<a>@[A-Za-z_]\\w*|(?m:^[ \\t]*%%?[A-Za-z][^\\n]*))"
      + "|(?<n>\\b(?:0[xX][0-9a-fA-F_]+|\\d[\\d_]*(?:\\.\\d[\\d_]*)?(?:[eE][+-]?\\d+)?)[lLfFdD]?\\b)"
      + "|(?<w>\\b[A-Za-z_]\\w*\\b)");

  private JavaHighlighter() {}

  /**
   * Highlights code.
   *
   * @param code the source text, not escaped
   * @return the same text HTML-escaped, with each token class wrapped in {@code <span class="...">}
   */
  static String highlight(String code) {
    StringBuilder html = new StringBuilder(code.length() * 3 / 2);
    Matcher m = TOKEN.matcher(code);
    int last = 0;
    while (m.find()) {
      String kind = m.group("c") != null ? "c" : m.group("s") != null ? "s" : m.group("a") != null ? "a"
          : m.group("n") != null ? "n" : KEYWORDS.contains(m.group()) ? "k" : null;
      if (kind == null) {
        continue;
      }
      html.append(escape(code.substring(last, m.start())));
      html.append("<span class=\"").append(kind).append("\">").append(escape(m.group())).append("</span>");
      last = m.end();
    }
    return html.append(escape(code.substring(last))).toString();
  }

  static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
