package org.nodelab.ode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nodelab.nn.Mlp;
import org.nodelab.nn.Parameter;
import org.nodelab.tensor.Activation;
import org.nodelab.tensor.Tensor;

/**
 * The chain of trust for gradients through solves: closed form, direct against finite differences,
 * adjoint against direct.
 */
class AdjointTest {
  private static final Solver TIGHT = Solvers.dopri5().rtol(1e-10).atol(1e-10);

  @Test
  void bothMethodsMatchTheClosedFormOfExponentialGrowth() {
    // y' = θy, L = y(T): dL/dθ = y0·T·e^{θT}, dL/dy0 = e^{θT}.
    double theta0 = -0.4;
    double y00 = 1.3;
    double tEnd = 2.5;
    for (GradientMethod method : new GradientMethod[] {GradientMethod.DIRECT, Adjoint.defaults()}) {
      Tensor theta = Tensor.scalar(theta0).requiresGrad();
      Tensor y0 = Tensor.of(y00).requiresGrad();
      TensorSolution s = Ode.solve((t, y) -> y.mul(theta), y0, new double[] {0, tEnd}, TIGHT, method);
      s.last().sum().backward();
      assertEquals(y00 * tEnd * Math.exp(theta0 * tEnd), theta.grad().item(), 1e-8, method + " dL/dθ");
      assertEquals(Math.exp(theta0 * tEnd), y0.grad().item(), 1e-8, method + " dL/dy0");
    }
  }

  @Test
  void directGradientsMatchCentralDifferencesOfTheSolve() {
    Mlp net = new Mlp(Activation.TANH, 3, 2, 8, 2);
    Tensor y0 = Tensor.randn(4, 3, 2);
    Solver solver = Solvers.tsit5().rtol(1e-6).atol(1e-8);
    double[] times = {0, 0.5, 1.2};
    Supplier<Tensor> loss = () -> {
      TensorSolution s = Ode.solve((t, y) -> net.apply(y), y0, times, solver);
      return s.state(1).square().sum().add(s.last().sin().sum());
    };
    net.zeroGrad();
    loss.get().backward();
    // The step sequence is piecewise constant in the parameters; with h = 1e-6 it does not change,
    // so the difference quotient is that of the same discrete map the tape differentiates.
    for (Parameter p : net.parameters()) {
      double[] values = p.value().toArray();
      double[] grad = p.grad().toArray();
      for (int i = 0; i < values.length; i += 3) {
        double saved = values[i];
        values[i] = saved + 1e-6;
        p.assign(values);
        double up = Tensor.noGrad(loss).item();
        values[i] = saved - 1e-6;
        p.assign(values);
        double down = Tensor.noGrad(loss).item();
        values[i] = saved;
        p.assign(values);
        assertEquals((up - down) / 2e-6, grad[i], 1e-6 * Math.max(1, Math.abs(grad[i])), p.name() + "[" + i + "]");
      }
    }
  }

