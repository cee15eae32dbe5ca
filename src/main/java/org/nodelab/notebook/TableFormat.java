package org.nodelab.notebook;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tech.tablesaw.api.NumberColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * How tables are shown in the kernel, the runner and the report: the table's name as caption,
 * integers as they are, other numbers rounded to a number of significant digits (default 4), in
 * scientific notation for a column whose magnitudes leave {@code [1e-4, 1e6)}, right-aligned.
 */
public final class TableFormat {
  /** Rows shown before a table is cut (the row count is then given). */
  public static final int MAX_ROWS = 50;
  private static final java.util.regex.Pattern NUMBER =
      java.util.regex.Pattern.compile("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");
  private static volatile int significantDigits = 4;

  private TableFormat() {}

  /**
   * Sets the significant digits of non-integer numbers in every table shown from now on (1 to 17).
   *
   * @param digits the digits, 1 to 17
   */
  public static void significantDigits(int digits) {
    if (digits < 1 || digits > 17) {
      throw new IllegalArgumentException("significant digits must be between 1 and 17, got " + digits);
    }
    significantDigits = digits;
  }

  /**
   * The significant digits of non-integer numbers in tables (default 4).
   *
   * @return the digits, 1 to 17
   */
  public static int significantDigits() {
    return significantDigits;
  }

  /**
   * Whether a column holds numbers (shown right-aligned): a numeric column, or text whose every
   * value is a number (as CSV files are read).
   *
   * @param column the column
   * @return true for numbers
   */
  public static boolean numeric(Column<?> column) {
    if (column instanceof NumberColumn<?, ?>) {
      return true;
    }
    boolean any = false;
    for (int r = 0; r < Math.min(column.size(), MAX_ROWS); r++) {
      String s = column.getString(r).strip();
      if (!s.isEmpty()) {
        if (!NUMBER.matcher(s).matches()) {
          return false;
        }
        any = true;
      }
    }
    return any;
  }

  /**
   * The first {@code rows} cells of {@code column} as shown: missing values empty, numbers rounded.
   *
   * @param column the column
   * @param rows the number of cells
   * @return the cells' text
   */
  public static List<String> cells(Column<?> column, int rows) {
    List<String> out = new ArrayList<>(rows);
    if (!(column instanceof NumberColumn<?, ?>)) {
      for (int r = 0; r < rows; r++) {
        out.add(column.isMissing(r) ? "" : column.getString(r));
      }
      return out;
    }
    NumberColumn<?, ?> numbers = (NumberColumn<?, ?>) column;
    boolean integers = true;
    boolean scientific = false;
    for (int r = 0; r < rows; r++) {
      double v = numbers.getDouble(r);
      if (numbers.isMissing(r) || !Double.isFinite(v)) {
        continue;
      }
      integers &= v == Math.rint(v) && Math.abs(v) < 1e15;
      scientific |= v != 0 && (Math.abs(v) < 1e-4 || Math.abs(v) >= 1e6);
    }
    for (int r = 0; r < rows; r++) {
      out.add(numbers.isMissing(r) ? "" : number(numbers.getDouble(r), integers, scientific && !integers));
    }
    return out;
  }

  private static String number(double v, boolean integer, boolean scientific) {
    if (!Double.isFinite(v)) {
      return Double.isNaN(v) ? "" : v > 0 ? "∞" : "-∞";
    }
    if (integer) {
      return Long.toString((long) v);
    }
    int digits = significantDigits;
    if (scientific) {
      return String.format(Locale.ROOT, "%." + (digits - 1) + "e", v);
    }
    BigDecimal rounded = new BigDecimal(v).round(new MathContext(digits));
    if (rounded.precision() < digits) {
      rounded = rounded.setScale(rounded.scale() + digits - rounded.precision());
    }
    return rounded.toPlainString();
  }

  /** Rows of {@code table} that are shown. */
  static int shownRows(Table table) {
    return Math.min(table.rowCount(), MAX_ROWS);
  }

  /**
   * An HTML table: caption, header, rounded and aligned cells, and the row count when cut.
   *
   * @param table the table
   * @return an HTML {@code table} element with its caption
   */
  public static String html(Table table) {
    int rows = shownRows(table);
    StringBuilder sb = new StringBuilder("<table class=\"nodelab-table\">");
    if (table.name() != null && !table.name().isBlank()) {
      sb.append("<caption>").append(Renderer.escape(table.name())).append("</caption>");
    }
    sb.append("<thead><tr>");
    List<List<String>> columns = new ArrayList<>();
    for (Column<?> c : table.columns()) {
      sb.append("<th style=\"text-align:").append(align(c)).append("\">").append(Renderer.escape(c.name()))
          .append("</th>");
      columns.add(cells(c, rows));
    }
    sb.append("</tr></thead><tbody>");
    for (int r = 0; r < rows; r++) {
      sb.append("<tr>");
      for (int c = 0; c < columns.size(); c++) {
        sb.append("<td style=\"text-align:").append(align(table.column(c))).append("\">")
            .append(Renderer.escape(columns.get(c).get(r))).append("</td>");
      }
      sb.append("</tr>");
    }
    sb.append("</tbody></table>");
    if (table.rowCount() > rows) {
      sb.append("<p>").append(rows).append(" of ").append(table.rowCount()).append(" rows</p>");
    }
    return sb.toString();
  }

  /**
   * The same table as plain text: caption line, header, cells padded (numbers to the right).
   *
   * @param table the table
   * @return the table as lines of text
   */
  public static String text(Table table) {
    int rows = shownRows(table);
    List<List<String>> columns = new ArrayList<>();
    int[] width = new int[table.columnCount()];
    for (int c = 0; c < table.columnCount(); c++) {
      List<String> cells = cells(table.column(c), rows);
      columns.add(cells);
      width[c] = table.column(c).name().length();
      for (String s : cells) {
        width[c] = Math.max(width[c], s.length());
      }
    }
    StringBuilder sb = new StringBuilder();
    if (table.name() != null && !table.name().isBlank()) {
      sb.append(table.name()).append('\n');
    }
    for (int r = -1; r < rows; r++) {
      StringBuilder line = new StringBuilder();
      for (int c = 0; c < columns.size(); c++) {
        String s = r < 0 ? table.column(c).name() : columns.get(c).get(r);
        String pad = " ".repeat(width[c] - s.length());
        line.append(c == 0 ? "" : "  ").append(numeric(table.column(c)) ? pad + s : s + pad);
      }
      sb.append(line.toString().stripTrailing()).append('\n');
      if (r < 0) {
        sb.append("-".repeat(Math.max(0, line.toString().stripTrailing().length()))).append('\n');
      }
    }
    if (table.rowCount() > rows) {
      sb.append(rows).append(" of ").append(table.rowCount()).append(" rows\n");
    }
    return sb.toString();
  }

  private static String align(Column<?> c) {
    return numeric(c) ? "right" : "left";
  }
}
