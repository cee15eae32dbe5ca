package org.nodelab.tensor;

/**
 * Whether the kernels use the JDK's Vector API ({@code jdk.incubator.vector}): only when the JVM
 * was started with {@code --add-modules jdk.incubator.vector} (the launcher, the kernel and the
 * tests do), its preferred double vector holds at least four lanes, and the system property {@code
 * nodelab.simd} is not {@code off}. Otherwise the plain loops that C2 auto-vectorises run. Both give
 * the same bits: each element is computed by the same operations in the same order.
 */
final class Simd {
  /** Whether the Vector API kernels run. */
  static final boolean ON = detect();

  private Simd() {}

  private static boolean detect() {
    if ("off".equals(System.getProperty("nodelab.simd"))) {
      return false;
    }
    if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
      return false;
    }
    return SimdMath.lanes() >= 4;
  }

  /** Bits per vector of the kernels in use: the Vector API's preferred width, or 0 for plain loops. */
  static int bits() {
    return ON ? 64 * SimdMath.lanes() : 0;
  }
}
