package org.nodelab.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.nodelab.bench.SolverWorkPrecision.Problem;
import org.nodelab.bench.SolverWorkPrecision.Row;

/** The summaries printed under the work–precision table. */
final class Comparisons {
  private Comparisons() {}

  /** dopri5 and Hipparchus DP54 per solve at equal tolerance: the time ratio row by row. */
  static void dopri5AgainstHipparchus(List<Row> rows, List<Problem> problems) {
    System.out.println("dopri5 against Hipparchus DormandPrince54Integrator (same tolerance): time per solve");
    int faster = 0;
    int total = 0;
    double logSum = 0;
    for (Problem p : problems) {
      Map<String, List<Row>> m = SolverWorkPrecision.byMethod(rows, p);
      List<Row> ours = m.get("dopri5");
      List<Row> theirs = m.get("hipparchus-DP54");
      StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  %-15s time ratio", p.name()));
      for (int i = 0; i < ours.size(); i++) {
        double ratio = ours.get(i).micros() / theirs.get(i).micros();
        line.append(String.format(Locale.ROOT, " %.2f", ratio));
        faster += ratio <= 1 ? 1 : 0;
        total++;
        logSum += Math.log(ratio);
      }
      System.out.println(line);
    }
    System.out.printf(Locale.ROOT, "  dopri5 no slower in %d of %d rows; geometric mean time ratio %.2f%n%n", faster,
        total, Math.exp(logSum / total));
  }

  /**
   * For every dopri5 row, the evaluations tsit5 needs for the same error, read off tsit5's
   * work–precision line (log–log interpolation between its two nearest points; rows outside its
   * range are skipped).
   */
  static void tsit5AgainstDopri5(List<Row> rows, List<Problem> problems) {
    System.out.println("tsit5 against dopri5: evaluations tsit5 needs to reach dopri5's error (ratio < 1: fewer)");
    int fewerProblems = 0;
    for (Problem p : problems) {
      Map<String, List<Row>> m = SolverWorkPrecision.byMethod(rows, p);
      List<Row> tsit5 = new ArrayList<>(m.get("tsit5"));
      tsit5.sort(Comparator.comparingDouble(Row::error).reversed());
      StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  %-15s evaluation ratio", p.name()));
      int fewer = 0;
      int compared = 0;
      for (Row d : m.get("dopri5")) {
        double needed = evaluationsFor(tsit5, d.error());
        if (Double.isNaN(needed)) {
          line.append(" -");
          continue;
        }
        double ratio = needed / d.evaluations();
        line.append(String.format(Locale.ROOT, " %.2f", ratio));
        fewer += ratio < 1 ? 1 : 0;
        compared++;
      }
      boolean most = compared > 0 && 2 * fewer > compared;
      fewerProblems += most ? 1 : 0;
      System.out.println(line.append(String.format(Locale.ROOT, "  (fewer in %d of %d)", fewer, compared)));
    }
    System.out.printf(Locale.ROOT, "  tsit5 needs fewer evaluations than dopri5 on %d of %d problems%n%n",
        fewerProblems, problems.size());
  }

  /** Evaluations at {@code error} on a line of points sorted by decreasing error, or NaN outside it. */
  private static double evaluationsFor(List<Row> line, double error) {
    for (int i = 0; i + 1 < line.size(); i++) {
      Row a = line.get(i);
      Row b = line.get(i + 1);
      if (error <= a.error() && error >= b.error() && a.error() > b.error()) {
        double x = (Math.log(error) - Math.log(a.error())) / (Math.log(b.error()) - Math.log(a.error()));
        return Math.exp(Math.log(a.evaluations()) + x * (Math.log(b.evaluations()) - Math.log(a.evaluations())));
      }
    }
    return Double.NaN;
  }
}
