package org.nodelab.notebook;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * A self-contained HTML page of an executed notebook: a header (nodelab and Java versions, date,
 * seed where the notebook sets one, wall time), markdown rendered, code, and outputs with images
 * inline.
 */
final class HtmlReport {
  private static final Pattern SEED = Pattern.compile("\\bseed\\((-?\\d+)L?\\)");
  private static final String STYLE = "body{font-family:sans-serif;max-width:960px;margin:2em auto;line-height:1.45}"
      + "pre{background:#f6f8fa;padding:.6em;overflow-x:auto}pre.out{background:#fff;border-left:3px solid #ddd}"
      + "pre.err{background:#fff0f0;border-left:3px solid #d33}.head{color:#555;font-size:.9em}"
      + "table.nodelab-table{border-collapse:collapse;font-size:.85em}"
      + "table.nodelab-table td,table.nodelab-table th{border:1px solid #ddd;padding:2px 6px}";

  private HtmlReport() {}

  static String render(String title, JsonObject nb, double seconds) {
    Parser parser = Parser.builder().build();
    HtmlRenderer markdown = HtmlRenderer.builder().build();
    StringBuilder body = new StringBuilder();
    String seed = null;
    for (JsonElement e : nb.getAsJsonArray("cells")) {
      JsonObject cell = e.getAsJsonObject();
      String src = NotebookRunner.source(cell);
      if ("markdown".equals(cell.get("cell_type").getAsString())) {
        body.append(markdown.render(parser.parse(src)));
        continue;
      }
      Matcher m = SEED.matcher(src);
      if (seed == null && m.find()) {
        seed = m.group(1);
      }
      body.append("<pre><code>").append(Renderer.escape(src)).append("</code></pre>\n");
      if (cell.has("outputs")) {
        for (JsonElement o : cell.getAsJsonArray("outputs")) {
          output(body, o.getAsJsonObject());
        }
      }
    }
    String header = String.format(Locale.ROOT, "nodelab %s &middot; Java %s &middot; %s &middot; %s &middot; wall time %.1f s",
        Renderer.escape(Versions.nodelab()), Renderer.escape(Versions.java()),
        ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME), seed == null ? "no seed set" : "seed " + seed,
        seconds);
    return "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>" + Renderer.escape(title) + "</title><style>"
        + STYLE + "</style></head><body>\n<p class=\"head\">" + header + "</p>\n" + body + "</body></html>\n";
  }

  private static void output(StringBuilder body, JsonObject o) {
    switch (o.get("output_type").getAsString()) {
      case "stream" -> body.append("<pre class=\"out\">").append(Renderer.escape(text(o.get("text")))).append("</pre>\n");
      case "error" -> body.append("<pre class=\"err\">").append(Renderer.escape(String.join("\n",
          o.getAsJsonArray("traceback").asList().stream().map(JsonElement::getAsString).toList()))).append("</pre>\n");
      default -> {
        JsonObject data = o.getAsJsonObject("data");
        if (data.has("image/png")) {
          body.append("<img src=\"data:image/png;base64,").append(data.get("image/png").getAsString()).append("\">\n");
        } else if (data.has("text/html")) {
          body.append(text(data.get("text/html"))).append('\n');
        } else if (data.has("text/plain")) {
          body.append("<pre class=\"out\">").append(Renderer.escape(text(data.get("text/plain")))).append("</pre>\n");
        }
      }
    }
  }

  private static String text(JsonElement e) {
    if (e.isJsonArray()) {
      StringBuilder sb = new StringBuilder();
      e.getAsJsonArray().forEach(x -> sb.append(x.getAsString()));
      return sb.toString();
    }
    return e.getAsString();
  }
}
