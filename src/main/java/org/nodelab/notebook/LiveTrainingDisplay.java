package org.nodelab.notebook;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.knowm.xchart.XYChart;
import org.nodelab.plot.Charts;
import org.nodelab.train.History;
import org.nodelab.train.Progress;
import org.nodelab.train.TrainingMonitor;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.selection.BitmapBackedSelection;
import tech.tablesaw.selection.Selection;

/**
 * The live view of one training run: one output, labelled with the run, shown when it starts and
 * updated in place through {@link Display}. Frames are drawn on a background thread at most once a
 * second and at most 5% of that thread's time (the next frame waits 20 times as long as the last took
 * to draw); while one is drawn, newer steps are skipped rather than waited for. The training thread
 * only copies the loss columns (at most 2000 rows of them) and publishes finished frames. The final
 * frame is drawn in the background too and published by {@link #finishFrames} when the cell ends
 * (the kernel and the runner call it); it holds only the seeded results (steps, loss), so re-running
 * a notebook gives the same output.
 */
public final class LiveTrainingDisplay implements TrainingMonitor {
  private static final long MIN_INTERVAL_NANOS = 1_000_000_000L;
  private static final int IDLE_PER_BUSY = 20;
  private static final int MAX_ROWS = 2000;
  private static final Queue<Runnable> FINAL_FRAMES = new ConcurrentLinkedQueue<>();
  private static final ExecutorService RENDERER = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "nodelab-live-chart");
    t.setDaemon(true);
    t.setPriority(Thread.MIN_PRIORITY);
    return t;
  });

  private final AtomicReference<Map<String, String>> ready = new AtomicReference<>();
  private final AtomicBoolean drawing = new AtomicBoolean();
  private volatile long nextFrameAt = System.nanoTime();
  private volatile boolean finished;
  private String label = "training";
  private String id;

  /** A display; it shows itself (a line of text until the first frame) when its training starts. */
  public LiveTrainingDisplay() {}

  @Override
  public void start(String runLabel, long totalSteps) {
    this.label = runLabel;
    Map<String, String> placeholder = new LinkedHashMap<>();
    placeholder.put("text/plain", runLabel + ": starting");
    publish(placeholder);
  }

  /**
   * Publishes the final frames of the trainings that ended, waiting for their drawing; called on
   * the cell's thread when a cell ends.
   */
  public static void finishFrames() {
    for (Runnable r = FINAL_FRAMES.poll(); r != null; r = FINAL_FRAMES.poll()) {
      r.run();
    }
  }

  @Override
  public void update(Progress p, long totalSteps, boolean last) {
    if (last) {
      finished = true;
      ready.set(null);
      Table snapshot = snapshot(p.history());
      long step = p.step();
      double loss = p.loss();
      Future<Map<String, String>> drawn =
          RENDERER.submit(() -> frame(snapshot, label, step, totalSteps, loss, true));
      FINAL_FRAMES.add(() -> {
        try {
          publish(drawn.get());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
          publish(Map.of("text/plain", "cannot draw the loss chart of " + label + ": " + e.getCause()));
        }
      });
      return;
    }
    Map<String, String> frame = ready.getAndSet(null);
    if (frame != null) {
      publish(frame);
    }
    if (System.nanoTime() >= nextFrameAt && drawing.compareAndSet(false, true)) {
      Table snapshot = snapshot(p.history());
      long step = p.step();
      double loss = p.loss();
      String title = label;
      RENDERER.execute(() -> {
        long t0 = System.nanoTime();
        try {
          Map<String, String> drawn = frame(snapshot, title, step, totalSteps, loss, false);
          if (!finished) {
            ready.set(drawn);
          }
        } catch (RuntimeException e) {
          // a frame that cannot be drawn is dropped like a skipped one; the final frame reports errors
        } finally {
          long took = System.nanoTime() - t0;
          nextFrameAt = System.nanoTime() + Math.max(MIN_INTERVAL_NANOS, IDLE_PER_BUSY * took);
          drawing.set(false);
        }
      });
    }
  }

  private void publish(Map<String, String> bundle) {
    if (id == null) {
      id = Display.showBundle(bundle);
    } else {
      Display.updateBundle(id, bundle);
    }
  }

  /**
   * The columns the chart needs, copied so that drawing never sees the history grow: every row up to
   * 2000, else about 2000 evenly spaced rows, the last one, and the rows with a validation loss when
   * there are at most 2000 of them.
   */
  private static Table snapshot(History history) {
    Table t = history.table();
    int rows = t.rowCount();
    if (rows <= MAX_ROWS) {
      return Table.create(t.name(), t.column("step").copy(), t.column("loss").copy(), t.column("val_loss").copy());
    }
    int stride = (rows + MAX_ROWS - 1) / MAX_ROWS;
    DoubleColumn val = t.doubleColumn("val_loss");
    boolean allValidations = rows - val.countMissing() <= MAX_ROWS;
    Selection keep = new BitmapBackedSelection();
    for (int r = 0; r < rows; r++) {
      if (r % stride == 0 || r == rows - 1 || (allValidations && !Double.isNaN(val.getDouble(r)))) {
        keep.add(r);
      }
    }
    return Table.create(t.name(), t.column("step").where(keep), t.column("loss").where(keep), val.where(keep));
  }

  /** The chart of a run's loss titled by its label, with a plain-text line of the step and loss. */
  static Map<String, String> frame(Table history, String label, long step, long total, double loss, boolean last) {
    XYChart chart = Charts.lossCurve(history);
    chart.setTitle(label);
    String text = last
        ? String.format(Locale.ROOT, "%s: %d steps, final loss %.4g", label, step, loss)
        : String.format(Locale.ROOT, "%s: step %d of %d, loss %.4g", label, step, total, loss);
    Map<String, String> bundle = new LinkedHashMap<>(Renderer.render(chart));
    bundle.put("text/plain", text);
    return bundle;
  }
}
