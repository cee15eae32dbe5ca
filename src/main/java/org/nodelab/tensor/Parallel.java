package org.nodelab.tensor;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Splits the rows of a kernel's output over {@link Tensor#threads()} threads when the work is large
 * enough to repay the hand-over. The calling thread runs the first part and then takes back any part
 * no helper has started, so a split is never much slower than one thread. Each output element is
 * computed by the same operations in the same order whichever thread runs it, so results do not
 * depend on the number of threads. One split runs at a time; a kernel called inside a split, or
 * while another thread's split runs, stays on its own thread.
 *
 * <p>After each part a helper keeps polling for {@link #SPIN_NANOS} before it parks (as OpenMP's
 * active wait policy), since a parked thread took longer to wake on this machine than a part takes:
 * a training loop's consecutive kernels find it awake. It spins for the first {@link #HOT_NANOS} and
 * then polls with {@code Thread.yield()}, which gives the core to the JIT compiler or the garbage
 * collector when those have work.
 */
final class Parallel {
  /**
   * Multiply-adds (or equivalent element operations) below which a split does not pay: about 60 µs
   * of work. Measured here: a polling helper starts its part about 5 µs after the hand-over, a
   * parked one 35–110 µs after, and one time in ten a helper loses its core for longer than a part
   * takes (the caller then runs the part itself).
   */
  static final long MIN_WORK = 1L << 19;

  /** How long an idle helper polls before parking. */
  static final long SPIN_NANOS = 200_000;

  /** How long of that it polls without yielding its core. */
  static final long HOT_NANOS = 50_000;

  private static final AtomicBoolean BUSY = new AtomicBoolean();
  private static final AtomicLong SPLITS = new AtomicLong();
  private static final AtomicLong HELPED = new AtomicLong();
  private static volatile int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
  private static Helper[] helpers = new Helper[0];

  private Parallel() {}

  /** The body of a split: computes output rows {@code [from, to)}. */
  @FunctionalInterface
  interface Rows {
    void run(int from, int to);
  }

  static int threads() {
    return threads;
  }

