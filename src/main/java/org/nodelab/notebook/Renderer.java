package org.nodelab.notebook;

import java.util.LinkedHashMap;
import java.util.Map;
import org.knowm.xchart.internal.chartpart.Chart;
import org.nodelab.plot.Export;
import tech.tablesaw.api.Table;

/**
 * The one output policy of kernel, runner and report: the MIME bundle of a value. A chart is an
 * {@code image/png} with a {@code text/plain} fallback and nothing else (front ends that prefer HTML
 * would otherwise show no image); a Tablesaw table (or a training history) is {@code text/html} and
 * {@code text/plain} formatted by {@link TableFormat}; anything else is {@code text/plain}.
 */
public final class Renderer {
  private Renderer() {}

  /**
   * The bundle for {@code value}: MIME type → content (base64 for images).
   *
   * @param value any object
   * @return the bundle, always with {@code text/plain}
   */
  public static Map<String, String> render(Object value) {
    Map<String, String> bundle = new LinkedHashMap<>();
    if (value instanceof Chart<?, ?> chart) {
      bundle.put("image/png", Export.pngBase64(chart));
      bundle.put("text/plain", chart.getClass().getSimpleName() + " \"" + chart.getTitle() + "\"");
    } else if (value instanceof Table table) {
      table(bundle, table);
    } else if (value instanceof org.nodelab.train.History history) {
      table(bundle, history.table());
    } else {
      bundle.put("text/plain", String.valueOf(value));
    }
    return bundle;
  }

  private static void table(Map<String, String> bundle, Table table) {
    bundle.put("text/html", TableFormat.html(table));
    bundle.put("text/plain", TableFormat.text(table));
  }

  /**
   * An HTML table of at most {@link TableFormat#MAX_ROWS} rows (see {@link TableFormat#html}).
   *
   * @param table the table
   * @return an HTML {@code table} element with its caption
   */
  public static String html(Table table) {
    return TableFormat.html(table);
  }

  /**
   * HTML-escapes text.
   *
   * @param s the text
   * @return the text with {@code & < > "} escaped
   */
  public static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
