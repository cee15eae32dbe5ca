package org.nodelab.tensor;

/**
 * A scope in which no operation records a gradient tape: {@code try (var off = Tensor.noGrad())
 * { ... }}. Scopes nest; closing restores the previous mode of this thread.
 */
public final class NoGrad implements AutoCloseable {
  private static final ThreadLocal<boolean[]> ENABLED = ThreadLocal.withInitial(() -> new boolean[] {true});
  private final boolean previous;
  private boolean closed;

  NoGrad() {
    this(false);
  }

  private NoGrad(boolean mode) {
    boolean[] flag = ENABLED.get();
    previous = flag[0];
    flag[0] = mode;
  }

  /** A scope in which taping is on again (inside an outer no-grad scope). */
  static NoGrad enable() {
    return new NoGrad(true);
  }

  static boolean enabled() {
    return ENABLED.get()[0];
  }

  /** Restores the mode that was active when this scope opened. */
  @Override
  public void close() {
    if (!closed) {
      ENABLED.get()[0] = previous;
      closed = true;
    }
  }
}
