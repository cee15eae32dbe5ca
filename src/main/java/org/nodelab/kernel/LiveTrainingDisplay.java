package org.nodelab.kernel;

import java.util.Locale;
import java.util.UUID;
import org.dflib.jjava.jupyter.kernel.DisplayStream;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.nodelab.plot.Charts;
import org.nodelab.plot.Export;
import org.nodelab.train.Progress;
import org.nodelab.train.TrainingMonitor;

/**
 * The live view of a training run in the running cell: one output, updated in place, holding the
 * loss chart and a progress line (step, rate, loss).
 */
final class LiveTrainingDisplay implements TrainingMonitor {
  private final DisplayStream display;
  private final String id = UUID.randomUUID().toString();
  private final long start = System.nanoTime();
  private boolean shown;

  LiveTrainingDisplay(DisplayStream display) {
    this.display = display;
  }

  @Override
  public void update(Progress p, long totalSteps, boolean last) {
    if (!display.isAttached()) {
      return;
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    String line = String.format(Locale.ROOT, "step %d/%d  %.1f it/s  loss %.6g%s", p.step(), totalSteps,
        p.step() / Math.max(seconds, 1e-9), p.loss(), last ? "  (done)" : "");
    DisplayData data = new DisplayData();
    data.putData("image/png", Export.pngBase64(Charts.lossCurve(p.history().table())));
    data.putData("text/plain", line);
    data.putData("text/html", "<pre>" + line + "</pre>");
    if (!shown) {
      data.setDisplayId(id);
      display.display(data);
      shown = true;
    } else {
      display.updateDisplay(id, data);
    }
  }
}
