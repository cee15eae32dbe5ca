package org.nodelab.notebook;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a notebook's Java cells headlessly (no Python, no Jupyter) through the same {@link
 * Evaluator} the kernel uses, and writes {@code DIR/NAME.ipynb} with outputs (nbformat 4: streams,
 * results with PNG/HTML/text, errors) and a self-contained {@code DIR/NAME.html} report. The first
 * failing cell stops the run; the exit status is then 1 and the cell is named. Run: {@code ./nodelab
 * run NOTEBOOK.ipynb [--out DIR] [--timeout SECONDS]}.
 */
public final class NotebookRunner {
  private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().serializeNulls().create();

  private NotebookRunner() {}

  /**
   * The outcome of a run.
   *
   * @param notebook the executed notebook written
   * @param html the report written
   * @param failedCell index (among all cells) of the failing cell, or -1
   * @param failure its error, or null
   * @param seconds wall time
   */
  public record Outcome(Path notebook, Path html, int failedCell, String failure, double seconds) {
    /** Whether every cell ran. */
    public boolean ok() {
      return failedCell < 0;
    }
  }

  /** Command line: {@code NOTEBOOK [--out DIR] [--timeout SECONDS]} (default out {@code target/notebooks}). */
  public static void main(String[] args) {
    Path notebook = null;
    Path out = Path.of("target", "notebooks");
    long timeout = 600;
    try {
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--out" -> out = Path.of(args[++i]);
          case "--timeout" -> timeout = Long.parseLong(args[++i]);
          default -> {
            if (args[i].startsWith("--") || notebook != null) {
              throw new IllegalArgumentException("unexpected argument " + args[i]);
            }
            notebook = Path.of(args[i]);
          }
        }
      }
      if (notebook == null) {
        throw new IllegalArgumentException("no notebook given");
      }
    } catch (RuntimeException e) {
      System.err.println("usage: ./nodelab run NOTEBOOK.ipynb [--out DIR] [--timeout SECONDS]  (" + e.getMessage() + ")");
      System.exit(2);
    }
    Outcome o = run(notebook, out, Duration.ofSeconds(timeout));
    System.out.printf(java.util.Locale.ROOT, "%s in %.1f s%nnotebook: %s%nreport:   %s%n",
        o.ok() ? "ran every cell" : "FAILED at cell " + o.failedCell(), o.seconds(), o.notebook(), o.html());
    if (!o.ok()) {
      System.err.println("cell " + o.failedCell() + " failed:\n" + o.failure());
    }
    System.exit(o.ok() ? 0 : 1);
  }

  /** Executes {@code notebook} and writes the executed notebook and the HTML report into {@code outDir}. */
  public static Outcome run(Path notebook, Path outDir, Duration cellTimeout) {
    JsonObject nb;
    try {
      nb = JsonParser.parseString(Files.readString(notebook, StandardCharsets.UTF_8)).getAsJsonObject();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + notebook, e);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(notebook + " is not a JSON notebook: " + e.getMessage(), e);
    }
    long start = System.nanoTime();
    int failed = -1;
    String failure = null;
    JsonArray cells = nb.getAsJsonArray("cells");
    ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "nodelab-cell");
      t.setDaemon(true);
      return t;
    });
    try (Evaluator evaluator = new Evaluator()) {
      int count = 0;
      for (int i = 0; i < cells.size(); i++) {
        JsonObject cell = cells.get(i).getAsJsonObject();
        if (!"code".equals(cell.get("cell_type").getAsString())) {
          continue;
        }
        JsonArray outputs = new JsonArray();
        cell.add("outputs", outputs);
        if (failed >= 0) {
          cell.add("execution_count", null);
          continue;
        }
        cell.addProperty("execution_count", ++count);
        String error = execute(evaluator, worker, source(cell), count, outputs, cellTimeout);
        if (error != null) {
          failed = i;
          failure = error;
        }
      }
    } finally {
      worker.shutdownNow();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    metadata(nb);
    String name = notebook.getFileName().toString().replaceFirst("\\.ipynb$", "");
    Path executed = outDir.resolve(name + ".ipynb");
    Path html = outDir.resolve(name + ".html");
    write(executed, GSON.toJson(nb) + "\n");
    write(html, HtmlReport.render(name, nb, seconds));
    return new Outcome(executed, html, failed, failure, seconds);
  }

  /** Runs one cell, appends its outputs; returns the error text if it failed. */
  private static String execute(Evaluator evaluator, ExecutorService worker, String code, int count,
      JsonArray outputs, Duration timeout) {
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    PrintStream stream = new PrintStream(captured, true, StandardCharsets.UTF_8);
    System.setOut(stream);
    System.setErr(stream);
    CellResult result;
    try {
      Future<CellResult> future = worker.submit(() -> evaluator.eval(code));
      try {
        result = future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        evaluator.interrupt();
        try {
          future.get(30, TimeUnit.SECONDS);
        } catch (Exception ignored) {
          // reported below as a timeout either way
        }
        result = CellResult.failure("Timeout", "the cell ran longer than " + timeout.toSeconds() + " s and was interrupted");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        result = CellResult.failure("Interrupted", "interrupted");
      } catch (ExecutionException e) {
        result = CellResult.failure(e.getCause().getClass().getSimpleName(), String.valueOf(e.getCause()));
      }
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
    String text = captured.toString(StandardCharsets.UTF_8);
    if (!text.isEmpty()) {
      JsonObject s = new JsonObject();
      s.addProperty("output_type", "stream");
      s.addProperty("name", "stdout");
      s.add("text", lines(text));
      outputs.add(s);
    }
    if (result.failed()) {
      JsonObject e = new JsonObject();
      e.addProperty("output_type", "error");
      e.addProperty("ename", result.errorName());
      e.addProperty("evalue", firstLine(result.error()));
      JsonArray tb = new JsonArray();
      for (String line : result.error().split("\n")) {
        tb.add(line);
      }
      e.add("traceback", tb);
      outputs.add(e);
      return result.error();
    }
    if (result.hasValue()) {
      JsonObject r = new JsonObject();
      r.addProperty("output_type", "execute_result");
      r.addProperty("execution_count", count);
      JsonObject data = new JsonObject();
      for (Map.Entry<String, String> m : Renderer.render(result.value()).entrySet()) {
        data.add(m.getKey(), m.getKey().startsWith("text/") ? lines(m.getValue()) : GSON.toJsonTree(m.getValue()));
      }
      r.add("data", data);
      r.add("metadata", new JsonObject());
      outputs.add(r);
    }
    return null;
  }

  static String source(JsonObject cell) {
    JsonElement src = cell.get("source");
    if (src.isJsonArray()) {
      StringBuilder sb = new StringBuilder();
      src.getAsJsonArray().forEach(e -> sb.append(e.getAsString()));
      return sb.toString();
    }
    return src.getAsString();
  }

  private static JsonArray lines(String text) {
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

  private static void metadata(JsonObject nb) {
    JsonObject meta = nb.has("metadata") ? nb.getAsJsonObject("metadata") : new JsonObject();
    JsonObject kernel = new JsonObject();
    kernel.addProperty("name", "nodelab");
    kernel.addProperty("display_name", "Java (nodelab)");
    kernel.addProperty("language", "java");
    meta.add("kernelspec", kernel);
    JsonObject language = new JsonObject();
    language.addProperty("name", "java");
    language.addProperty("version", Versions.java());
    language.addProperty("file_extension", ".jshell");
    language.addProperty("mimetype", "text/x-java-source");
    meta.add("language_info", language);
    nb.add("metadata", meta);
    nb.addProperty("nbformat", 4);
    if (!nb.has("nbformat_minor")) {
      nb.addProperty("nbformat_minor", 5);
    }
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  static void write(Path file, String text) {
    org.nodelab.plot.Export.writeAtomically(file, text.getBytes(StandardCharsets.UTF_8));
  }
}
