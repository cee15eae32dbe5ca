package org.nodelab.ode;

import java.util.Collections;
import java.util.Set;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Cooperative interruption of long-running library loops (solves, training): a loop stops at its
 * next step when its thread is interrupted or when a stop was {@linkplain #request requested} for
 * it. The notebook kernel requests stops instead of interrupting the thread that also talks to
 * Jupyter, because interrupting a thread in the middle of socket I/O closes the socket.
 */
public final class Interrupts {
  private static final Set<Thread> REQUESTED = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

  private static final Map<Thread, ReentrantLock> ATOMIC = Collections.synchronizedMap(new WeakHashMap<>());

  private Interrupts() {}

  /**
   * Runs {@code step} (an optimiser update, say) so that a forced stop of this thread through {@link
   * #whenOutsideAtomicStep} never lands inside it: the step is applied fully or not at all.
   *
   * @param step the update to run whole
   */
  public static void atomically(Runnable step) {
    ReentrantLock lock = ATOMIC.computeIfAbsent(Thread.currentThread(), t -> new ReentrantLock());
    lock.lock();
    try {
      step.run();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Runs {@code action} (which stops {@code thread}) while {@code thread} is outside any {@link
   * #atomically} step and cannot enter one; gives up after {@code timeoutMillis} and returns false.
   *
   * @param thread the thread to stop
   * @param timeoutMillis how long to wait for it to leave an atomic step
   * @param action stops the thread
   * @return true when the action ran
   * @throws InterruptedException if the calling thread is interrupted while waiting
   */
  public static boolean whenOutsideAtomicStep(Thread thread, long timeoutMillis, Runnable action) throws InterruptedException {
    ReentrantLock lock = ATOMIC.computeIfAbsent(thread, t -> new ReentrantLock());
    if (!lock.tryLock(timeoutMillis, TimeUnit.MILLISECONDS)) {
      return false;
    }
    try {
      action.run();
      return true;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Whether the current thread should stop at the next step boundary.
   *
   * @return true after {@link #request}
   */
  public static boolean isRequested() {
    return Thread.currentThread().isInterrupted() || (!REQUESTED.isEmpty() && REQUESTED.contains(Thread.currentThread()));
  }

  /**
   * Asks the loops running on {@code thread} to stop at their next step.
   *
   * @param thread the thread to stop
   */
  public static void request(Thread thread) {
    REQUESTED.add(thread);
  }

  /**
   * Withdraws a request for {@code thread}.
   *
   * @param thread the thread
   */
  public static void clear(Thread thread) {
    REQUESTED.remove(thread);
  }
}
