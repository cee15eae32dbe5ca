package org.nodelab.notebook;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * Reads a notebook of nbformat 4 (minor versions 0 to 5, cells with or without ids) and checks the
 * parts the runner and the report use: cells of type code, markdown or raw with a string or
 * string-list source, object metadata, and outputs of the four nbformat output types. Anything else
 * in the file (unknown metadata, extra keys) is kept as it is. Every malformed file gives a {@link
 * NotebookFormatException} naming the file and the first problem.
 */
final class NotebookJson {
  private static final Set<String> CELL_TYPES = Set.of("code", "markdown", "raw");
  private static final Set<String> TEXT_TYPES = Set.of("text/plain", "text/html", "image/png");

  private NotebookJson() {}

  /**
   * @param file the notebook
   * @return its JSON, checked
   * @throws UncheckedIOException if it cannot be read
   * @throws NotebookFormatException if it is not an nbformat 4 notebook
   */
  static JsonObject read(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    return parse(text, file.toString());
  }

  /**
   * @param text the notebook's text
   * @param name names it in errors
   * @return its JSON, checked
   * @throws NotebookFormatException if it is not an nbformat 4 notebook
   */
  static JsonObject parse(String text, String name) {
    JsonElement root;
    try {
      root = JsonParser.parseString(text);
    } catch (JsonParseException | StackOverflowError e) {
      throw new NotebookFormatException(name + " is not valid JSON (" + firstLine(e.getMessage()) + ")");
    }
    if (!root.isJsonObject()) {
      throw new NotebookFormatException(name + " is not a notebook: its JSON is not an object");
    }
    JsonObject nb = root.getAsJsonObject();
    JsonElement major = nb.get("nbformat");
    if (!isInt(major)) {
      throw new NotebookFormatException(name + " is not a notebook: it has no integer \"nbformat\"");
    }
    if (major.getAsInt() != 4) {
      throw new NotebookFormatException(name + " is nbformat " + major.getAsInt() + "; only nbformat 4 is read"
          + " (convert it with: jupyter nbconvert --to notebook --nbformat 4 FILE)");
    }
    if (nb.has("nbformat_minor") && !(isInt(nb.get("nbformat_minor")) && nb.get("nbformat_minor").getAsInt() >= 0)) {
      throw new NotebookFormatException(name + ": \"nbformat_minor\" must be a whole number, got " + nb.get("nbformat_minor"));
    }
    if (nb.has("metadata")) {
      JsonObject meta = object(nb.get("metadata"), name, "the notebook's \"metadata\"");
      for (String key : new String[] {"kernelspec", "language_info"}) {
        if (meta.has(key)) {
          JsonObject o = object(meta.get(key), name, "metadata." + key);
          for (Map.Entry<String, JsonElement> e : o.entrySet()) {
            if (Set.of("name", "language", "display_name").contains(e.getKey()) && !isString(e.getValue())) {
              throw new NotebookFormatException(name + ": metadata." + key + "." + e.getKey() + " must be a string");
            }
          }
        }
      }
    }
    if (!nb.has("cells") || !nb.get("cells").isJsonArray()) {
      throw new NotebookFormatException(name + " is not a notebook: it has no \"cells\" list");
    }
    JsonArray cells = nb.getAsJsonArray("cells");
    for (int i = 0; i < cells.size(); i++) {
      cell(cells.get(i), name + ", cell " + i);
    }
    return nb;
  }

  private static void cell(JsonElement element, String where) {
    JsonObject cell = object(element, where, "the cell");
    JsonElement type = cell.get("cell_type");
    if (!isString(type) || !CELL_TYPES.contains(type.getAsString())) {
      throw new NotebookFormatException(where + ": \"cell_type\" must be code, markdown or raw, got " + type);
    }
    if (!isText(cell.get("source"))) {
      throw new NotebookFormatException(where + ": \"source\" must be a string or a list of strings");
    }
    if (cell.has("id") && !isString(cell.get("id"))) {
      throw new NotebookFormatException(where + ": \"id\" must be a string");
    }
    if (cell.has("metadata")) {
      object(cell.get("metadata"), where, "\"metadata\"");
    }
    if (cell.has("outputs")) {
      if (!cell.get("outputs").isJsonArray()) {
        throw new NotebookFormatException(where + ": \"outputs\" must be a list");
      }
      JsonArray outputs = cell.getAsJsonArray("outputs");
      for (int k = 0; k < outputs.size(); k++) {
        output(outputs.get(k), where + ", output " + k);
      }
    }
  }

  private static void output(JsonElement element, String where) {
    JsonObject o = object(element, where, "the output");
    JsonElement type = o.get("output_type");
    String t = isString(type) ? type.getAsString() : "";
    switch (t) {
      case "stream" -> {
        if (!isText(o.get("text"))) {
          throw new NotebookFormatException(where + ": a stream's \"text\" must be a string or a list of strings");
        }
      }
      case "error" -> {
        JsonElement tb = o.get("traceback");
        if (tb == null || !tb.isJsonArray() || !tb.getAsJsonArray().asList().stream().allMatch(NotebookJson::isString)) {
          throw new NotebookFormatException(where + ": an error's \"traceback\" must be a list of strings");
        }
      }
      case "execute_result", "display_data" -> {
        JsonObject data = object(o.get("data"), where, "\"data\"");
        for (String mime : TEXT_TYPES) {
          if (data.has(mime) && !isText(data.get(mime))) {
            throw new NotebookFormatException(where + ": data." + mime + " must be a string or a list of strings");
          }
        }
      }
      default -> throw new NotebookFormatException(where + ": \"output_type\" must be stream, error, execute_result"
          + " or display_data, got " + type);
    }
  }

  private static JsonObject object(JsonElement e, String where, String what) {
    if (e == null || !e.isJsonObject()) {
      throw new NotebookFormatException(where + ": " + what + " must be a JSON object");
    }
    return e.getAsJsonObject();
  }

  private static boolean isString(JsonElement e) {
    return e != null && e.isJsonPrimitive() && e.getAsJsonPrimitive().isString();
  }

  private static boolean isInt(JsonElement e) {
    if (e == null || !e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
      return false;
    }
    double d = e.getAsDouble();
    return d == Math.rint(d) && Math.abs(d) < Integer.MAX_VALUE;
  }

  private static boolean isText(JsonElement e) {
    return isString(e) || e != null && e.isJsonArray() && e.getAsJsonArray().asList().stream().allMatch(NotebookJson::isString);
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "nesting too deep";
    }
    int nl = s.indexOf('\n');
    return (nl < 0 ? s : s.substring(0, nl)).replaceFirst("^[\\w.$]+(Exception|Error): ", "");
  }
}
