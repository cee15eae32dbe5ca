package org.nodelab.notebook;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.nodelab.train.TrainingMonitor;

/**
 * Runs a notebook's Java cells headlessly (no Python, no Jupyter) through the same {@link
 * Evaluator} the kernel uses, and writes {@code DIR/NAME.ipynb} with outputs (nbformat 4: streams,
 * results and displays with PNG/HTML/text, errors; provenance in the metadata, Jupyter's timing
 * fields in each cell's) and a self-contained {@code DIR/NAME.html} report. The first failing cell
 * stops the run (exit status 1, the cell named); later cells keep their earlier outputs, marked as
 * not re-run, so {@code --out} may be the notebook's own directory. Run: {@code ./nodelab run
 * NOTEBOOK.ipynb [--out DIR] [--timeout SECONDS]}.
 */
public final class NotebookRunner {
  /** Cell metadata key of the note on a cell whose outputs are from an earlier run. */
  static final String NOT_RERUN = "nodelab";
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);
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
    Outcome o;
    try {
      o = run(notebook, out, Duration.ofSeconds(timeout));
    } catch (IllegalArgumentException e) {
      System.err.println("nodelab run: " + e.getMessage());
      System.exit(2);
      return;
    }
    System.out.printf(java.util.Locale.ROOT, "%s in %.1f s%nnotebook: %s%nreport:   %s%n",
        o.ok() ? "ran every cell" : "FAILED at cell " + o.failedCell(), o.seconds(), o.notebook(), o.html());
    if (!o.ok()) {
      System.err.println("cell " + o.failedCell() + " failed:\n" + o.failure());
      System.err.println("the cells after it were not run and keep their earlier outputs, marked \"not re-run\"");
    }
    System.exit(o.ok() ? 0 : 1);
  }

  /**
   * Executes {@code notebook} and writes the executed notebook and the HTML report into {@code outDir}.
   * Cells after a failing one are not run and keep the outputs they had, marked as not re-run, so
   * refreshing a notebook in place loses nothing. A notebook of another kernel is refused.
   *
   * @throws IllegalArgumentException if the file is not a notebook or belongs to another kernel
   */
  public static Outcome run(Path notebook, Path outDir, Duration cellTimeout) {
    JsonObject nb;
    try {
      nb = JsonParser.parseString(Files.readString(notebook, StandardCharsets.UTF_8)).getAsJsonObject();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + notebook, e);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(notebook + " is not a JSON notebook: " + e.getMessage(), e);
    }
    refuseOtherKernels(notebook, nb);
    CellIds.ensure(nb);
    Provenance provenance = Provenance.begin(notebook);
    long start = System.nanoTime();
    int failed = -1;
    String failure = null;
    JsonArray cells = nb.getAsJsonArray("cells");
    CellOutputs sink = new CellOutputs();
    ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "nodelab-cell");
      t.setDaemon(true);
      return t;
    });
    Display.install(sink);
    TrainingMonitor.setDefault(LiveTrainingDisplay::new);
    try (Evaluator evaluator = new Evaluator()) {
      int count = 0;
      for (int i = 0; i < cells.size(); i++) {
        JsonObject cell = cells.get(i).getAsJsonObject();
        if (!"code".equals(cell.get("cell_type").getAsString())) {
          continue;
        }
        JsonObject meta = cell.has("metadata") ? cell.getAsJsonObject("metadata") : new JsonObject();
        cell.add("metadata", meta);
        if (failed >= 0) {
          markNotRerun(cell, meta, failed);
          continue;
        }
        meta.remove(NOT_RERUN);
        JsonArray outputs = new JsonArray();
        cell.add("outputs", outputs);
        cell.addProperty("execution_count", ++count);
        Instant began = Instant.now();
        provenance.cellRan(i, source(cell));
        String error = execute(evaluator, worker, sink, source(cell), count, outputs, cellTimeout);
        meta.add("execution", timing(began, Instant.now()));
        if (error != null) {
          failed = i;
          failure = error;
        }
      }
    } finally {
      Display.install(null);
      TrainingMonitor.setDefault(null);
      worker.shutdownNow();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    metadata(nb, provenance.json(seconds));
    String name = notebook.getFileName().toString().replaceFirst("\\.ipynb$", "");
    Path executed = outDir.resolve(name + ".ipynb");
    Path html = outDir.resolve(name + ".html");
    write(executed, GSON.toJson(nb) + "\n");
    write(html, HtmlReport.render(name, nb));
    return new Outcome(executed, html, failed, failure, seconds);
  }

  /** Refuses a notebook whose kernelspec names another kernel than nodelab or another language than Java. */
  static void refuseOtherKernels(Path notebook, JsonObject nb) {
    JsonObject meta = nb.has("metadata") ? nb.getAsJsonObject("metadata") : new JsonObject();
    if (!meta.has("kernelspec") || !meta.get("kernelspec").isJsonObject()) {
      return;
    }
    JsonObject spec = meta.getAsJsonObject("kernelspec");
    String name = spec.has("name") ? spec.get("name").getAsString() : "";
    String language = spec.has("language") ? spec.get("language").getAsString()
        : meta.has("language_info") && meta.getAsJsonObject("language_info").has("name")
            ? meta.getAsJsonObject("language_info").get("name").getAsString() : "";
    if (!name.equals("nodelab") && !language.equalsIgnoreCase("java")) {
      throw new IllegalArgumentException(notebook + " is a notebook of the kernel \"" + name + "\""
          + (language.isEmpty() ? "" : " (language " + language + ")")
          + ", not of nodelab or another Java kernel: refused to run it, nothing was written");
    }
  }

  /** Keeps a skipped cell's earlier outputs and says why they are not from this run. */
  private static void markNotRerun(JsonObject cell, JsonObject meta, int failed) {
    if (!cell.has("outputs")) {
      cell.add("outputs", new JsonArray());
    }
    if (!cell.has("execution_count")) {
      cell.add("execution_count", null);
    }
    JsonObject note = new JsonObject();
    note.addProperty("rerun", false);
    note.addProperty("reason", "cell " + failed + " failed first; "
        + (cell.getAsJsonArray("outputs").isEmpty() ? "no earlier outputs" : "these outputs are from an earlier run"));
    meta.add(NOT_RERUN, note);
  }

  /** Jupyter's own cell timing fields (as nbclient records them with {@code record_timing}). */
  private static JsonObject timing(Instant began, Instant ended) {
    JsonObject t = new JsonObject();
    t.addProperty("iopub.status.busy", TIMESTAMP.format(began));
    t.addProperty("iopub.execute_input", TIMESTAMP.format(began));
    t.addProperty("shell.execute_reply", TIMESTAMP.format(ended));
    t.addProperty("iopub.status.idle", TIMESTAMP.format(ended));
    return t;
  }

  /** Runs one cell, appends its outputs; returns the error text if it failed. */
  private static String execute(Evaluator evaluator, ExecutorService worker, CellOutputs sink, String code, int count,
      JsonArray outputs, Duration timeout) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    PrintStream stream = new PrintStream(sink.stdout(), true, StandardCharsets.UTF_8);
    sink.begin(outputs);
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
      LiveTrainingDisplay.finishFrames();
      stream.flush();
      System.setOut(oldOut);
      System.setErr(oldErr);
      sink.end();
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
      r.add("data", CellOutputs.data(Renderer.render(result.value())));
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

  private static void metadata(JsonObject nb, JsonObject provenance) {
    JsonObject meta = nb.has("metadata") ? nb.getAsJsonObject("metadata") : new JsonObject();
    if (!meta.has("kernelspec")) {
      JsonObject kernel = new JsonObject();
      kernel.addProperty("name", "nodelab");
      kernel.addProperty("display_name", "Java (nodelab)");
      kernel.addProperty("language", "java");
      meta.add("kernelspec", kernel);
    }
    JsonObject language = new JsonObject();
    language.addProperty("name", "java");
    language.addProperty("version", Versions.java());
    language.addProperty("file_extension", ".jshell");
    language.addProperty("mimetype", "text/x-java-source");
    meta.add("language_info", language);
    meta.add("nodelab", provenance);
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
    org.nodelab.io.AtomicFile.write(file, text.getBytes(StandardCharsets.UTF_8));
  }
}
