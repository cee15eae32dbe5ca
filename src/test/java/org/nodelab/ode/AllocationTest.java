package org.nodelab.ode;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import org.nodelab.tensor.Tensor;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The {@code double[]} path, and the tensor path when no gradient is recorded, allocate nothing per
 * step: only a per-solve constant.
 */
class AllocationTest {
  private static final OdeSystem LOTKA_VOLTERRA = (t, y, dy) -> {
    dy[0] = 1.5 * y[0] - y[0] * y[1];
    dy[1] = -3 * y[1] + y[0] * y[1];
  };

  static Stream<Solver> solvers() {
    return Stream.of(Solvers.dopri5().rtol(1e-12).atol(1e-12), Solvers.tsit5().rtol(1e-12).atol(1e-12),
        Solvers.bosh3().rtol(1e-8).atol(1e-8), Solvers.dopri8().rtol(1e-13).atol(1e-13).pi(),
        Solvers.rk4().step(1e-3));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("solvers")
  void arraySolvesAllocateNoMemoryPerStep(Solver solver) {
    var bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    double[] times = {0, 100};
    for (int warm = 0; warm < 3; warm++) {
      Ode.solve(LOTKA_VOLTERRA, new double[] {1, 1}, times, solver);
    }
    long id = Thread.currentThread().getId();
    long before = bean.getThreadAllocatedBytes(id);
    Solution s = Ode.solve(LOTKA_VOLTERRA, new double[] {1, 1}, times, solver);
    long bytes = bean.getThreadAllocatedBytes(id) - before;
    long steps = s.stats().steps();
    assertTrue(steps > 2_000, "enough steps to see a per-step cost: " + steps);
    // A per-step allocation of even one small array (24 bytes) would add 24·steps bytes.
    assertTrue(bytes < 8 * steps, solver + ": " + bytes + " bytes for " + steps + " steps");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("solvers")
  void untapedTensorSolvesAllocateNoMemoryPerStep(Solver solver) {
    // A field that allocates nothing itself: it writes Lotka-Volterra into one leaf tensor.
    double[] y = new double[2];
    double[] dy = new double[2];
    Tensor out = Tensor.zeros(2);
    VectorField f = (t, h) -> {
      h.copyTo(y);
      LOTKA_VOLTERRA.evaluate(t, y, dy);
      out.assign(dy);
      return out;
    };
    var bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    double[] times = {0, 100};
    Tensor y0 = Tensor.of(1, 1);
    try (var off = Tensor.noGrad()) {
      for (int warm = 0; warm < 3; warm++) {
        Ode.solve(f, y0, times, solver);
      }
      long id = Thread.currentThread().getId();
      long before = bean.getThreadAllocatedBytes(id);
      TensorSolution s = Ode.solve(f, y0, times, solver);
      long bytes = bean.getThreadAllocatedBytes(id) - before;
      long steps = s.stats().steps();
      assertTrue(steps > 2_000, "enough steps to see a per-step cost: " + steps);
      assertTrue(bytes < 8 * steps, solver + ": " + bytes + " bytes for " + steps + " steps");
    }
  }
}