  static void threads(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("threads must be at least 1, got " + n);
    }
    threads = n;
  }

  /** How many splits have run (for tests that must see one happen). */
  static long splits() {
    return SPLITS.get();
  }

  /** How many parts a helper thread has run. */
  static long helpedParts() {
    return HELPED.get();
  }

  /** Whether {@link #rows} splits this work. */
  private static boolean pays(int m, int align, long work) {
    return work >= MIN_WORK && Math.min(threads, m / Math.max(1, align)) >= 2;
  }

  /**
   * Runs {@code body} over rows {@code [0, m)}, in parts whose boundaries are multiples of {@code
   * align}, on several threads when {@code work} reaches {@link #MIN_WORK}.
   */
  static void rows(int m, int align, long work, Rows body) {
    int parts = (int) Math.min(threads, m / Math.max(1, align));
    if (!pays(m, align, work) || !BUSY.compareAndSet(false, true)) {
      body.run(0, m);
      return;
    }
    try {
      int[] bounds = new int[parts + 1];
      for (int p = 1; p < parts; p++) {
        bounds[p] = (int) ((long) m * p / parts / align * align);
      }
      bounds[parts] = m;
      Runnable[] handed = new Runnable[parts - 1];
      for (int p = 1; p < parts; p++) {
        int from = bounds[p];
        int to = bounds[p + 1];
        handed[p - 1] = () -> body.run(from, to);
      }
      split(handed, () -> body.run(0, bounds[1]));
    } finally {
      BUSY.set(false);
    }
  }

  /**
   * Runs {@code body} over the independent pieces {@code [0, m)}, a few at a time, each taken by
   * whichever thread asks next, on several threads when {@code work} reaches {@link #MIN_WORK}. The
   * caller waits for the pieces only, not for the helpers: one that loses its core delays it by at
   * most the pieces it holds, and one that wakes after the pieces are gone finds none. The body must
   * compute each piece the same way on any thread and keep per-piece partial results apart.
   */
  static void pieces(int m, long work, Rows body) {
    int parts = Math.min(threads, m);
    if (!pays(m, 1, work) || !BUSY.compareAndSet(false, true)) {
      body.run(0, m);
      return;
    }
    try {
      SPLITS.incrementAndGet();
      int grain = Math.max(1, m / (8 * parts));
      java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
      java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();
      AtomicReference<Throwable> failure = new AtomicReference<>();
      Runnable claim = () -> {
        for (int from; (from = next.getAndAdd(grain)) < m; ) {
          int to = Math.min(m, from + grain);
          try {
            body.run(from, to);
          } catch (RuntimeException | Error e) {
            failure.compareAndSet(null, e);
          } finally {
            done.addAndGet(to - from);
          }
        }
      };
      Helper[] team = helpers(parts - 1);
      Runnable[] handed = new Runnable[parts - 1];
      for (int p = 0; p < handed.length; p++) {
        handed[p] = claim::run;
        team[p].submit(handed[p]);
      }
      claim.run();
      for (int p = 0; p < handed.length; p++) {
        team[p].withdraw(handed[p]);
      }
      while (done.get() < m) {
        Thread.onSpinWait();
      }
      Throwable thrown = failure.get();
      if (thrown instanceof RuntimeException r) {
        throw r;
      }
      if (thrown instanceof Error e) {
        throw e;
      }
    } finally {
      BUSY.set(false);
    }
  }

  /** Hands {@code handed} to helpers, runs {@code own} here, waits for the helpers; rethrows the first failure. */
  private static void split(Runnable[] handed, Runnable own) {
    SPLITS.incrementAndGet();
    Helper[] team = helpers(handed.length);
    for (int p = 0; p < handed.length; p++) {
      team[p].submit(handed[p]);
    }
    Throwable failure = null;
    try {
      own.run();
    } catch (RuntimeException | Error e) {
      failure = e;
    }
    for (int p = 0; p < handed.length; p++) {
      Throwable theirs = team[p].finish(handed[p]);
      failure = failure == null ? theirs : failure;
    }
    if (failure instanceof RuntimeException r) {
      throw r;
    }
    if (failure instanceof Error e) {
      throw e;
    }
  }

  /** At least {@code n} helpers (called only by the holder of {@link #BUSY}). */
  private static Helper[] helpers(int n) {
    if (helpers.length < n) {
      Helper[] more = java.util.Arrays.copyOf(helpers, n);
      for (int i = helpers.length; i < n; i++) {
        more[i] = new Helper(i);
        more[i].start();
      }
      helpers = more;
    }
    return helpers;
  }

  /** A daemon thread that runs one part at a time, handed over through a single slot. */
  private static final class Helper extends Thread {
    private final AtomicReference<Runnable> slot = new AtomicReference<>();
    private volatile boolean sleeping;
    private volatile long completed;
    private volatile Throwable failure;
    private long submitted;

    Helper(int index) {
      super("nodelab-kernel-" + index);
      setDaemon(true);
    }

    /** Hands over a part. */
    void submit(Runnable part) {
      failure = null;
      submitted++;
      slot.set(part);
      if (sleeping) {
        LockSupport.unpark(this);
      }
    }

    /** Takes back {@code part} if the helper has not started it. */
    void withdraw(Runnable part) {
      if (slot.compareAndSet(part, null)) {
        submitted--;
      }
    }

    /**
     * Waits until {@code part} is done, running it here if the helper has not taken it yet (a parked
     * helper may wake later than the part takes); returns what it threw, or null.
     */
    Throwable finish(Runnable part) {
      if (slot.compareAndSet(part, null)) {
        submitted--;
        try {
          part.run();
          return null;
        } catch (RuntimeException | Error e) {
          return e;
        }
      }
      while (completed < submitted) {
        Thread.onSpinWait();
      }
      return failure;
    }

    @Override
    public void run() {
      while (true) {
        Runnable part = take();
        try {
          part.run();
          HELPED.incrementAndGet();
        } catch (Throwable t) {
          failure = t;
        }
        completed = completed + 1;
      }
    }

    private Runnable take() {
      long idleSince = System.nanoTime();
      while (true) {
        Runnable part = slot.getAndSet(null);
        if (part != null) {
          return part;
        }
        long idle = System.nanoTime() - idleSince;
        if (idle < HOT_NANOS) {
          Thread.onSpinWait();
          continue;
        }
        if (idle < SPIN_NANOS) {
          Thread.yield();
          continue;
        }
        sleeping = true;
        part = slot.getAndSet(null);
        if (part != null) {
          sleeping = false;
          return part;
        }
        LockSupport.park(this);
        sleeping = false;
        idleSince = System.nanoTime();
      }
    }
  }
}
