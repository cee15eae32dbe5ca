package org.nodelab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nodelab.ode.Adjoint;
import org.nodelab.ode.GradientMethod;
import org.nodelab.ode.Solvers;
import org.nodelab.tensor.Tensor;

/**
 * The flow of the linear field {@code dz/dt = Az} against its closed form: {@code z(0) = e^{−AT}x},
 * {@code log p(x) = log N(e^{−AT}x) − T·tr(A)}, samples {@code e^{AT}z₀}, kinetic energy by
 * quadrature of the closed-form path and the Jacobian norm {@code T·‖A‖²_F}. The matrix exponential
 * is a Taylor series summed here (independent of the solver). Tolerances: the solves run at rtol =
 * atol = 1e-10, so 1e-7 absolute.
 */
class CnfTest {
  private static final double[][] A = {{0.3, -0.5}, {0.2, -0.1}};
  private static final double T = 1.5;
  private static final Tensor X = Tensor.of(new double[][] {{0.4, -1.1}, {1.3, 0.2}, {-0.6, 0.9}});

  private static Cnf linearFlow(Tensor a) {
    return Cnf.of((t, z) -> z.matmul(a.transpose())).solve(Solvers.rk45().rtol(1e-10).atol(1e-10)).until(T);
  }

  /** {@code e^{sM}} by its Taylor series (‖sM‖ is below 2 here; 60 terms). */
  static double[][] expm(double[][] m, double s) {
    double[][] result = {{1, 0}, {0, 1}};
    double[][] term = {{1, 0}, {0, 1}};
    for (int k = 1; k < 60; k++) {
      double[][] next = new double[2][2];
      for (int i = 0; i < 2; i++) {
        for (int j = 0; j < 2; j++) {
          next[i][j] = s / k * (term[i][0] * m[0][j] + term[i][1] * m[1][j]);
        }
      }
      term = next;
      for (int i = 0; i < 2; i++) {
        for (int j = 0; j < 2; j++) {
          result[i][j] += term[i][j];
        }
      }
    }
    return result;
  }

  private static double[] times(double[][] m, double[] v) {
    return new double[] {m[0][0] * v[0] + m[0][1] * v[1], m[1][0] * v[0] + m[1][1] * v[1]};
  }

  private static double closedFormLogProb(double[] x) {
    double[] z = times(expm(A, -T), x);
    return -0.5 * (z[0] * z[0] + z[1] * z[1]) - Math.log(2 * Math.PI) - T * (A[0][0] + A[1][1]);
  }

  @Test
  void logProbOfALinearFlowMatchesTheClosedForm() {
    for (GradientMethod method : List.of(GradientMethod.DIRECT, Adjoint.defaults())) {
      Tensor lp = linearFlow(Tensor.of(A)).gradients(method).logProb(X);
      assertEquals(3, lp.size());
      for (int b = 0; b < 3; b++) {
        assertEquals(closedFormLogProb(new double[] {X.get(b, 0), X.get(b, 1)}), lp.get(b), 1e-7, method + " row " + b);
      }
    }
  }

  @Test
  void hutchinsonRowsAreTheTwoValuesOfTheRademacherEstimate() {
    int n = 64;
    Tensor x = Tensor.of(new double[] {0.4, -1.1}, 1, 2).add(Tensor.zeros(n, 2));
    Tensor lp = linearFlow(Tensor.of(A)).trace(Trace.hutchinson(7)).logProb(x);
    double exact = closedFormLogProb(new double[] {0.4, -1.1});
    double offDiagonal = Math.abs(T * (A[0][1] + A[1][0]));
    int above = 0;
    for (int b = 0; b < n; b++) {
      double d = lp.get(b) - exact;
      assertEquals(offDiagonal, Math.abs(d), 1e-7, "row " + b + ": εᵀAε = tr A ± (A12 + A21)");
      above += d > 0 ? 1 : 0;
    }
    assertTrue(above > 10 && above < n - 10, "both signs drawn: " + above + " of " + n);
  }

