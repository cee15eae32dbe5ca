package org.nodelab.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.nodelab.examples.OdeDemo;
import org.nodelab.notebook.Display;
import org.nodelab.notebook.DisplaySink;
import org.nodelab.notebook.LiveTrainingDisplay;
import org.nodelab.notebook.Renderer;
import org.nodelab.ode.GradientMethod;
import org.nodelab.plot.Charts;
import org.nodelab.train.Progress;
import org.nodelab.train.TrainingMonitor;

/**
 * What the live training chart costs the training: the spiral demo (torchdiffeq's ode_demo) trained
 * for N iterations with no display, with nodelab's {@link LiveTrainingDisplay}, and with a chart
 * drawn on the training thread at every monitor call (how the display worked before). The time of
 * a run includes waiting for the live display's final frame (as a cell does); the training alone
 * (until {@code run()} returns) is reported too. Pairs are run in turns
 * after a warm-up; prints the median seconds of each and one JSON line. Run: {@code
 * ./nodelab bench live-display [--iterations N] [--repeats R]}.
 */
public final class LiveDisplayBenchmark {
  private static double trainingSeconds;

  private LiveDisplayBenchmark() {}

  /** Parses the options, runs the pairs, prints the medians and the JSON summary. */
  public static void main(String[] args) {
    int iterations = 1000;
    int repeats = 3;
    org.nodelab.io.Options o = new org.nodelab.io.Options("./nodelab bench live-display [--iterations N] [--repeats R]", args);
    while (o.hasNext()) {
      switch (o.next()) {
        case "--iterations" -> iterations = o.intValue(1);
        case "--repeats" -> repeats = o.intValue(1);
        default -> throw o.unexpected();
      }
    }
    AtomicLong frames = new AtomicLong();
    Display.install(new DisplaySink() {
      @Override
      public void display(String id, Map<String, String> bundle) {
        frames.incrementAndGet();
      }

      @Override
      public void update(String id, Map<String, String> bundle) {
        frames.incrementAndGet();
      }
    });
    time(200, null);
    time(200, LiveTrainingDisplay::new);
    List<Double> none = new ArrayList<>();
    List<Double> live = new ArrayList<>();
    List<Double> inline = new ArrayList<>();
    List<Double> liveTraining = new ArrayList<>();
    long liveFrames = 0;
    for (int r = 0; r < repeats; r++) {
      none.add(time(iterations, null));
      long before = frames.get();
      live.add(time(iterations, LiveTrainingDisplay::new));
      liveTraining.add(trainingSeconds);
      liveFrames += frames.get() - before;
      inline.add(time(iterations, InlineChart::new));
      System.err.printf(Locale.ROOT, "round %d: none %.2f s, live %.2f s (training alone %.2f s), "
          + "drawn on the training thread %.2f s%n", r + 1, none.get(r), live.get(r), liveTraining.get(r), inline.get(r));
    }
    double n = median(none);
    double l = median(live);
    double i = median(inline);
    System.out.printf(Locale.ROOT,
        "{\"benchmark\": \"live-display\", \"iterations\": %d, \"repeats\": %d, \"seconds_without_display\": %.2f, "
            + "\"seconds_live_display\": %.2f, \"overhead_percent\": %.1f, \"training_alone_overhead_percent\": %.1f, "
            + "\"frames_per_run\": %.1f, "
            + "\"seconds_drawn_on_training_thread\": %.2f, \"cores\": %d}%n",
        iterations, repeats, n, l, 100 * (l - n) / n, 100 * (median(liveTraining) - n) / n, liveFrames / (double) repeats, i,
        Runtime.getRuntime().availableProcessors());
  }

  private static double time(int iterations, Supplier<TrainingMonitor> monitor) {
    OdeDemo demo = new OdeDemo(0, GradientMethod.DIRECT);
    var trainer = demo.trainer(0).iterations(iterations).progress(null);
    if (monitor != null) {
      trainer.monitor(monitor.get());
    }
    long t0 = System.nanoTime();
    trainer.run();
    trainingSeconds = (System.nanoTime() - t0) / 1e9;
    LiveTrainingDisplay.finishFrames();
    return (System.nanoTime() - t0) / 1e9;
  }

  private static double median(List<Double> xs) {
    double[] a = xs.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(a);
    return a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
  }

  /** The earlier display: draws the chart on the training thread at every monitor call. */
  private static final class InlineChart implements TrainingMonitor {
    @Override
    public void update(Progress p, long totalSteps, boolean last) {
      Display.showBundle(Renderer.render(Charts.lossCurve(p.history().table())));
    }
  }
}