  /** Time grid, batch size, field kind. */
  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of(new double[] {0, 1}, 1, "mlp"),
        Arguments.of(new double[] {0, 0.3, 0.7, 1.5}, 5, "mlp"),
        Arguments.of(new double[] {1.5, 0.2}, 3, "mlp"),
        Arguments.of(new double[] {0, 0.5, 2}, 4, "lambda"),
        Arguments.of(new double[] {0, 0.25, 0.5, 0.75, 1}, 2, "lambda"));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void adjointMatchesDirectToOnePartInAMillionAtTightTolerances(double[] times, int batch, String kind) {
    Mlp net = new Mlp(Activation.TANH, 7, 2, 16, 2);
    Tensor w = Tensor.randn(8, 2, 2).mul(0.5).requiresGrad();
    Tensor b = Tensor.of(0.1, -0.2).requiresGrad();
    VectorField f = kind.equals("mlp")
        ? (t, y) -> net.apply(y.pow(3))
        : (t, y) -> y.matmul(w).tanh().add(b).mul(Math.cos(t));
    List<Tensor> params = new ArrayList<>();
    if (kind.equals("mlp")) {
      net.parameters().forEach(p -> params.add(p.value()));
    } else {
      params.add(w);
      params.add(b);
    }
    Tensor target = Tensor.randn(9, times.length, batch, 2);
    List<double[]> direct = gradients(f, times, batch, params, target, GradientMethod.DIRECT);
    List<double[]> adjoint = gradients(f, times, batch, params, target, Adjoint.defaults());
    for (int k = 0; k < direct.size(); k++) {
      assertTrue(relativeError(adjoint.get(k), direct.get(k)) < 1e-6,
          kind + " gradient " + k + ": relative error " + relativeError(adjoint.get(k), direct.get(k)));
    }
  }

  private static List<double[]> gradients(VectorField f, double[] times, int batch, List<Tensor> params, Tensor target,
      GradientMethod method) {
    params.forEach(Tensor::zeroGrad);
    Tensor y0 = Tensor.randn(10, batch, 2).mul(0.8).requiresGrad();
    TensorSolution s = Ode.solve(f, y0, times, TIGHT, method);
    Tensor loss = Tensor.scalar(0);
    for (int i = 0; i < times.length; i++) {
      loss = loss.add(s.state(i).sub(target.slice(0, i, i + 1).reshape(batch, 2)).square().sum());
    }
    loss.backward();
    List<double[]> out = new ArrayList<>();
    out.add(y0.grad().toArray());
    params.forEach(p -> out.add(p.grad().toArray()));
    return out;
  }

  @Test
  void seminormAndFullNormGiveTheDirectGradientOnTheSpiralField() {
    // The spiral problem's field, f(y) = MLP(y³) with weights from N(0, 0.1²), at ode_demo's tolerances.
    Mlp net = Mlp.normal(Activation.TANH, 0.1, 1, 2, 50, 2);
    VectorField f = (t, y) -> net.apply(y.pow(3));
    Solver solver = Solvers.dopri5().rtol(1e-7).atol(1e-9);
    double[] times = new double[10];
    for (int i = 0; i < 10; i++) {
      times[i] = 25.0 * i / 999;
    }
    Tensor y0 = Tensor.of(new double[][] {{2, 0}, {-1.5, 0.7}, {0.3, -1.9}});
    GradientMethod[] methods = {GradientMethod.DIRECT, Adjoint.defaults(), Adjoint.defaults().seminorm(false)};
    double[][] grads = new double[3][];
    for (int k = 0; k < 3; k++) {
      net.zeroGrad();
      TensorSolution s = Ode.solve(f, y0, times, solver, methods[k]);
      s.stacked().abs().mean().backward();
      assertTrue(s.backwardStats().evaluations() > 0);
      grads[k] = net.parameters().get(0).grad().toArray();
    }
    assertTrue(relativeError(grads[1], grads[0]) < 1e-5, "seminorm vs direct " + relativeError(grads[1], grads[0]));
    assertTrue(relativeError(grads[2], grads[0]) < 1e-5, "full norm vs direct " + relativeError(grads[2], grads[0]));
  }

  @Test
  void adjointFindsParametersFromTheTapeAndReportsBackwardCost() {
    Tensor w = Tensor.of(-0.5).requiresGrad();
    Tensor unused = Tensor.of(3).requiresGrad();
    TensorSolution s = Ode.solve((t, y) -> y.mul(w), Tensor.of(1.0), new double[] {0, 1}, TIGHT, Adjoint.defaults());
    assertEquals(0, s.backwardStats().evaluations());
    s.last().sum().backward();
    assertEquals(Math.exp(-0.5), w.grad().item(), 1e-8);
    assertTrue(s.backwardStats().evaluations() > 10);
    assertEquals(null, unused.grad());
  }

  static double relativeError(double[] a, double[] b) {
    double diff = 0;
    double norm = 0;
    for (int i = 0; i < a.length; i++) {
      diff += (a[i] - b[i]) * (a[i] - b[i]);
      norm += b[i] * b[i];
    }
    return Math.sqrt(diff) / Math.max(Math.sqrt(norm), 1e-300);
  }
}
