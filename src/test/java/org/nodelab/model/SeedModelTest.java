package org.nodelab.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nodelab.nn.Linear;
import org.nodelab.nn.Mlp;
import org.nodelab.nn.Module;
import org.nodelab.nn.Parameter;
import org.nodelab.ode.Adjoint;
import org.nodelab.ode.GradientMethod;
import org.nodelab.ode.Ode;
import org.nodelab.ode.Solvers;
import org.nodelab.tensor.Activation;
import org.nodelab.tensor.Tensor;

/** The seed's model in full: input-conditioned fields, and the ResNet view. */
class SeedModelTest {
  private final Mlp net = new Mlp(Activation.TANH, 5, 5, 12, 2);
  private final Linear fIn = new Linear(3, 2, 6);
  /** f(t, x, h) = MLP([h, x]) : the field reads the input x beside the state. */
  private final ConditionedField field = (t, x, h) -> net.apply(Tensor.concat(1, h, x));

  private List<double[]> gradients(GradientMethod method, Tensor x0) {
    Tensor x = x0.detach().requiresGrad();
    NeuralOde model = OdeSpec.of(field).from(fIn).solve(Solvers.dopri5().rtol(1e-10).atol(1e-10)).gradients(method).until(1);
    model.apply(x);
    model.parameters().forEach(Parameter::zeroGrad);
    model.apply(x).square().sum().backward();
    List<double[]> out = new ArrayList<>();
    out.add(x.grad().toArray());
    model.parameters().forEach(p -> out.add(p.grad().toArray()));
    return out;
  }

  @Test
  void conditionedFieldGradientsAgreeAcrossDirectAdjointAndFiniteDifferences() {
    Tensor x = Tensor.randn(7, 4, 3);
    List<double[]> direct = gradients(GradientMethod.DIRECT, x);
    List<double[]> adjoint = gradients(Adjoint.defaults(), x);
    for (int k = 0; k < direct.size(); k++) {
      assertArrayEquals(direct.get(k), adjoint.get(k), 1e-6 * (1 + max(direct.get(k))), "gradient " + k);
    }
    // ∂L/∂x by central differences: the path through fIn and the field's direct use of x together.
    NeuralOde model = OdeSpec.of(field).from(fIn).solve(Solvers.dopri5().rtol(1e-10).atol(1e-10)).until(1);
    double[] xv = x.toArray();
    for (int i = 0; i < xv.length; i += 2) {
      double[] up = xv.clone();
      double[] down = xv.clone();
      up[i] += 1e-6;
      down[i] -= 1e-6;
      double fd = (loss(model, Tensor.of(up, 4, 3)) - loss(model, Tensor.of(down, 4, 3))) / 2e-6;
      assertEquals(fd, direct.get(0)[i], 1e-6 * Math.max(1, Math.abs(fd)), "dL/dx[" + i + "]");
    }
  }

  private static double loss(NeuralOde model, Tensor x) {
    return Tensor.noGrad(() -> model.apply(x).square().sum()).item();
  }

  private static double max(double[] v) {
    double m = 0;
    for (double d : v) {
      m = Math.max(m, Math.abs(d));
    }
    return m;
  }

  @Test
  void asResNetIsAnEulerSolveWithStepTOverN() {
    Mlp f = new Mlp(Activation.TANH, 8, 2, 8, 2);
    NeuralOde model = OdeSpec.of(f).from(new Linear(3, 2, 1)).until(2);
    Tensor x = Tensor.randn(2, 6, 3);
    Tensor viaResNet = model.asResNet(8).apply(x);
    Tensor h0 = model.spec().in().apply(x);
    Tensor viaEuler = Ode.solve((t, h) -> f.apply(h), h0, new double[] {0, 2}, Solvers.euler().step(0.25)).last();
    assertArrayEquals(viaEuler.toArray(), viaResNet.toArray(), 0.0);
    Tensor byHand = h0;
    for (int j = 0; j < 8; j++) {
      byHand = byHand.add(f.apply(byHand).mul(0.25));
    }
    assertArrayEquals(byHand.toArray(), viaResNet.toArray(), 0.0);
    NeuralOde resnet = model.asResNet(8);
    resnet.apply(x);
    assertEquals(8, resnet.stats().acceptedSteps());
  }

  @Test
  void aResNetWithOneSharedBlockIsTheEulerSolveOfItsOde() {
    Mlp block = new Mlp(Activation.TANH, 3, 2, 8, 2);
    ResNet shared = new ResNet(5, () -> block);
    Tensor x = Tensor.randn(4, 3, 2);
    Tensor euler = Ode.solve((t, h) -> block.apply(h), x, new double[] {0, 5}, Solvers.euler().step(1)).last();
    assertArrayEquals(euler.toArray(), shared.apply(x).toArray(), 0.0);
    assertEquals(block.parameterCount(), shared.parameterCount());
  }

  @Test
  void aResNetWithItsOwnBlocksHasNTimesTheParametersAndTrains() {
    int[] seed = {0};
    ResNet own = new ResNet(4, () -> new Mlp(Activation.TANH, seed[0]++, 2, 8, 2));
    assertEquals(4 * new Mlp(Activation.TANH, 0, 2, 8, 2).parameterCount(), own.parameterCount());
    assertEquals("0.0.weight", own.parameters().get(0).name());
    var d = org.nodelab.data.Synthetic.moons(200, 0.05, 1);
    Module classifier = new org.nodelab.nn.Sequential(own, new Linear(2, 2, 9));
    var h = org.nodelab.train.Trainer.of(classifier).data(d).loss(org.nodelab.train.Losses::crossEntropy)
        .optimizer(org.nodelab.train.Adam.of(0.02)).epochs(30).batchSize(50).progress(null).run();
    assertTrue(h.lastLoss() < 0.2, "loss " + h.lastLoss());
  }

  @Test
  void anInputOfAnotherBatchSizeIsNamed() {
    NeuralOde model = OdeSpec.of((t, x, h) -> h.mul(x.sum(1, true))).from(Module.fn(x -> Tensor.zeros(5, 2))).until(1);
    var e = assertThrows(IllegalArgumentException.class, () -> model.apply(Tensor.ones(3, 2)));
    assertTrue(e.getMessage().contains("[3, 2]") && e.getMessage().contains("[5, 2]"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new ResNet(0, () -> Module.identity()));
  }
}
