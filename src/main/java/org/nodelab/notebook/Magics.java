package org.nodelab.notebook;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a cell into its magics and its Java code, the one parser the Jupyter kernel and the
 * headless runner share. A line magic is a line {@code %name arguments}; a cell magic {@code %%name
 * arguments} on the first line applies to the rest of the cell. Lines inside a text block are Java.
 */
public final class Magics {
  private static final Pattern MAGIC_LINE = Pattern.compile("^[ \\t]*(%%?)([A-Za-z][\\w-]*)(?:[ \\t]+(.*?))?[ \\t]*$");

  private Magics() {}

  /**
   * One piece of a cell, in order: either Java code, or a magic with its argument (and, for a cell
   * magic, the rest of the cell as its body).
   *
   * @param magic the magic's name without {@code %}, or null for Java code
   * @param argument the rest of the magic's line (empty if none), or null for Java code
   * @param body the Java code, or the body of a cell magic ({@code cellMagic}), or null
   * @param cellMagic whether the magic was written {@code %%name}
   * @param line the 1-based line of the cell where the part starts
   */
  public record Part(String magic, String argument, String body, boolean cellMagic, int line) {
    /**
     * Whether this part is Java code rather than a magic.
     *
     * @return true for Java code
     */
    public boolean isJava() {
      return magic == null;
    }
  }

  /**
   * Whether {@code cell} holds any magic line.
   *
   * @param cell the cell's source
   * @return true when a line starts with {@code %}
   */
  public static boolean present(String cell) {
    if (cell.indexOf('%') < 0) {
      return false;
    }
    try {
      return parse(cell).stream().anyMatch(p -> !p.isJava());
    } catch (IllegalArgumentException misplacedCellMagic) {
      return true;
    }
  }

  /**
   * The parts of {@code cell} in order; a cell without magics is one Java part.
   *
   * @param cell the cell's source
   * @return the Java and magic parts
   */
  public static List<Part> parse(String cell) {
    List<Part> parts = new ArrayList<>();
    String[] lines = cell.split("\n", -1);
    StringBuilder code = new StringBuilder();
    int javaStart = 1;
    int textBlockQuotes = 0;
    boolean firstCodeLine = true;
    for (int i = 0; i < lines.length; i++) {
      Matcher m = MAGIC_LINE.matcher(lines[i]);
      if (textBlockQuotes % 2 == 0 && m.matches()) {
        addJava(parts, code, javaStart);
        String argument = m.group(3) == null ? "" : m.group(3);
        if (m.group(1).length() == 2) {
          if (!firstCodeLine) {
            throw new IllegalArgumentException("the cell magic %%" + m.group(2) + " on line " + (i + 1)
                + " must be the cell's first line");
          }
          String body = String.join("\n", Arrays.copyOfRange(lines, i + 1, lines.length));
          parts.add(new Part(m.group(2), argument, body, true, i + 1));
          return parts;
        }
        parts.add(new Part(m.group(2), argument, null, false, i + 1));
        javaStart = i + 2;
      } else {
        if (code.length() == 0) {
          javaStart = i + 1;
        }
        code.append(lines[i]).append('\n');
        textBlockQuotes += occurrences(lines[i], "\"\"\"");
      }
      if (!lines[i].isBlank()) {
        firstCodeLine = false;
      }
    }
    addJava(parts, code, javaStart);
    return parts;
  }

  private static void addJava(List<Part> parts, StringBuilder java, int start) {
    if (!java.toString().isBlank()) {
      parts.add(new Part(null, null, java.toString(), false, start));
    }
    java.setLength(0);
  }

  private static int occurrences(String line, String token) {
    int count = 0;
    for (int at = line.indexOf(token); at >= 0; at = line.indexOf(token, at + token.length())) {
      count++;
    }
    return count;
  }
}
