package org.nodelab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.ref.WeakReference;
import org.junit.jupiter.api.Test;
import org.nodelab.nn.Mlp;
import org.nodelab.ode.Adjoint;
import org.nodelab.ode.GradientMethod;
import org.nodelab.ode.Solvers;
import org.nodelab.ode.VectorField;
import org.nodelab.tensor.Activation;
import org.nodelab.tensor.Tensor;

/**
 * A lambda field whose second weight is used only after t = 0.5: found at t0 it would be missed, so
 * it must either be declared (and then get the gradient finite differences give) or fail clearly.
 */
class ParameterDiscoveryTest {
  private static final double T = 1.0;

  private static VectorField branching(Tensor w1, Tensor w2) {
    return (t, h) -> t > 0.5 ? h.mul(w2) : h.mul(w1);
  }

  @Test
  void aParameterUsedOnlyLaterIsAnErrorWhenFoundAutomatically() {
    for (GradientMethod method : new GradientMethod[] {GradientMethod.DIRECT, Adjoint.defaults()}) {
      Tensor w1 = Tensor.of(new double[] {-0.3, 0.2}).requiresGrad();
      Tensor w2 = Tensor.of(new double[] {0.4, -0.1}).requiresGrad();
      NeuralOde model = OdeSpec.of(branching(w1, w2)).gradients(method).until(T);
      IllegalStateException e = assertThrows(IllegalStateException.class,
          () -> model.apply(Tensor.of(new double[][] {{1, 2}})).sum().backward(), method.toString());
      assertTrue(e.getMessage().contains("parameters(w1, w2, ...)"), e.getMessage());
    }
  }

  @Test
  void declaredParametersGetTheGradientFiniteDifferencesGive() {
    for (GradientMethod method : new GradientMethod[] {GradientMethod.DIRECT, Adjoint.defaults()}) {
      Tensor w1 = Tensor.of(new double[] {-0.3, 0.2}).requiresGrad();
      Tensor w2 = Tensor.of(new double[] {0.4, -0.1}).requiresGrad();
      NeuralOde model = OdeSpec.of(branching(w1, w2)).parameters(w1, w2)
          .solve(Solvers.dopri5().rtol(1e-10).atol(1e-10)).gradients(method).until(T);
      assertEquals(2, model.parameters().size());
      Tensor x = Tensor.of(new double[][] {{1, 2}});
      model.apply(x).sum().backward();
      // h' = w h piecewise: h(T) = x e^{0.5 w1 + 0.5 w2}, so d sum h(T) / d w2_j = 0.5 x_j e^{...}.
      double[] x0 = {1, 2};
      double[] a = {-0.3, 0.2};
      double[] b = {0.4, -0.1};
      for (int j = 0; j < 2; j++) {
        double exact = 0.5 * x0[j] * Math.exp(0.5 * a[j] + 0.5 * b[j]);
        assertEquals(exact, w2.grad().toArray()[j], 1e-6, method + " d/dw2_" + j);
        assertEquals(exact, w1.grad().toArray()[j], 1e-6, method + " d/dw1_" + j);
      }
      double h = 1e-6;
      double[] plus = b.clone();
      plus[0] += h;
      double[] minus = b.clone();
      minus[0] -= h;
      double fd = (value(a, plus, x) - value(a, minus, x)) / (2 * h);
      assertEquals(fd, w2.grad().toArray()[0], 1e-6, method + " against central differences");
    }
  }

  private static double value(double[] a, double[] b, Tensor x) {
    NeuralOde m = OdeSpec.of(branching(Tensor.of(a), Tensor.of(b))).solve(Solvers.dopri5().rtol(1e-12).atol(1e-12))
        .until(T);
    return Tensor.noGrad(() -> m.apply(x)).sum().item();
  }

  @Test
  void aDeclaredTensorMustRequireAGradient() {
    assertThrows(IllegalArgumentException.class,
        () -> OdeSpec.of((t, h) -> h).parameters(Tensor.of(new double[] {1})));
  }

  @Test
  void aModelKeepsNoTapeAliveAfterACall() throws InterruptedException {
    NeuralOde model = OdeSpec.of(new Mlp(Activation.TANH, 1, 2, 8, 2)).until(1);
    Tensor y = model.apply(Tensor.of(new double[][] {{1, 2}, {3, 4}}));
    y.sum().backward();
    long evaluations = model.forwardEvaluations();
    WeakReference<Tensor> output = new WeakReference<>(y);
    y = null;
    for (int i = 0; i < 20 && output.get() != null; i++) {
      System.gc();
      Thread.sleep(10);
    }
    assertNull(output.get(), "the model still holds its last output and tape");
    assertTrue(evaluations > 0);
    assertEquals(evaluations, model.stats().evaluations());
    assertTrue(model.backwardEvaluations() > 0);
  }
}
