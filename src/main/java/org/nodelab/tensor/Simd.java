package org.nodelab.tensor;

/**
 * Whether the kernels use the JDK's Vector API ({@code jdk.incubator.vector}). It is available when
 * the JVM was started with {@code --add-modules jdk.incubator.vector} (the launcher, the kernel and
 * the tests do), its preferred double vector holds at least four lanes, and the system property
 * {@code nodelab.simd} is not {@code off}; otherwise the plain loops that C2 auto-vectorises run.
 * Both give the same bits: each element is computed by the same operations in the same order.
 *
 * <p>Until C2 has compiled them, Vector API kernels run hundreds of times slower than plain loops
 * (each vector becomes an object), so they are warmed up on a background thread over small shapes
 * that take every branch ({@link SimdWarmUp}); the kernels switch over when that is done, and a
 * short program never waits for it.
 */
final class Simd {
  /** Whether the Vector API kernels can run here. */
  static final boolean AVAILABLE = detect();

  private static volatile boolean ready;

  static {
    if (AVAILABLE) {
      Thread warmUp = new Thread(() -> {
        SimdWarmUp.run();
        ready = true;
      }, "nodelab-vector-warm-up");
      warmUp.setDaemon(true);
      warmUp.setPriority(Thread.MIN_PRIORITY);
      warmUp.start();
    }
  }

  private Simd() {}

  /** Whether the kernels use the Vector API now (available and warmed up). */
  static boolean on() {
    return ready;
  }

  private static boolean detect() {
    if ("off".equals(System.getProperty("nodelab.simd"))) {
      return false;
    }
    if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
      return false;
    }
    return SimdMath.lanes() >= 4;
  }

  /** Bits per vector of the Vector API kernels, or 0 where the plain loops run. */
  static int bits() {
    return AVAILABLE ? 64 * SimdMath.lanes() : 0;
  }
}
