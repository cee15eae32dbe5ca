package org.nodelab.sweep;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.nodelab.notebook.Display;

/**
 * Sweep progress as one notebook output updated in place ({@link Display}): tasks done of the
 * total and failures, at most twice a second while it runs; the last update is exact. Outside a
 * notebook (plain JShell) only the first and last lines are printed.
 */
final class ProgressDisplay implements SweepProgress {
  private static final long INTERVAL_NANOS = 500_000_000L;
  private final AtomicInteger done = new AtomicInteger();
  private final AtomicInteger failed = new AtomicInteger();
  private volatile long nextAt;
  private int total;
  private String engine = "";
  private String id;

  @Override
  public synchronized void started(int total, String engine) {
    this.total = total;
    this.engine = engine;
    id = Display.showBundle(bundle());
    nextAt = System.nanoTime() + INTERVAL_NANOS;
  }

  @Override
  public void progressed(int doneSoFar, int failedSoFar) {
    done.set(doneSoFar);
    failed.set(failedSoFar);
    if (Display.live() && System.nanoTime() >= nextAt) {
      synchronized (this) {
        if (System.nanoTime() >= nextAt && id != null) {
          nextAt = System.nanoTime() + INTERVAL_NANOS;
          Display.updateBundle(id, bundle());
        }
      }
    }
  }

  @Override
  public synchronized void ended() {
    if (id != null) {
      Display.updateBundle(id, bundle());
    }
  }

  /** The text shown, e.g. {@code sweep on local[2]: 12/45 tasks done, 1 failed}. */
  String text() {
    return "sweep on " + engine + ": " + done.get() + "/" + total + " tasks done, " + failed.get() + " failed";
  }

  private Map<String, String> bundle() {
    Map<String, String> b = new LinkedHashMap<>();
    String t = text();
    b.put("text/plain", t);
    b.put("text/html", "<div><progress max=\"" + total + "\" value=\"" + done.get() + "\"></progress> "
        + t.replace("&", "&amp;").replace("<", "&lt;") + "</div>");
    return b;
  }
}