  @Test
  void gradientOfLogProbMatchesFiniteDifferencesDirectAndAdjoint() {
    double[] flat = {A[0][0], A[0][1], A[1][0], A[1][1]};
    double h = 1e-5;
    double[] fd = new double[4];
    for (int k = 0; k < 4; k++) {
      double[] up = flat.clone();
      double[] down = flat.clone();
      up[k] += h;
      down[k] -= h;
      fd[k] = (linearFlow(Tensor.of(up, 2, 2)).logProb(X).sum().item()
          - linearFlow(Tensor.of(down, 2, 2)).logProb(X).sum().item()) / (2 * h);
    }
    Tensor xLeaf = X.detach().requiresGrad();
    for (GradientMethod method : List.of(GradientMethod.DIRECT, Adjoint.defaults())) {
      Tensor a = Tensor.of(flat, 2, 2).requiresGrad();
      List<Tensor> g = Tensor.gradients(linearFlow(a).gradients(method).logProb(xLeaf).sum(), Tensor.scalar(1),
          List.of(a, xLeaf));
      for (int k = 0; k < 4; k++) {
        assertEquals(fd[k], g.get(0).toArray()[k], 1e-6, method + " dA " + k);
      }
      // d log p / dx = −e^{−AT}ᵀ e^{−AT} x.
      double[][] e = expm(A, -T);
      for (int b = 0; b < 3; b++) {
        double[] z = times(e, new double[] {X.get(b, 0), X.get(b, 1)});
        for (int i = 0; i < 2; i++) {
          double expected = -(e[0][i] * z[0] + e[1][i] * z[1]);
          assertEquals(expected, g.get(1).get(b, i), 1e-7, method + " dx " + b + "," + i);
        }
      }
    }
  }

  @Test
  void samplesAreBasePointsCarriedByTheFlow() {
    Cnf flow = linearFlow(Tensor.of(A));
    flow.logProb(X);
    Tensor s = flow.sample(5, 11);
    Tensor z0 = Tensor.randn(11, 5, 2);
    double[][] e = expm(A, T);
    for (int b = 0; b < 5; b++) {
      double[] expected = times(e, new double[] {z0.get(b, 0), z0.get(b, 1)});
      assertEquals(expected[0], s.get(b, 0), 1e-7);
      assertEquals(expected[1], s.get(b, 1), 1e-7);
    }
  }

  @Test
  void samplesAreDifferentiableInTheField() {
    double[] flat = {A[0][0], A[0][1], A[1][0], A[1][1]};
    Tensor a = Tensor.of(flat, 2, 2).requiresGrad();
    Cnf flow = linearFlow(a);
    flow.logProb(X);
    Tensor weights = Tensor.randn(12, 4, 2);
    Tensor g = Tensor.gradients(flow.sample(4, 8).mul(weights).sum(), Tensor.scalar(1), List.of(a)).get(0);
    double h = 1e-5;
    for (int k = 0; k < 4; k++) {
      double[] up = flat.clone();
      double[] down = flat.clone();
      up[k] += h;
      down[k] -= h;
      Cnf fu = linearFlow(Tensor.of(up, 2, 2));
      Cnf fd = linearFlow(Tensor.of(down, 2, 2));
      fu.logProb(X);
      fd.logProb(X);
      double expected = (fu.sample(4, 8).mul(weights).sum().item() - fd.sample(4, 8).mul(weights).sum().item()) / (2 * h);
      assertEquals(expected, g.toArray()[k], 1e-6, "d samples / dA " + k);
    }
  }

  @Test
  void regularisationIntegralsMatchTheClosedFormPath() {
    Cnf.Terms terms = linearFlow(Tensor.of(A)).regularise(1, 1).terms(X);
    double frobenius = 0;
    for (double[] row : A) {
      for (double v : row) {
        frobenius += v * v;
      }
    }
    int steps = 2000;
    for (int b = 0; b < 3; b++) {
      double[] x = {X.get(b, 0), X.get(b, 1)};
      double kinetic = 0;
      for (int k = 0; k <= steps; k++) {
        double t = T * k / steps;
        double[] z = times(expm(A, t - T), x);
        double[] dz = times(A, z);
        double w = k == 0 || k == steps ? 1 : (k % 2 == 1 ? 4 : 2);
        kinetic += w * (dz[0] * dz[0] + dz[1] * dz[1]);
      }
      kinetic *= T / steps / 3;
      assertEquals(kinetic, terms.kinetic().get(b), 1e-7, "kinetic energy, row " + b);
      assertEquals(T * frobenius, terms.jacobian().get(b), 1e-7, "Jacobian norm, row " + b);
      assertEquals(closedFormLogProb(x), terms.logProb().get(b), 1e-7, "log-density, row " + b);
    }
  }

