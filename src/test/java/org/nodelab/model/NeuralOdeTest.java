package org.nodelab.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nodelab.nn.Linear;
import org.nodelab.nn.Mlp;
import org.nodelab.nn.Parameter;
import org.nodelab.ode.Solvers;
import org.nodelab.tensor.Activation;
import org.nodelab.tensor.Tensor;

class NeuralOdeTest {

  @Test
  void identityMapsMakeAPlainInitialValueSolve() {
    // h' = −h from h(0) = x: h(T) = x·e^{−T}.
    NeuralOde model = OdeSpec.of((t, h) -> h.neg()).solve(Solvers.dopri5().rtol(1e-10).atol(1e-10)).until(2);
    Tensor x = Tensor.of(new double[][] {{1, -3}});
    assertArrayEquals(new double[] {Math.exp(-2), -3 * Math.exp(-2)}, model.apply(x).toArray(), 1e-9);
    assertTrue(model.stats().evaluations() > 0);
    assertEquals(model.stats().evaluations(), model.forwardEvaluations());
  }

  @Test
  void parametersComeFromInFieldAndOutWithPrefixes() {
    Linear in = new Linear(3, 2, 1);
    Mlp f = new Mlp(Activation.TANH, 2, 2, 4, 2);
    Linear out = new Linear(2, 1, 3);
    NeuralOde model = OdeSpec.of(f).from(in).to(out).until(1);
    List<String> names = model.parameters().stream().map(Parameter::name).toList();
    assertEquals(List.of("in.weight", "in.bias", "f.0.weight", "f.0.bias", "f.1.weight", "f.1.bias", "out.weight",
        "out.bias"), names);
    assertEquals(in.parameterCount() + f.parameterCount() + out.parameterCount(), model.parameterCount());
  }

  @Test
  void lambdaFieldParametersAreFoundOnTheTape() {
    Tensor w = Tensor.of(new double[][] {{0, 1}, {-1, 0}}).requiresGrad();
    NeuralOde model = OdeSpec.of((t, h) -> h.matmul(w)).until(1);
    assertThrows(IllegalStateException.class, model::parameters);
    model.apply(Tensor.ones(1, 2));
    assertEquals(1, model.parameters().size());
    assertTrue(model.parameters().get(0).value() == w);
  }

  @Test
  void augmentAppendsZeroDimensions() {
    // With h' = 0 the state stays h(0) = [x, 0, 0].
    NeuralOde model = OdeSpec.of((t, h) -> h.mul(0)).augment(2).until(1);
    Tensor y = model.apply(Tensor.of(new double[][] {{5, 6}}));
    assertArrayEquals(new double[] {5, 6, 0, 0}, y.toArray(), 0);
  }

  @Test
  void trajectoryModelStacksStatesAtEveryTimeStartingWithTheInitialOne() {
    TrajectoryModel model = OdeSpec.of((t, h) -> h.neg()).solve(Solvers.tsit5().rtol(1e-10).atol(1e-10)).at(0, 0.5, 1.5);
    Tensor y = model.apply(Tensor.of(new double[][] {{1}, {2}}));
    assertArrayEquals(new int[] {3, 2, 1}, y.shape());
    assertArrayEquals(new double[] {1, 2, Math.exp(-0.5), 2 * Math.exp(-0.5), Math.exp(-1.5), 2 * Math.exp(-1.5)},
        y.toArray(), 1e-9);
  }

  @Test
  void timeAwareFieldSeesTheTime() {
    // h' = t through a module that reads the time column: h(T) = h0 + T²/2.
    Linear readTime = new Linear(Tensor.of(new double[][] {{0}, {1}}), null, Activation.IDENTITY);
    NeuralOde model = OdeSpec.of(Fields.withTime(readTime)).solve(Solvers.dopri5().rtol(1e-10).atol(1e-10)).until(2);
    assertEquals(3 + 2, model.apply(Tensor.of(new double[][] {{3}})).item(), 1e-9);
  }

  @Test
  void zeroLengthIntervalReturnsTheMappedInput() {
    NeuralOde model = OdeSpec.of((t, h) -> h.neg()).until(0);
    assertArrayEquals(new double[] {4}, model.apply(Tensor.of(new double[][] {{4}})).toArray(), 0);
  }

  @Test
  void invalidSpecsAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> OdeSpec.of((t, h) -> h).augment(-1));
    assertThrows(IllegalArgumentException.class, () -> OdeSpec.of((t, h) -> h).until(Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> OdeSpec.of((t, h) -> h).at(1));
  }
}
