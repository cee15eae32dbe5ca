package org.nodelab.kernel;

import java.util.List;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;

/**
 * A short kernel session run once with {@code -XX:ArchiveClassesAtExit=FILE}: the classes it loads
 * (JShell's compiler, jjava-jupyter, the DSL, the renderer, XChart, Tablesaw) go into a class-data
 * sharing archive that the installed kernelspec maps at start ({@code -XX:SharedArchiveFile}), which
 * cuts the kernel's start and first cells. {@code ./nodelab kernel install} runs it.
 */
public final class ArchiveTraining {
  /** The cells run: trivial, the DSL, a chart, a table, printing. */
  static final List<String> CELLS = List.of(
      "1 + 1",
      "ode((t, h) -> h.neg()).solve(rk45).until(1.0).apply(tensor(new double[][] {{1, 0}, {0, 1}}))",
      "Charts.stepSizes(Ode.solve((t, y) -> y.neg(), tensor(1.0), new double[] {0, 1}, rk45.trace(true)).trace())",
      "lynxHare().first(3)",
      "System.out.println(\"ready\")");

  private ArchiveTraining() {}

  /**
   * Runs the session and exits (the JVM writes the archive on exit).
   *
   * @param args none are read
   */
  public static void main(String[] args) {
    NodelabKernel kernel = NodelabKernel.create();
    for (String cell : CELLS) {
      DisplayData shown = kernel.eval(cell);
      if (shown == null && !cell.startsWith("System")) {
        throw new IllegalStateException("the training cell showed nothing: " + cell);
      }
    }
    kernel.inspect("ode", 3, false);
    kernel.complete("rk45.rt", 7);
    kernel.isComplete("int x = 1;");
    kernel.onShutdown(false);
    System.exit(0);
  }
}
