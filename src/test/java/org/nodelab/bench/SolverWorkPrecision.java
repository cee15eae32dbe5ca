package org.nodelab.bench;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.nodelab.ode.Ode;
import org.nodelab.ode.OdeSystem;
import org.nodelab.ode.Solution;
import org.nodelab.ode.Solver;
import org.nodelab.ode.Solvers;

/**
 * Work–precision of nodelab's adaptive solvers against Hipparchus, in one process on the same
 * problems: per problem, method and tolerance (rtol = atol), the error of the end state against a
 * reference, evaluations, accepted steps, the median time per solve after warm-up (methods timed in
 * interleaved rounds, so that a busy machine slows all of them alike) and the time per evaluation.
 * Closes with the two comparisons the solvers are held to: dopri5 against Hipparchus's
 * DormandPrince54Integrator per solve, and the evaluations tsit5 needs to reach dopri5's error.
 * Run: {@code ./nodelab bench solvers [--quick]}; {@code --stiff} runs {@link StiffWorkPrecision} instead.
 */
public final class SolverWorkPrecision {
  private static volatile double sink;

  private SolverWorkPrecision() {}

  /** A test problem with a reference end state. */
  record Problem(String name, OdeSystem f, double tEnd, double[] y0, double[] yEnd) {}

  /** The outcome of one solve. */
  record Result(double[] yEnd, long evaluations, long steps) {}

  /** One solver under test, configured for a problem and a tolerance; {@link #run()} solves once. */
  interface Run {
    Result run();
  }

  /** A method of nodelab or Hipparchus. */
  interface Method {
    String name();

    Run prepare(Problem p, double tol);
  }

  /** One line of the table. */
  record Row(Problem problem, String method, double tol, double error, long evaluations, long steps,
      double micros) {}

  /** Prints the table; {@code --quick} uses three tolerances and fewer rounds. */
  public static void main(String[] args) {
    if (Arrays.asList(args).contains("--stiff")) {
      StiffWorkPrecision.main(args);
      return;
    }
    boolean quick = Arrays.asList(args).contains("--quick");
    for (String a : args) {
      if (!a.equals("--quick")) {
        throw new org.nodelab.io.UsageException(a.startsWith("-") ? "unknown option " + a : "unexpected argument '" + a + "'",
            "./nodelab bench solvers [--quick | --stiff]");
      }
    }
    double[] tols = quick ? new double[] {1e-4, 1e-7, 1e-10}
        : new double[] {1e-3, 1e-4, 1e-5, 1e-6, 1e-7, 1e-8, 1e-9, 1e-10};
    List<Method> methods = List.of(nodelab("bosh3", Solvers.bosh3()), nodelab("dopri5", Solvers.dopri5()),
        nodelab("tsit5", Solvers.tsit5()), nodelab("dopri8", Solvers.dopri8()),
        HipparchusMethods.dormandPrince54(), HipparchusMethods.dormandPrince853());
    List<Problem> problems = problems();
    System.out.printf(Locale.ROOT, "java %s, %d processors; warming up ...%n", System.getProperty("java.version"),
        Runtime.getRuntime().availableProcessors());
    warmUp(problems, methods, tols, quick ? 1_500 : 4_000);
    List<Row> rows = new ArrayList<>();
    System.out.printf(Locale.ROOT, "%-15s %-17s %7s %11s %8s %7s %10s %9s%n", "problem", "method", "tol", "error",
        "evals", "steps", "us/solve", "us/eval");
    for (Problem p : problems) {
      for (double tol : tols) {
        for (Row row : measure(p, tol, methods, quick ? 7 : 15, quick ? 2_000_000L : 4_000_000L)) {
          rows.add(row);
          System.out.printf(Locale.ROOT, "%-15s %-17s %7.0e %11.3e %8d %7d %10.1f %9.3f%n", p.name(), row.method(),
              tol, row.error(), row.evaluations(), row.steps(), row.micros(), row.micros() / row.evaluations());
        }
      }
    }
    System.out.println();
    Comparisons.dopri5AgainstHipparchus(rows, problems);
    Comparisons.tsit5AgainstDopri5(rows, problems);
    allocation(problems.get(0));
  }

  /** Runs every configuration until {@code millis} have passed, so that the JIT has compiled all paths. */
  private static void warmUp(List<Problem> problems, List<Method> methods, double[] tols, long millis) {
    long until = System.nanoTime() + millis * 1_000_000L;
    while (System.nanoTime() < until) {
      for (Problem p : problems) {
        for (Method m : methods) {
          for (double tol : tols) {
            sink += m.prepare(p, tol).run().yEnd()[0];
          }
        }
      }
    }
  }

