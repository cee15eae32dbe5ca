package org.nodelab.notebook;

import java.util.concurrent.Callable;
import org.nodelab.ode.Interrupts;

/**
 * Runs each snippet on a thread of its own, so that an interrupt reaches that snippet and nothing
 * after it. A stop first asks library loops to end at their next step ({@link Interrupts}); code
 * still running a second later (a busy loop, a sleep) is stopped as JShell's own {@code stop}
 * does ({@code Thread.stop}), outside any {@linkplain Interrupts#atomically atomic step} and never
 * while the thread is inside Jupyter's socket I/O. Where the JDK no longer supports that, the
 * thread is interrupted and abandoned. The session's state (variables, classes) is kept either way.
 */
final class SnippetThread {
  private static final long GRACE_MILLIS = 1000;
  private volatile Thread current;
  private volatile boolean abandoned;
  private volatile boolean stopped;

  /** Runs {@code body} on a new thread and waits for it (or until it is abandoned). */
  Object run(Callable<Object> body) throws Exception {
    if (stopped) {
      throw new StoppedSnippet();
    }
    Object[] value = new Object[1];
    Throwable[] failure = new Throwable[1];
    Thread t = new Thread(() -> {
      try {
        value[0] = body.call();
      } catch (Throwable e) {
        failure[0] = e;
      }
    }, "nodelab-cell");
    t.setDaemon(true);
    abandoned = false;
    current = t;
    t.start();
    try {
      while (t.isAlive() && !abandoned) {
        try {
          t.join(50);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    } finally {
      current = null;
    }
    if (abandoned) {
      throw new StoppedSnippet();
    }
    if (failure[0] instanceof Exception e) {
      throw e;
    }
    if (failure[0] instanceof Error e) {
      throw e;
    }
    return value[0];
  }

  /** Whether a stop was asked for since the last {@link #reset}. */
  boolean stopRequested() {
    return stopped;
  }

  /** Forgets an earlier stop request (a new cell starts). */
  void reset() {
    stopped = false;
  }

  /**
   * Stops the snippet running now, if any, and any later snippet of the same cell; returns at once
   * (the escalation runs on its own thread).
   */
  void stop() {
    stopped = true;
    Thread t = current;
    if (t == null) {
      return;
    }
    Interrupts.request(t);
    Thread escalation = new Thread(() -> escalate(t), "nodelab-stop");
    escalation.setDaemon(true);
    escalation.start();
  }

  @SuppressWarnings({"deprecation", "removal"})
  private void escalate(Thread t) {
    try {
      t.join(GRACE_MILLIS);
      while (t.isAlive() && current == t) {
        if (!insideSocketIo(t) && Interrupts.whenOutsideAtomicStep(t, 100, () -> forceStop(t))) {
          return;
        }
        Thread.sleep(20);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @SuppressWarnings({"deprecation", "removal"})
  private void forceStop(Thread t) {
    if (current != t) {
      return;
    }
    try {
      t.stop();
      t.join(GRACE_MILLIS);
    } catch (UnsupportedOperationException notOnThisJdk) {
      t.interrupt();
      abandoned = true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static boolean insideSocketIo(Thread t) {
    for (StackTraceElement f : t.getStackTrace()) {
      String c = f.getClassName();
      if (c.startsWith("zmq.") || c.startsWith("org.zeromq.") || c.startsWith("sun.nio.") || c.startsWith("java.nio.channels.")) {
        return true;
      }
    }
    return false;
  }

  /** A snippet that was stopped and left behind. */
  static final class StoppedSnippet extends Exception {
    private static final long serialVersionUID = 1L;

    StoppedSnippet() {
      super("stopped", null, false, false);
    }
  }
}
