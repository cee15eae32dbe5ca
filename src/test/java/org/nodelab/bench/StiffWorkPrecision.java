package org.nodelab.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.nodelab.data.StiffProblems;
import org.nodelab.data.StiffProblems.Problem;
import org.nodelab.ode.Ode;
import org.nodelab.ode.OdeSystem;
import org.nodelab.ode.Solution;
import org.nodelab.ode.Solver;
import org.nodelab.ode.Solvers;
import org.nodelab.ode.Stats;
import org.nodelab.testing.ReferenceProblems;

/**
 * Work–precision of the implicit solvers on Robertson (to 10⁵), Van der Pol {@code μ = 1000} (to
 * 3000) and HIRES (to 321.8122) at rtol 1e-4, 1e-6, 1e-8 ({@code atol} per problem, {@link
 * Problem#atolPerRtol()}): the largest relative error of a component at the end against scipy's
 * Radau at rtol 1e-13, evaluations, Jacobians, LU factorisations, steps and the median milliseconds
 * per solve after warm-up, with the analytic Jacobian and with finite differences ({@code -fd}).
 * {@code bench/stiff_scipy.py} prints the same columns for scipy's Radau, BDF and LSODA. Then, per
 * problem, the evaluations radau5 and rodas5 need to reach scipy Radau's error ({@link RadauComparison}). Run:
 * {@code ./nodelab bench solvers --stiff}.
 */
public final class StiffWorkPrecision {
  private static volatile double sink;

  private StiffWorkPrecision() {}

  /** One measured configuration. */
  record Row(String problem, String method, double rtol, double error, Stats stats, double millis) {}

  /** Prints the table. */
  public static void main(String[] args) {
    List<Problem> problems = List.of(StiffProblems.robertson(), StiffProblems.vanDerPol(), StiffProblems.hires());
    double[] rtols = {1e-4, 1e-6, 1e-8};
    System.out.printf(Locale.ROOT, "java %s, %s; warming up ...%n", System.getProperty("java.version"),
        Cpu.here().model());
    for (int round = 0; round < 3; round++) {
      for (Problem p : problems) {
        for (double rtol : rtols) {
          for (String m : methods()) {
            sink += solve(p, m, rtol).last()[0];
          }
        }
      }
    }
    System.out.printf(Locale.ROOT, "%-17s %-11s %6s %10s %7s %6s %6s %6s %9s%n", "problem", "method", "rtol",
        "rel.error", "evals", "jacs", "LUs", "steps", "ms");
    List<Row> rows = new ArrayList<>();
    for (Problem p : problems) {
      double[] ref = ReferenceProblems.stiffEndState(p.name());
      for (double rtol : rtols) {
        for (String m : methods()) {
          Solution s = solve(p, m, rtol);
          double ms = medianMillis(p, m, rtol);
          Row row = new Row(p.name(), m, rtol, relativeError(s.last(), ref), s.stats(), ms);
          rows.add(row);
          Stats st = s.stats();
          System.out.printf(Locale.ROOT, "%-17s %-11s %6.0e %10.2e %7d %6d %6d %6d %9.2f%n", p.name(), m, rtol,
              row.error(), st.evaluations(), st.jacobians(), st.factorizations(), st.steps(), ms);
        }
      }
    }
    RadauComparison.print(problems, "radau5", Solvers.radau5());
    RadauComparison.print(problems, "rodas5", Solvers.rodas5());
  }

  private static List<String> methods() {
    String only = System.getProperty("nodelab.stiff.methods");
    if (only != null) {
      return List.of(only.split(","));
    }
    return List.of("radau5", "rodas5", "kvaerno5", "radau5-fd", "rodas5-fd", "kvaerno5-fd");
  }

  static Solution solve(Problem p, String method, double rtol) {
    Solver base = method.startsWith("rodas5") ? Solvers.rodas5()
        : method.startsWith("radau5") ? Solvers.radau5() : Solvers.kvaerno5();
    OdeSystem f = method.endsWith("-fd") ? p.withoutJacobian() : p.system();
    return Ode.solve(f, p.y0(), new double[] {0, p.tEnd()}, base.rtol(rtol).atol(rtol * p.atolPerRtol()));
  }

  /** Median of repeated solves, each batch at least 0.2 s. */
  private static double medianMillis(Problem p, String method, double rtol) {
    double[] ms = new double[7];
    for (int r = 0; r < ms.length; r++) {
      long t0 = System.nanoTime();
      int count = 0;
      do {
        sink += solve(p, method, rtol).last()[0];
        count++;
      } while (System.nanoTime() - t0 < 200_000_000L);
      ms[r] = (System.nanoTime() - t0) / 1e6 / count;
    }
    Arrays.sort(ms);
    return ms[ms.length / 2];
  }

  /** {@code max |yᵢ − refᵢ| / |refᵢ|}. */
  static double relativeError(double[] y, double[] ref) {
    double m = 0;
    for (int i = 0; i < y.length; i++) {
      m = Math.max(m, Math.abs(y[i] - ref[i]) / Math.abs(ref[i]));
    }
    return m;
  }
}
