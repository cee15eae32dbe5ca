package org.nodelab.notebook;

import java.util.LinkedHashMap;
import java.util.Map;
import org.knowm.xchart.internal.chartpart.Chart;
import org.nodelab.plot.Export;
import tech.tablesaw.api.Table;

/**
 * MIME bundles for result objects: XChart charts as {@code image/png}, Tablesaw tables as {@code
 * text/html}, everything (tensors, histories, solver values...) with a {@code text/plain} form.
 */
public final class Renderer {
  private static final int MAX_HTML_ROWS = 50;

  private Renderer() {}

  /** The bundle for {@code value}: MIME type → content (base64 for images). */
  public static Map<String, String> render(Object value) {
    Map<String, String> bundle = new LinkedHashMap<>();
    if (value instanceof Chart<?, ?> chart) {
      bundle.put("image/png", Export.pngBase64(chart));
      bundle.put("text/plain", chart.getClass().getSimpleName() + " \"" + chart.getTitle() + "\"");
    } else if (value instanceof Table table) {
      bundle.put("text/html", html(table));
      bundle.put("text/plain", table.printAll().length() > 20_000 ? table.print() : table.printAll());
    } else if (value instanceof org.nodelab.train.History history) {
      bundle.put("text/html", html(history.table()));
      bundle.put("text/plain", history.table().print());
    } else {
      bundle.put("text/plain", String.valueOf(value));
    }
    return bundle;
  }

  /** An HTML table of at most 50 rows, escaped, with the row count when truncated. */
  public static String html(Table table) {
    StringBuilder sb = new StringBuilder("<table class=\"nodelab-table\"><thead><tr>");
    for (String name : table.columnNames()) {
      sb.append("<th>").append(escape(name)).append("</th>");
    }
    sb.append("</tr></thead><tbody>");
    int rows = Math.min(table.rowCount(), MAX_HTML_ROWS);
    for (int r = 0; r < rows; r++) {
      sb.append("<tr>");
      for (int c = 0; c < table.columnCount(); c++) {
        sb.append("<td>").append(escape(table.getString(r, c))).append("</td>");
      }
      sb.append("</tr>");
    }
    sb.append("</tbody></table>");
    if (table.rowCount() > rows) {
      sb.append("<p>").append(rows).append(" of ").append(table.rowCount()).append(" rows</p>");
    }
    return sb.toString();
  }

  /** HTML-escapes text. */
  public static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
