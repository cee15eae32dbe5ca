package org.nodelab.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import org.nodelab.notebook.CellResult;
import org.nodelab.notebook.Evaluator;
import tech.tablesaw.api.Table;

/**
 * A sweep written in notebook cells, for the engine tests: a record, a static method, a variable
 * (the end time, 1.25) and the experiment lambda are all cell classes, which must travel to Spark's
 * executors with the variable's value. The experiment
 * solves y' = -k y with the configuration's solver and tolerance from a seeded random y0 and fails
 * on purpose for one configuration.
 */
final class CellSweeps {
  static final List<String> CELLS = List.of(
      "record Decay(double k) { double exact(double y0, double t) { return y0 * Math.exp(-k * t); } }",
      "static double startOf(Config cfg) { return 0.5 + cfg.random().nextDouble(); }",
      "double horizon = 1.25;",
      """
      Experiment decay = cfg -> {
        var d = new Decay(cfg.number("k"));
        double y0 = startOf(cfg);
        if (cfg.number("k") == 3.0 && cfg.repetition() == 1) {
          throw new IllegalStateException("k = 3 fails on purpose");
        }
        var s = Ode.solve((t, y) -> y.mul(-d.k()), Tensor.of(y0), new double[] {0, horizon},
            cfg.solver("solver").rtol(cfg.number("rtol")).atol(1e-12));
        return Map.of("error", Math.abs(s.last().item() - d.exact(y0, horizon)), "nfe", s.stats().evaluations(), "y0", y0);
      };
      """);

  /** The sweep with the engine call {@code on} ({@code ""} for threads) spliced in. */
  static String sweep(String on) {
    return "sweep().over(\"solver\", bosh3, rk45).over(\"rtol\", 1e-4, 1e-8).over(\"k\", 0.5, 3.0).repeat(2).seed(11)"
        + on + ".run(decay)";
  }

  private CellSweeps() {}

  /** Defines the cells in {@code evaluator} and runs the sweep with {@code on}. */
  static Table run(Evaluator evaluator, String on) {
    evaluator.eval("import org.nodelab.sweep.*;");
    for (String cell : CELLS) {
      CellResult r = evaluator.eval(cell);
      assertFalse(r.failed(), cell + ": " + r.error());
    }
    CellResult r = evaluator.eval(sweep(on));
    assertFalse(r.failed(), r.error());
    return (Table) r.value();
  }

  /** Every column but seconds and worker equal, doubles bit for bit. */
  static void assertSameResults(Table expected, Table actual) {
    assertEquals(expected.rowCount(), actual.rowCount());
    for (String name : expected.columnNames()) {
      if (name.equals("seconds") || name.equals("worker")) {
        continue;
      }
      for (int i = 0; i < expected.rowCount(); i++) {
        Object e = expected.column(name).get(i);
        Object a = actual.column(name).get(i);
        if (e instanceof Double d) {
          assertEquals(Double.doubleToLongBits(d), Double.doubleToLongBits((Double) a), name + " row " + i);
        } else {
          assertEquals(e, a, name + " row " + i);
        }
      }
    }
  }
}
