package org.nodelab.ode;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/** The {@code double[]} path allocates nothing per step: only a per-solve constant. */
class AllocationTest {

  @Test
  void arraySolvesAllocateNoMemoryPerStep() {
    var bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    OdeSystem lv = (t, y, dy) -> {
      dy[0] = 1.5 * y[0] - y[0] * y[1];
      dy[1] = -3 * y[1] + y[0] * y[1];
    };
    for (Solver solver : new Solver[] {Solvers.dopri5().rtol(1e-12).atol(1e-12), Solvers.rk4().step(1e-4)}) {
      for (int warm = 0; warm < 3; warm++) {
        Ode.solve(lv, new double[] {1, 1}, new double[] {0, 10}, solver);
      }
      long id = Thread.currentThread().getId();
      long before = bean.getThreadAllocatedBytes(id);
      Solution s = Ode.solve(lv, new double[] {1, 1}, new double[] {0, 10}, solver);
      long bytes = bean.getThreadAllocatedBytes(id) - before;
      long steps = s.stats().steps();
      assertTrue(steps > 1000, "enough steps to see a per-step cost: " + steps);
      // A per-step allocation of even one small array (24 bytes) would add 24·steps bytes.
      assertTrue(bytes < 8 * steps, solver + ": " + bytes + " bytes for " + steps + " steps");
    }
  }
}
