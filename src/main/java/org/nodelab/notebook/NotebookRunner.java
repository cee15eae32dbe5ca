package org.nodelab.notebook;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
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
    /**
     * Whether every cell ran.
     *
     * @return true when no cell failed
     */
    public boolean ok() {
      return failedCell < 0;
    }
  }

  /** The command's synopsis. */
  static final String USAGE = "./nodelab run NOTEBOOK.ipynb [--out DIR] [--timeout SECONDS] [--force]";

  /**
   * Command line: {@code NOTEBOOK [--out DIR] [--timeout SECONDS] [--force]} (default out {@code
   * target/notebooks}, timeout 600 s per cell; {@code --force} runs a notebook of another kernel).
   * Usage errors and unreadable or malformed notebooks are thrown for {@link
   * org.nodelab.io.CommandMain} to report; a failing cell exits with status 1.
   *
   * @param args the command line
   */
  public static void main(String[] args) {
    Path notebook = null;
    Path out = Path.of("target", "notebooks");
    long timeout = 600;
    boolean force = false;
    org.nodelab.io.Options o = new org.nodelab.io.Options(USAGE, args);
    while (o.hasNext()) {
      switch (o.next()) {
        case "--out" -> out = Path.of(o.value());
        case "--timeout" -> timeout = o.longValue(1);
        case "--force" -> force = true;
        default -> {
          if (notebook != null) {
            throw o.unexpected();
          }
          notebook = Path.of(o.positional());
        }
      }
    }
    if (notebook == null) {
      throw o.usage("no notebook given");
    }
    Outcome r = run(notebook, out, Duration.ofSeconds(timeout), force);
    System.out.printf(java.util.Locale.ROOT, "%s in %.1f s%nnotebook: %s%nreport:   %s%n",
        r.ok() ? "ran every cell" : "FAILED at cell " + r.failedCell(), r.seconds(), r.notebook(), r.html());
    if (!r.ok()) {
      System.err.println("cell " + r.failedCell() + " failed:\n" + r.failure());
      System.err.println("the cells after it were not run and keep their earlier outputs, marked \"not re-run\"");
    }
    System.exit(r.ok() ? 0 : 1);
  }

  /**
   * Executes {@code notebook} as {@link #run(Path, Path, Duration, boolean)} does, refusing a
   * notebook of another kernel.
   *
   * @param notebook the {@code .ipynb} file
   * @param outDir the directory of the executed notebook and its report
   * @param cellTimeout the longest a cell may run
   * @return the paths written, the failing cell (or -1) and the wall time
   */
  public static Outcome run(Path notebook, Path outDir, Duration cellTimeout) {
    return run(notebook, outDir, cellTimeout, false);
  }

  /**
   * Executes {@code notebook} and writes the executed notebook and the HTML report into {@code outDir}.
   * Cells after a failing one are not run and keep the outputs they had, marked as not re-run, so
   * refreshing a notebook in place loses nothing. Metadata the runner does not know is kept.
   *
   * @param notebook an nbformat 4 notebook (minor version 0 to 5)
   * @param outDir where the executed notebook and the report go
   * @param cellTimeout how long a cell may run before it is stopped
   * @param anyKernel whether to run a notebook whose kernelspec or language is not nodelab or Java
   * @return what ran and where it was written
   * @throws java.io.UncheckedIOException if the notebook cannot be read
   * @throws NotebookFormatException if the file is not an nbformat 4 notebook
   * @throws IllegalArgumentException if it belongs to another kernel and {@code anyKernel} is false
   */
  public static Outcome run(Path notebook, Path outDir, Duration cellTimeout, boolean anyKernel) {
    JsonObject nb = NotebookJson.read(notebook);
    if (!anyKernel) {
      refuseOtherKernels(notebook, nb);
    }
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

  /**
   * Refuses a notebook whose kernelspec names another kernel than nodelab and another language than
   * Java, or, without a kernelspec, whose {@code language_info} names another language.
   */
  static void refuseOtherKernels(Path notebook, JsonObject nb) {
    JsonObject meta = nb.has("metadata") ? nb.getAsJsonObject("metadata") : new JsonObject();
    String name = field(meta, "kernelspec", "name");
    String language = field(meta, "kernelspec", "language");
    if (language.isEmpty()) {
      language = field(meta, "language_info", "name");
    }
    boolean ours = name.equals("nodelab") || language.equalsIgnoreCase("java") || name.isEmpty() && language.isEmpty();
    if (!ours) {
      throw new IllegalArgumentException(notebook + " is a notebook of "
          + (name.isEmpty() ? "" : "the kernel \"" + name + "\"" + (language.isEmpty() ? "" : " (language " + language + ")"))
          + (name.isEmpty() ? "the language " + language : "")
          + ", not of nodelab or Java: refused to run it, nothing was written (--force runs it anyway)");
    }
  }

  private static String field(JsonObject meta, String object, String key) {
    JsonElement o = meta.get(object);
    if (o == null || !o.isJsonObject() || !o.getAsJsonObject().has(key)) {
      return "";
    }
    JsonElement v = o.getAsJsonObject().get(key);
    return v.isJsonPrimitive() ? v.getAsString() : "";
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
    JsonObject language = meta.has("language_info") ? meta.getAsJsonObject("language_info") : new JsonObject();
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
