package org.nodelab.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.hipparchus.ode.ODEIntegrator;
import org.hipparchus.ode.ODEState;
import org.hipparchus.ode.OrdinaryDifferentialEquation;
import org.hipparchus.ode.nonstiff.DormandPrince54Integrator;
import org.hipparchus.ode.nonstiff.DormandPrince853Integrator;
import org.hipparchus.ode.sampling.ODEStepHandler;
import org.hipparchus.ode.sampling.ODEStateInterpolator;
import org.nodelab.ode.Ode;
import org.nodelab.ode.OdeSystem;
import org.nodelab.ode.Solution;
import org.nodelab.ode.Solver;
import org.nodelab.ode.Solvers;

/**
 * Work–precision of nodelab's adaptive solvers against Hipparchus, in one process on the same
 * problems: per problem, method and tolerance (rtol = atol), the error of the end state against a
 * reference, evaluations, accepted steps, the median time per solve after warm-up, and the time per
 * evaluation. Run: {@code ./nodelab bench solvers [--quick]}.
 */
public final class SolverWorkPrecision {
  private SolverWorkPrecision() {}

  /** A test problem with a known end state. */
  record Problem(String name, OdeSystem f, double tf, double[] y0, double[] yEnd) {}

  /** One solver under test: nodelab or Hipparchus. */
  interface Method {
    String name();

    /** Solves and returns {end state..., evaluations, accepted steps}. */
    double[] run(Problem p, double tol);
  }

  /** Prints the table; {@code --quick} uses three tolerances and fewer repetitions. */
  public static void main(String[] args) {
    boolean quick = Arrays.asList(args).contains("--quick");
    for (String a : args) {
      if (!a.equals("--quick")) {
        System.err.println("usage: ./nodelab bench solvers [--quick]");
        System.exit(2);
      }
    }
    double[] tols = quick ? new double[] {1e-4, 1e-7, 1e-10} : new double[] {1e-3, 1e-4, 1e-5, 1e-6, 1e-7, 1e-8, 1e-9, 1e-10};
    List<Method> methods = List.of(nodelab("bosh3", Solvers.bosh3()), nodelab("dopri5", Solvers.dopri5()),
        nodelab("tsit5", Solvers.tsit5()), nodelab("dopri8", Solvers.dopri8()),
        hipparchus("hipparchus-DP54", false), hipparchus("hipparchus-DP853", true));
    System.out.printf(Locale.ROOT, "%-15s %-17s %8s %11s %8s %7s %11s %9s%n", "problem", "method", "tol", "error",
        "evals", "steps", "us/solve", "us/eval");
    for (Problem p : problems()) {
      for (double tol : tols) {
        for (Method m : methods) {
          double[] r = m.run(p, tol);
          int n = p.y0().length;
          double err = 0;
          for (int i = 0; i < n; i++) {
            err = Math.max(err, Math.abs(r[i] - p.yEnd()[i]));
          }
          double micros = medianMicros(m, p, tol, quick ? 5 : 15);
          System.out.printf(Locale.ROOT, "%-15s %-17s %8.0e %11.3e %8d %7d %11.1f %9.3f%n", p.name(), m.name(), tol, err,
              (long) r[n], (long) r[n + 1], micros, micros / r[n]);
        }
      }
    }
  }

  private static double medianMicros(Method m, Problem p, double tol, int repeats) {
    long warmUntil = System.nanoTime() + 200_000_000L;
    while (System.nanoTime() < warmUntil) {
      m.run(p, tol);
    }
    double[] times = new double[repeats];
    for (int i = 0; i < repeats; i++) {
      long t0 = System.nanoTime();
      int inner = 0;
      do {
        m.run(p, tol);
        inner++;
      } while (System.nanoTime() - t0 < 2_000_000L);
      times[i] = (System.nanoTime() - t0) / 1e3 / inner;
    }
    Arrays.sort(times);
    return times[repeats / 2];
  }

  static List<Problem> problems() {
    List<Problem> list = new ArrayList<>();
    list.add(new Problem("lotka_volterra", (t, y, dy) -> {
      dy[0] = 1.5 * y[0] - y[0] * y[1];
      dy[1] = -3 * y[1] + y[0] * y[1];
    }, 10, new double[] {1, 1}, new double[] {1.0263447675750894, 0.9096910781360417}));
    list.add(new Problem("van_der_pol", (t, y, dy) -> {
      dy[0] = y[1];
      dy[1] = (1 - y[0] * y[0]) * y[1] - y[0];
    }, 20, new double[] {2, 0}, new double[] {2.0081497621749387, -0.04250887527313958}));
    // Arenstorf orbit (Hairer, Nørsett & Wanner, Solving ODEs I, II.0): periodic, so y(T) = y(0).
    double mu = 0.012277471;
    double mu1 = 1 - mu;
    double period = 17.0652165601579625588917206249;
    double[] y0 = {0.994, 0, 0, -2.00158510637908252240537862224};
    list.add(new Problem("arenstorf", (t, y, dy) -> {
      double d1 = Math.pow((y[0] + mu) * (y[0] + mu) + y[1] * y[1], 1.5);
      double d2 = Math.pow((y[0] - mu1) * (y[0] - mu1) + y[1] * y[1], 1.5);
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
      public double[] run(Problem p, double tol) {
        Solution s = Ode.solve(p.f(), p.y0(), new double[] {0, p.tf()}, base.rtol(tol).atol(tol));
        double[] y = s.last();
        double[] r = Arrays.copyOf(y, y.length + 2);
        r[y.length] = s.stats().evaluations();
        r[y.length + 1] = s.stats().acceptedSteps();
        return r;
      }
    };
  }

  private static Method hipparchus(String name, boolean eighth) {
    return new Method() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public double[] run(Problem p, double tol) {
        ODEIntegrator integrator = eighth
            ? new DormandPrince853Integrator(1e-12, 1e3, tol, tol)
            : new DormandPrince54Integrator(1e-12, 1e3, tol, tol);
        int[] steps = {0};
        integrator.addStepHandler(new ODEStepHandler() {
          @Override
          public void handleStep(ODEStateInterpolator interpolator) {
            steps[0]++;
          }
        });
        OrdinaryDifferentialEquation eq = new OrdinaryDifferentialEquation() {
          @Override
          public int getDimension() {
            return p.y0().length;
          }

          @Override
          public double[] computeDerivatives(double t, double[] y) {
            double[] dy = new double[y.length];
            p.f().evaluate(t, y, dy);
            return dy;
          }
        };
        double[] y = integrator.integrate(eq, new ODEState(0, p.y0().clone()), p.tf()).getPrimaryState();
        double[] r = Arrays.copyOf(y, y.length + 2);
        r[y.length] = ((org.hipparchus.ode.AbstractIntegrator) integrator).getEvaluations();
        r[y.length + 1] = steps[0];
        return r;
      }
    };
  }
}