  @Test
  void closedFormDivergenceOfTheHypernetworkAgreesWithVectorJacobianProducts() {
    HyperNetworkField field = new HyperNetworkField(2, 8, 16, 3);
    Tensor x = Tensor.randn(5, 6, 2);
    Cnf closed = Cnf.of(field).until(2);
    Cnf products = Cnf.of((t, z) -> field.apply(t, z), field.parameters().isEmpty() ? null : new Params(field)).until(2);
    Tensor lpClosed = closed.logProb(x);
    Tensor lpProducts = products.logProb(x);
    for (int b = 0; b < 6; b++) {
      assertEquals(lpProducts.get(b), lpClosed.get(b), 1e-9, "row " + b);
    }
    List<Tensor> params = new java.util.ArrayList<>();
    field.parameters().forEach(p -> params.add(p.value()));
    List<Tensor> gClosed = Tensor.gradients(lpClosed.sum(), Tensor.scalar(1), params);
    List<Tensor> gProducts = Tensor.gradients(lpProducts.sum(), Tensor.scalar(1), params);
    for (int k = 0; k < params.size(); k++) {
      double[] a = gProducts.get(k).toArray();
      double[] c = gClosed.get(k).toArray();
      for (int i = 0; i < a.length; i++) {
        assertEquals(a[i], c[i], 1e-8, "parameter " + k + " element " + i);
      }
    }
  }

  /** The hypernetwork's parameters as a module, so that the lambda field above has them declared. */
  private record Params(HyperNetworkField field) implements org.nodelab.nn.Module {
    @Override
    public Tensor apply(Tensor x) {
      throw new UnsupportedOperationException();
    }

    @Override
    public List<org.nodelab.nn.Parameter> parameters() {
      return field.parameters();
    }
  }

  @Test
  void conditionalFlowOfARateSetByTheConditionMatchesTheClosedForm() {
    // dz/dt = a·c·z for each row: z(0) = e^{−acT}x, log p(x | c) = log N(z(0)) − T·2·a·c.
    Tensor a = Tensor.scalar(0.4).requiresGrad();
    Cnf flow = Cnf.of((t, c, z) -> z.mul(c).mul(a)).solve(Solvers.rk45().rtol(1e-10).atol(1e-10)).until(T);
    Tensor c = Tensor.of(new double[] {1, -0.5, 2}, 3, 1);
    Tensor lp = flow.logProb(X, c);
    for (int b = 0; b < 3; b++) {
      double s = Math.exp(-0.4 * c.get(b, 0) * T);
      double z0 = s * X.get(b, 0);
      double z1 = s * X.get(b, 1);
      double expected = -0.5 * (z0 * z0 + z1 * z1) - Math.log(2 * Math.PI) - T * 2 * 0.4 * c.get(b, 0);
      assertEquals(expected, lp.get(b), 1e-7, "row " + b);
    }
    Tensor s = flow.sample(c, 3);
    Tensor base = Tensor.randn(3, 3, 2);
    assertEquals(base.get(2, 1) * Math.exp(0.4 * 2 * T), s.get(2, 1), 1e-7);
    assertThrows(IllegalStateException.class, () -> flow.logProb(X));
    assertThrows(IllegalArgumentException.class, () -> flow.logProb(X, Tensor.ones(2, 1)));
  }

  @Test
  void badInputSaysWhatWasExpected() {
    Cnf flow = linearFlow(Tensor.of(A));
    assertThrows(IllegalArgumentException.class, () -> flow.logProb(Tensor.zeros(3)));
    assertThrows(IllegalStateException.class, () -> flow.sample(4, 1));
    assertThrows(IllegalArgumentException.class, () -> flow.until(0));
  }
}
