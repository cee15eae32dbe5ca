package org.nodelab.notebook;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The runner's outputs of the running cell in nbformat 4, in the order they happen: printed text
 * (merged into {@code stream} outputs) and {@code display_data}; an update replaces the data of the
 * output displayed under that id (in whichever cell it is), so only the final frame is kept.
 */
final class CellOutputs implements DisplaySink {
  private final Map<String, JsonObject> displayed = new HashMap<>();
  private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
  private JsonArray outputs = new JsonArray();

  /** Sends later output to {@code cellOutputs}. */
  synchronized void begin(JsonArray cellOutputs) {
    flushText();
    outputs = cellOutputs;
  }

  /** Writes what was printed so far into the current cell. */
  synchronized void end() {
    flushText();
  }

  /** The stream standard output and error are redirected to while a cell runs. */
  OutputStream stdout() {
    return new OutputStream() {
      @Override
      public void write(int b) {
        synchronized (CellOutputs.this) {
          pending.write(b);
        }
      }

      @Override
      public void write(byte[] b, int off, int len) {
        synchronized (CellOutputs.this) {
          pending.write(b, off, len);
        }
      }
    };
  }

  @Override
  public synchronized void display(String id, Map<String, String> bundle) {
    flushText();
    JsonObject o = new JsonObject();
    o.addProperty("output_type", "display_data");
    o.add("data", data(bundle));
    o.add("metadata", new JsonObject());
    outputs.add(o);
    displayed.put(id, o);
  }

  @Override
  public synchronized void update(String id, Map<String, String> bundle) {
    JsonObject o = displayed.get(id);
    if (o != null) {
      o.add("data", data(bundle));
    }
  }

  /** nbformat's {@code data} object: text as a list of lines, images as one base64 string. */
  static JsonObject data(Map<String, String> bundle) {
    JsonObject data = new JsonObject();
    for (Map.Entry<String, String> m : bundle.entrySet()) {
      data.add(m.getKey(), m.getKey().startsWith("text/") ? lines(m.getValue()) : new JsonPrimitive(m.getValue()));
    }
    return data;
  }

  private void flushText() {
    if (pending.size() == 0) {
      return;
    }
    String text = pending.toString(StandardCharsets.UTF_8);
    pending.reset();
    JsonObject last = outputs.isEmpty() ? null : outputs.get(outputs.size() - 1).getAsJsonObject();
    if (last != null && "stream".equals(last.get("output_type").getAsString())) {
      StringBuilder sb = new StringBuilder();
      last.getAsJsonArray("text").forEach(e -> sb.append(e.getAsString()));
      text = sb + text;
    } else {
      last = new JsonObject();
      last.addProperty("output_type", "stream");
      last.addProperty("name", "stdout");
      outputs.add(last);
    }
    last.add("text", lines(text));
  }

  /** Text split after each newline, as nbformat stores multi-line strings. */
  static JsonArray lines(String text) {
    JsonArray a = new JsonArray();
    int from = 0;
    while (from < text.length()) {
      int nl = text.indexOf('\n', from);
      int to = nl < 0 ? text.length() : nl + 1;
      a.add(text.substring(from, to));
      from = to;
    }
    return a;
  }
}
