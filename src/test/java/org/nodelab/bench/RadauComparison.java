package org.nodelab.bench;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.nodelab.data.StiffProblems.Problem;
import org.nodelab.ode.Ode;
import org.nodelab.ode.Solution;
import org.nodelab.ode.Solver;
import org.nodelab.testing.ReferenceProblems;

/**
 * Evaluations needed to reach scipy's Radau error: a solver's work–precision curve over {@code rtol =
 * 10^(−4 − k/4)}, {@code k = 0..20} (the same settings as {@code bench/stiff_scipy.py --scan}, kept in
 * {@code reference/stiff_scipy_radau_scan.json}), read two ways at the error scipy's Radau reaches
 * at {@code rtol = 1e-6}: by a least-squares line {@code log evals ~ log error} through each curve
 * (robust to the scatter of single tolerances), and by interpolating the measured curve.
 */
final class RadauComparison {
  private RadauComparison() {}

  /** One point of a work–precision curve. */
  record Point(double rtol, double evaluations, double error) {}

  /** The comparison on one problem. */
  record Result(String problem, Point scipy, double scipyFit, double oursFit, double oursInterpolated) {
    /** Our fitted evaluations over scipy's at scipy's error. */
    double fitRatio() {
      return oursFit / scipyFit;
    }
  }

  /** scipy's curve for {@code problem}. */
  static List<Point> scipy(String problem) {
    try (InputStream in = RadauComparison.class.getResourceAsStream("/reference/stiff_scipy_radau_scan.json")) {
      if (in == null) {
        throw new IllegalStateException("reference/stiff_scipy_radau_scan.json is missing from the test resources");
      }
      JsonObject o = JsonParser.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8)).getAsJsonObject();
      List<Point> points = new ArrayList<>();
      for (var row : o.getAsJsonArray(problem)) {
        JsonArray r = row.getAsJsonArray();
        points.add(new Point(r.get(0).getAsDouble(), r.get(1).getAsDouble(), r.get(2).getAsDouble()));
      }
      return points;
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the scipy scan", e);
    }
  }

  /** Our curve for {@code solver} (analytic Jacobian) on the same grid and tolerances. */
  static List<Point> ours(Problem p, Solver solver) {
    double[] ref = ReferenceProblems.stiffEndState(p.name());
    List<Point> points = new ArrayList<>();
    for (int k = 0; k <= 20; k++) {
      double rtol = Math.pow(10, -4 - k / 4.0);
      Solution s = Ode.solve(p.system(), p.y0(), new double[] {0, p.tEnd()}, solver.rtol(rtol).atol(rtol * p.atolPerRtol()));
      points.add(new Point(rtol, s.stats().evaluations(), StiffWorkPrecision.relativeError(s.last(), ref)));
    }
    return points;
  }

  static Result compare(Problem p, Solver solver) {
    List<Point> scipy = scipy(p.name());
    Point at = scipy.stream().filter(q -> Math.abs(Math.log10(q.rtol()) + 6) < 1e-9).findFirst().orElseThrow();
    List<Point> ours = ours(p, solver);
    return new Result(p.name(), at, fitted(scipy, at.error()), fitted(ours, at.error()), interpolated(ours, at.error()));
  }

  /** The least-squares line {@code log evals = a + b·log error} at {@code error}. */
  static double fitted(List<Point> curve, double error) {
    int n = curve.size();
    double sx = 0;
    double sy = 0;
    double sxx = 0;
    double sxy = 0;
    for (Point q : curve) {
      double x = Math.log(q.error());
      double y = Math.log(q.evaluations());
      sx += x;
      sy += y;
      sxx += x * x;
      sxy += x * y;
    }
    double b = (n * sxy - sx * sy) / (n * sxx - sx * sx);
    double a = (sy - b * sx) / n;
    return Math.exp(a + b * Math.log(error));
  }

  /** The fewest evaluations along the measured curve (log–log between neighbours) that reach {@code error}. */
  static double interpolated(List<Point> curve, double error) {
    double best = Double.NaN;
    for (int i = 0; i + 1 < curve.size(); i++) {
      Point p = curve.get(i);
      Point q = curve.get(i + 1);
      if (p.error() <= error) {
        best = Double.isNaN(best) ? p.evaluations() : Math.min(best, p.evaluations());
      }
      double lo = Math.min(p.error(), q.error());
      double hi = Math.max(p.error(), q.error());
      if (lo <= error && error <= hi && lo < hi) {
        double f = Math.log(error / p.error()) / Math.log(q.error() / p.error());
        double v = Math.exp(Math.log(p.evaluations()) + f * Math.log(q.evaluations() / p.evaluations()));
        best = Double.isNaN(best) ? v : Math.min(best, v);
      }
    }
    return best;
  }

  /** Prints one line per problem. */
  static void print(List<Problem> problems, String name, Solver solver) {
    System.out.printf(Locale.ROOT, "%nevaluations to reach scipy Radau's error at rtol 1e-6 (its curve: "
        + "bench/stiff_scipy.py --scan), %s with the analytic Jacobian:%n", name);
    for (Problem p : problems) {
      Result r = compare(p, solver);
      System.out.printf(Locale.ROOT, "%-17s scipy Radau %6.0f evals, error %.2e | least-squares fits: scipy %6.0f, "
          + "%s %6.0f (x%.2f) | %s along its curve %6.0f%n", p.name(), r.scipy().evaluations(), r.scipy().error(),
          r.scipyFit(), name, r.oursFit(), r.fitRatio(), name, r.oursInterpolated());
    }
  }
}
