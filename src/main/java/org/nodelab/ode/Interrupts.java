package org.nodelab.ode;

import java.util.Collections;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * Cooperative interruption of long-running library loops (solves, training): a loop stops at its
 * next step when its thread is interrupted or when a stop was {@linkplain #request requested} for
 * it. The notebook kernel requests stops instead of interrupting the thread that also talks to
 * Jupyter, because interrupting a thread in the middle of socket I/O closes the socket.
 */
public final class Interrupts {
  private static final Set<Thread> REQUESTED = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

  private Interrupts() {}

  /** Whether the current thread should stop at the next step boundary. */
  public static boolean isRequested() {
    return Thread.currentThread().isInterrupted() || (!REQUESTED.isEmpty() && REQUESTED.contains(Thread.currentThread()));
  }

  /** Asks the loops running on {@code thread} to stop at their next step. */
  public static void request(Thread thread) {
    REQUESTED.add(thread);
  }

  /** Withdraws a request for {@code thread}. */
  public static void clear(Thread thread) {
    REQUESTED.remove(thread);
  }
}