  /** Times every method on one problem and tolerance in {@code rounds} interleaved rounds. */
  private static List<Row> measure(Problem p, double tol, List<Method> methods, int rounds, long batchNanos) {
    int n = methods.size();
    Run[] runs = new Run[n];
    Result[] results = new Result[n];
    double[][] micros = new double[n][rounds];
    for (int m = 0; m < n; m++) {
      runs[m] = methods.get(m).prepare(p, tol);
      results[m] = runs[m].run();
    }
    for (int r = 0; r < rounds; r++) {
      for (int m = 0; m < n; m++) {
        long t0 = System.nanoTime();
        int count = 0;
        long elapsed;
        do {
          sink += runs[m].run().yEnd()[0];
          count++;
          elapsed = System.nanoTime() - t0;
        } while (elapsed < batchNanos);
        micros[m][r] = elapsed / 1e3 / count;
      }
    }
    List<Row> rows = new ArrayList<>();
    for (int m = 0; m < n; m++) {
      Arrays.sort(micros[m]);
      rows.add(new Row(p, methods.get(m).name(), tol, maxAbsError(results[m].yEnd(), p.yEnd()),
          results[m].evaluations(), results[m].steps(), micros[m][rounds / 2]));
    }
    return rows;
  }

  /** Bytes allocated by one dopri5 solve on plain arrays, per step (a per-solve constant spread thin). */
  private static void allocation(Problem p) {
    var bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    Solver solver = Solvers.dopri5().rtol(1e-12).atol(1e-12);
    double[] times = {0, 10 * p.tEnd()};
    sink += Ode.solve(p.f(), p.y0(), times, solver).last()[0];
    long id = Thread.currentThread().getId();
    long before = bean.getThreadAllocatedBytes(id);
    Solution s = Ode.solve(p.f(), p.y0(), times, solver);
    long bytes = bean.getThreadAllocatedBytes(id) - before;
    System.out.printf(Locale.ROOT, "allocation: dopri5 on %s over [0, %.0f] at tol 1e-12: %d bytes for %d steps "
        + "(%.2f bytes per step)%n", p.name(), times[1], bytes, s.stats().steps(), (double) bytes / s.stats().steps());
  }

  static List<Problem> problems() {
    List<Problem> list = new ArrayList<>();
    // Reference end states: 30-digit Taylor-series solutions (test resource ode_end_states.json).
    list.add(new Problem("lotka_volterra", (t, y, dy) -> {
      dy[0] = 1.5 * y[0] - y[0] * y[1];
      dy[1] = -3 * y[1] + y[0] * y[1];
    }, 10, new double[] {1, 1}, new double[] {1.0263447675750894, 0.9096910781360417}));
    list.add(new Problem("van_der_pol", (t, y, dy) -> {
      dy[0] = y[1];
      dy[1] = (1 - y[0] * y[0]) * y[1] - y[0];
    }, 20, new double[] {2, 0}, new double[] {2.0081497621749484, -0.04250887527320215}));
    // Arenstorf orbit (Hairer, Nørsett & Wanner, Solving ODEs I, II.0): periodic, so y(T) = y(0).
    double mu = 0.012277471;
    double mu1 = 1 - mu;
    double period = 17.0652165601579625588917206249;
    double[] y0 = {0.994, 0, 0, -2.00158510637908252240537862224};
    list.add(new Problem("arenstorf", (t, y, dy) -> {
      double r1 = Math.sqrt((y[0] + mu) * (y[0] + mu) + y[1] * y[1]);
      double r2 = Math.sqrt((y[0] - mu1) * (y[0] - mu1) + y[1] * y[1]);
      double d1 = r1 * r1 * r1;
      double d2 = r2 * r2 * r2;
      dy[0] = y[2];
      dy[1] = y[3];
      dy[2] = y[0] + 2 * y[3] - mu1 * (y[0] + mu) / d1 - mu * (y[0] - mu1) / d2;
      dy[3] = y[1] - 2 * y[2] - mu1 * y[1] / d1 - mu * y[1] / d2;
    }, period, y0, y0));
    return list;
  }

  private static Method nodelab(String name, Solver base) {
    return new Method() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Run prepare(Problem p, double tol) {
        Solver solver = base.rtol(tol).atol(tol);
        double[] times = {0, p.tEnd()};
        return () -> {
          Solution s = Ode.solve(p.f(), p.y0(), times, solver);
          return new Result(s.last(), s.stats().evaluations(), s.stats().acceptedSteps());
        };
      }
    };
  }

  static double maxAbsError(double[] a, double[] b) {
    double m = 0;
    for (int i = 0; i < a.length; i++) {
      m = Math.max(m, Math.abs(a[i] - b[i]));
    }
    return m;
  }

  /** Rows grouped by method, for one problem. */
  static Map<String, List<Row>> byMethod(List<Row> rows, Problem p) {
    Map<String, List<Row>> out = new LinkedHashMap<>();
    for (Row r : rows) {
      if (r.problem() == p) {
        out.computeIfAbsent(r.method(), k -> new ArrayList<>()).add(r);
      }
    }
    return out;
  }
}
