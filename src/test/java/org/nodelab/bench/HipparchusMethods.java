package org.nodelab.bench;

import org.hipparchus.ode.AbstractIntegrator;
import org.hipparchus.ode.ODEState;
import org.hipparchus.ode.OrdinaryDifferentialEquation;
import org.hipparchus.ode.nonstiff.AdaptiveStepsizeIntegrator;
import org.hipparchus.ode.nonstiff.DormandPrince54Integrator;
import org.hipparchus.ode.nonstiff.DormandPrince853Integrator;
import org.hipparchus.ode.sampling.ODEStateInterpolator;
import org.hipparchus.ode.sampling.ODEStepHandler;
import org.nodelab.bench.SolverWorkPrecision.Method;
import org.nodelab.bench.SolverWorkPrecision.Problem;
import org.nodelab.bench.SolverWorkPrecision.Result;
import org.nodelab.bench.SolverWorkPrecision.Run;

/**
 * Hipparchus's Dormand–Prince integrators on the benchmark problems, configured as a user would:
 * one integrator per problem and tolerance (rtol = atol), the problem wrapped as an {@link
 * OrdinaryDifferentialEquation} (which returns a new array per evaluation, as its interface asks).
 */
final class HipparchusMethods {
  private HipparchusMethods() {}

  /** {@code DormandPrince54Integrator}: the same tableau and error estimator as dopri5. */
  static Method dormandPrince54() {
    return method("hipparchus-DP54", false);
  }

  /** {@code DormandPrince853Integrator}: the same method as dopri8. */
  static Method dormandPrince853() {
    return method("hipparchus-DP853", true);
  }

  private static Method method(String name, boolean eighthOrder) {
    return new Method() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Run prepare(Problem p, double tol) {
        AdaptiveStepsizeIntegrator integrator = eighthOrder
            ? new DormandPrince853Integrator(0, Double.POSITIVE_INFINITY, tol, tol)
            : new DormandPrince54Integrator(0, Double.POSITIVE_INFINITY, tol, tol);
        long[] steps = {0};
        integrator.addStepHandler(new ODEStepHandler() {
          @Override
          public void handleStep(ODEStateInterpolator interpolator) {
            steps[0]++;
          }
        });
        int n = p.y0().length;
        OrdinaryDifferentialEquation equation = new OrdinaryDifferentialEquation() {
          @Override
          public int getDimension() {
            return n;
          }

          @Override
          public double[] computeDerivatives(double t, double[] y) {
            double[] dy = new double[n];
            p.f().evaluate(t, y, dy);
            return dy;
          }
        };
        return () -> {
          steps[0] = 0;
          double[] y = integrator.integrate(equation, new ODEState(0, p.y0().clone()), p.tEnd()).getPrimaryState();
          return new Result(y, ((AbstractIntegrator) integrator).getEvaluations(), steps[0]);
        };
      }
    };
  }
}
