package org.nodelab.notebook;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.nodelab.data.Dataset;
import org.nodelab.io.AtomicFile;
import org.nodelab.nn.Mlp;
import org.nodelab.nn.ParameterFile;
import org.nodelab.plot.Export;
import org.nodelab.tensor.Activation;
import org.nodelab.tensor.Tensor;
import org.nodelab.train.Trainer;

/**
 * The child JVM of {@link CrashSafetyTest}: trains with a checkpoint after every step (resuming from
 * the checkpoint left by its killed predecessor) while the main thread rewrites saved parameters, an
 * executed notebook, its HTML report and a chart as PNG and SVG, over and over, until it is killed.
 * Prints {@code ready} once every file but the checkpoint has been written completely, {@code
 * training} once a checkpoint exists and training goes on, {@code trained} when training is done.
 */
public final class CrashWriter {
  static final int STEPS = 400;
  static final int[] SIZES = {1, 96, 96, 1};
  static final int CELLS = 40;
  /** The saved parameters' network: about a million parameters, 8 MB, so that writing them takes a while. */
  static final int[] PARAMETER_SIZES = {1, 1000, 1000, 1};
  private static final Mlp PARAMETERS = new Mlp(Activation.TANH, 0, PARAMETER_SIZES);

  private CrashWriter() {}

  /**
   * {@code DIR}: where the files are written; {@code DIR --block}: writes the parameters once, then
   * starts writing them again, prints {@code half} when half is written and waits to be killed.
   */
  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    if (args.length > 1 && args[1].equals("--block")) {
      blockHalfWay(dir.resolve("params.bin"));
      return;
    }
    Path checkpoint = dir.resolve("checkpoint.bin");
    boolean resume = Files.exists(checkpoint);
    XYChart chart = chart();
    JsonObject nb = notebook();
    write(dir, 0, chart, nb);
    say("ready");
    Thread trainer = new Thread(() -> {
      train(new Mlp(Activation.TANH, 3, SIZES), checkpoint, resume ? checkpoint : null);
      say("trained");
    });
    trainer.start();
    for (long round = 1; ; round++) {
      write(dir, round, chart, nb);
    }
  }

  /** The training every run of the test does: the same data, seed and steps; a checkpoint per step. */
  static void train(Mlp model, Path checkpoint, Path resumeFrom) {
    Tensor x = Tensor.linspace(-2, 2, 128).reshape(128, 1);
    Trainer t = Trainer.of(model).data(new Dataset(x, x.sin())).iterations(STEPS).batchSize(16).seed(4).progress(null);
    if (checkpoint != null) {
      boolean[] said = new boolean[1];
      t.checkpoint(checkpoint, 1).every(1, p -> {
        if (!said[0] && Files.exists(checkpoint)) {
          said[0] = true;
          say("training");
        }
      });
    }
    if (resumeFrom != null) {
      t.resumeFrom(resumeFrom);
    }
    t.run();
  }

  private static void blockHalfWay(Path file) throws Exception {
    ParameterFile.save(new Mlp(Activation.TANH, 1, PARAMETER_SIZES), file);
    Path other = file.resolveSibling("other.bin");
    ParameterFile.save(new Mlp(Activation.TANH, 2, PARAMETER_SIZES), other);
    byte[] next = Files.readAllBytes(other);
    Files.delete(other);
    AtomicFile.write(file, out -> {
      out.write(next, 0, next.length / 2);
      out.flush();
      say("half");
      try {
        Thread.sleep(Long.MAX_VALUE);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
  }

  private static void write(Path dir, long round, XYChart chart, JsonObject nb) {
    ParameterFile.save(PARAMETERS, dir.resolve("params.bin"));
    nb.getAsJsonObject("metadata").addProperty("round", round);
    NotebookRunner.write(dir.resolve("notebook.ipynb"), nb.toString());
    NotebookRunner.write(dir.resolve("report.html"), HtmlReport.render("round " + round, nb));
    Export.savePng(chart, dir.resolve("chart.png"), 1);
    Export.saveSvg(chart, dir.resolve("chart.svg"));
  }

  private static synchronized void say(String line) {
    System.out.println(line);
    System.out.flush();
  }

  private static XYChart chart() {
    XYChart chart = new XYChartBuilder().width(1200).height(900).build();
    double[] xs = new double[1000];
    double[] ys = new double[xs.length];
    for (int i = 0; i < xs.length; i++) {
      xs[i] = i;
      ys[i] = Math.sin(i / 50.0);
    }
    chart.addSeries("sin", xs, ys);
    return chart;
  }

  /** A notebook of {@link #CELLS} code cells, each with a 20 kB stream output. */
  static JsonObject notebook() {
    JsonObject nb = new JsonObject();
    nb.addProperty("nbformat", 4);
    nb.addProperty("nbformat_minor", 5);
    nb.add("metadata", new JsonObject());
    JsonArray cells = new JsonArray();
    String text = "0123456789".repeat(2000);
    for (int i = 0; i < CELLS; i++) {
      JsonObject cell = new JsonObject();
      cell.addProperty("cell_type", "code");
      cell.addProperty("id", String.format(Locale.ROOT, "c%03d", i));
      cell.add("metadata", new JsonObject());
      cell.addProperty("source", "System.out.print(\"" + i + "\");");
      JsonObject out = new JsonObject();
      out.addProperty("output_type", "stream");
      out.addProperty("name", "stdout");
      out.addProperty("text", text);
      JsonArray outputs = new JsonArray();
      outputs.add(out);
      cell.add("outputs", outputs);
      cells.add(cell);
    }
    nb.add("cells", cells);
    return nb;
  }
}
