package org.nodelab.train;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A one-line terminal progress display rewritten in place with a carriage return, at most {@code
 * 4} times a second (printing every step would cost more than a small model's step).
 */
final class ProgressLine {
  private static final long MIN_INTERVAL_NANOS = 250_000_000L;
  private final PrintStream out;
  private final long total;
  private final long start = System.nanoTime();
  private long lastPrint = Long.MIN_VALUE / 2;
  private boolean printed;

  ProgressLine(PrintStream out, long total) {
    this.out = out;
    this.total = total;
  }

  void update(long step, double loss, long nfeForward, long nfeBackward, boolean force) {
    long now = System.nanoTime();
    if (out == null || (!force && now - lastPrint < MIN_INTERVAL_NANOS)) {
      return;
    }
    lastPrint = now;
    double seconds = (now - start) / 1e9;
    out.printf(
        Locale.ROOT,
        "\rstep %d/%d  %.1f it/s  loss %.6g  nfe %d/%d   ",
        step, total, step / Math.max(seconds, 1e-9), loss, nfeForward, nfeBackward);
    out.flush();
    printed = true;
  }

  void finish() {
    if (out != null && printed) {
      out.println();
    }
  }
}
