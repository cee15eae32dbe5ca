package org.nodelab.notebook;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * A self-contained HTML page of an executed notebook, made from the notebook alone: a header with
 * its provenance (versions, machine, threads, commit, seeds, start time, wall time), markdown
 * rendered, code with each cell's wall time, and outputs by the same policy as the kernel (images
 * inline, tables as HTML, else text). Cells not re-run after a failure carry a note.
 */
final class HtmlReport {
  private static final String STYLE = "body{font-family:sans-serif;max-width:960px;margin:2em auto;line-height:1.45}"
      + "pre{background:#f6f8fa;padding:.6em;overflow-x:auto}pre.out{background:#fff;border-left:3px solid #ddd}"
      + "pre.err{background:#fff0f0;border-left:3px solid #d33}.head{color:#555;font-size:.9em}"
      + ".time{color:#777;font-size:.8em;text-align:right;margin:-.8em 0 .4em}"
      + ".stale{background:#fff8e0;border-left:3px solid #e0b000;padding:.3em .6em;font-size:.9em}"
      + "table.nodelab-table{border-collapse:collapse;font-size:.85em;margin:.5em 0}"
      + "table.nodelab-table caption{text-align:left;font-weight:bold;padding:2px 0}"
      + "table.nodelab-table td,table.nodelab-table th{border:1px solid #ddd;padding:2px 6px}";

  private HtmlReport() {}

  static String render(String title, JsonObject nb) {
    return "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>" + Renderer.escape(title) + "</title><style>"
        + STYLE + "</style></head><body>\n<p class=\"head\">" + header(nb) + "</p>\n" + body(nb) + "</body></html>\n";
  }

  /** The cells of {@code nb} as HTML: markdown rendered, code in {@code pre}, outputs by the kernel's policy. */
  static String body(JsonObject nb) {
    List<Extension> tables = List.of(TablesExtension.create());
    Parser parser = Parser.builder().extensions(tables).build();
    HtmlRenderer markdown = HtmlRenderer.builder().extensions(tables).build();
    StringBuilder body = new StringBuilder();
    for (JsonElement e : nb.getAsJsonArray("cells")) {
      JsonObject cell = e.getAsJsonObject();
      String src = NotebookRunner.source(cell);
      if ("markdown".equals(cell.get("cell_type").getAsString())) {
        body.append(markdown.render(parser.parse(src)));
        continue;
      }
      if (!"code".equals(cell.get("cell_type").getAsString())) {
        continue;
      }
      JsonObject meta = cell.has("metadata") ? cell.getAsJsonObject("metadata") : new JsonObject();
      body.append("<pre><code>").append(Renderer.escape(src)).append("</code></pre>\n");
      String time = wallTime(meta);
      String stale = notRerunReason(meta);
      if (stale != null) {
        body.append("<p class=\"stale\">not re-run: ").append(Renderer.escape(stale)).append("</p>\n");
      } else if (time != null) {
        body.append("<p class=\"time\">").append(time).append("</p>\n");
      }
      if (cell.has("outputs")) {
        for (JsonElement o : cell.getAsJsonArray("outputs")) {
          output(body, o.getAsJsonObject());
        }
      }
    }
    return body.toString();
  }

  /** Why a cell's outputs are from an earlier run, or null when they are from this one. */
  private static String notRerunReason(JsonObject meta) {
    JsonElement e = meta.get(NotebookRunner.NOT_RERUN);
    if (e == null || !e.isJsonObject()) {
      return null;
    }
    JsonObject note = e.getAsJsonObject();
    try {
      return note.has("rerun") && !note.get("rerun").getAsBoolean() ? note.get("reason").getAsString() : null;
    } catch (RuntimeException malformed) {
      return "outputs from an earlier run";
    }
  }

  /** The provenance line from the notebook's {@code nodelab} metadata. */
  static String header(JsonObject nb) {
    JsonObject meta = nb.has("metadata") ? nb.getAsJsonObject("metadata") : new JsonObject();
    if (!meta.has("nodelab")) {
      return "no provenance recorded";
    }
    try {
      return provenance(meta);
    } catch (RuntimeException malformed) {
      return "provenance unreadable";
    }
  }

  private static String provenance(JsonObject meta) {
    JsonObject p = meta.getAsJsonObject("nodelab");
    List<String> seeds = new ArrayList<>();
    p.getAsJsonArray("seeds").forEach(s -> seeds.add(s.getAsString()));
    List<String> parts = List.of(
        "nodelab " + str(p, "nodelab"),
        "Java " + str(p, "java"),
        "Tablesaw " + str(p, "tablesaw"),
        "XChart " + str(p, "xchart"),
        str(p, "os"),
        str(p, "cpu") + ", " + str(p, "cores") + " cores, " + str(p, "threads") + " threads",
        p.get("git_commit").isJsonNull() ? "no git commit" : "commit " + str(p, "git_commit"),
        seeds.isEmpty() ? "no seed set" : (seeds.size() == 1 ? "seed " : "seeds ") + String.join(", ", seeds),
        seedCalls(p),
        "started " + str(p, "start"),
        String.format(Locale.ROOT, "wall time %.1f s", p.get("wall_seconds").getAsDouble()));
    return String.join(" &middot; ", parts.stream().map(Renderer::escape).toList());
  }

  /** The distinct {@code seed(...)} calls of the code, e.g. "seed calls: seed(1), .seed(5) ×2". */
  private static String seedCalls(JsonObject p) {
    java.util.Map<String, Integer> calls = new java.util.LinkedHashMap<>();
    if (p.has("seed_calls")) {
      p.getAsJsonArray("seed_calls").forEach(c -> {
        String call = c.getAsString();
        calls.merge(call.substring(call.indexOf(": ") + 2), 1, Integer::sum);
      });
    }
    return calls.isEmpty() ? "no seed(...) calls" : "seed calls: " + String.join(", ", calls.entrySet().stream()
        .map(e -> e.getKey() + (e.getValue() > 1 ? " ×" + e.getValue() : "")).toList());
  }

  private static String str(JsonObject o, String key) {
    return o.has(key) && !o.get(key).isJsonNull() ? o.get(key).getAsString() : "unknown";
  }

  /** "1.23 s" from Jupyter's timing fields of a cell, or null. */
  private static String wallTime(JsonObject meta) {
    if (!meta.has("execution") || !meta.get("execution").isJsonObject()) {
      return null;
    }
    JsonObject t = meta.getAsJsonObject("execution");
    if (!t.has("iopub.execute_input") || !t.has("shell.execute_reply")) {
      return null;
    }
    try {
      Duration d = Duration.between(Instant.parse(t.get("iopub.execute_input").getAsString()),
          Instant.parse(t.get("shell.execute_reply").getAsString()));
      return String.format(Locale.ROOT, "%.2f s", d.toNanos() / 1e9);
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static void output(StringBuilder body, JsonObject o) {
    switch (o.get("output_type").getAsString()) {
      case "stream" -> body.append("<pre class=\"out\">").append(Renderer.escape(text(o.get("text")))).append("</pre>\n");
      case "error" -> body.append("<pre class=\"err\">").append(Renderer.escape(String.join("\n",
          o.getAsJsonArray("traceback").asList().stream().map(JsonElement::getAsString).toList()))).append("</pre>\n");
      default -> {
        JsonObject data = o.getAsJsonObject("data");
        if (data.has("image/png")) {
          body.append("<img src=\"data:image/png;base64,").append(text(data.get("image/png")).strip())
              .append("\" alt=\"").append(data.has("text/plain") ? Renderer.escape(text(data.get("text/plain"))) : "chart")
              .append("\">\n");
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
