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

/** Learnable starts, constrained coefficients, the universal-equation verb and dense prediction. */
class SystemIdentificationDslTest {

  @Test
  void coefficientsReadInNaturalUnitsAndDifferentiateThroughTheirMaps() {
    Coefficients c = Coefficients.create().free("a", -0.3).positive("k", 2.5).bounded("p", 0.25, 0, 2);
    assertArrayEquals(new double[] {-0.3, 2.5, 0.25}, c.values(), 1e-15);
    List<Parameter> raw = c.parameters();
    assertEquals(List.of("a", "log_k", "logit_p"), raw.stream().map(Parameter::name).toList());
    assertEquals(Math.log(2.5), raw.get(1).value().item(), 1e-15);
    assertEquals(Math.log(0.125 / 0.875), raw.get(2).value().item(), 1e-15);
    // d exp(r)/dr = exp(r); d (lo + (hi - lo) σ(r))/dr = (hi - lo) σ(r)(1 − σ(r)) with σ = 0.125.
    c.get("k").add(c.get("p")).sum().backward();
    assertEquals(2.5, raw.get(1).grad().item(), 1e-14);
    assertEquals(2 * 0.125 * 0.875, raw.get(2).grad().item(), 1e-14);
    assertEquals(3, c.table().rowCount());
    assertEquals("positive (log)", c.table().stringColumn("constraint").get(1));
    assertTrue(c.toString().contains("k = 2.50000"), c.toString());
    assertThrows(IllegalArgumentException.class, () -> Coefficients.create().positive("k", 0));
    assertThrows(IllegalArgumentException.class, () -> Coefficients.create().bounded("p", 2, 0, 2));
    assertThrows(IllegalArgumentException.class, () -> c.get("missing"));
  }

  @Test
  void aLearnableStartIgnoresTheInputAndIsTrained() {
    InitialState start = new InitialState(Tensor.of(1.0, 2.0));
    var model = OdeSpec.of((t, h) -> h.neg()).from(start).solve(Solvers.dopri5().rtol(1e-10).atol(1e-12))
        .at(0, 1);
    Tensor y = model.apply(Tensor.of(new double[][] {{100, 100}}));
    assertArrayEquals(new double[] {1, 2, Math.exp(-1), 2 * Math.exp(-1)}, y.toArray(), 1e-9);
    y.slice(0, 1, 2).sum().backward();
    assertArrayEquals(new double[] {Math.exp(-1), Math.exp(-1)}, start.parameters().get(0).grad().toArray(), 1e-9);
    assertEquals(List.of("in.y0"), model.parameters().stream().map(Parameter::name).toList());
  }

  @Test
  void plusAddsANeuralCorrectionToTheKnownTermsBitForBit() {
    Linear known = new Linear(2, 2, 3);
    Mlp correction = new Mlp(Activation.TANH, 4, 2, 8, 2);
    Tensor x = Tensor.of(new double[][] {{0.3, -0.2}, {1.0, 0.5}});
    var ude = OdeSpec.of(known).plus(correction).at(0, 0.5, 1);
    var byHand = OdeSpec.of((t, h) -> known.apply(h).add(correction.apply(h))).at(0, 0.5, 1);
    assertArrayEquals(byHand.apply(x).toArray(), ude.apply(x).toArray(), 0);
    List<String> names = ude.parameters().stream().map(Parameter::name).toList();
    assertEquals(List.of("f.known.weight", "f.known.bias", "f.correction.0.weight", "f.correction.0.bias",
        "f.correction.1.weight", "f.correction.1.bias"), names);
    assertThrows(IllegalArgumentException.class,
        () -> OdeSpec.of((ConditionedField) (t, in, h) -> h).plus(correction));
  }

  @Test
  void predictionBetweenObservationsFollowsTheClosedForm() {
    // y' = −y from a learnable start y0 = 2 at t0 = 1900: y(t) = 2 e^{−(t − 1900)}.
    var model = OdeSpec.of((t, h) -> h.neg()).from(new InitialState(Tensor.of(2.0)))
        .solve(Solvers.dopri5().rtol(1e-9).atol(1e-12)).at(1900, 1901, 1902);
    Tensor x = Tensor.zeros(1, 1);
    double[] at = {1900.25, 1900.5, 1901.75, 1903};
    double[] p = model.predict(x, at).toArray();
    for (int i = 0; i < at.length; i++) {
      assertEquals(2 * Math.exp(-(at[i] - 1900)), p[i], 1e-8);
    }
    assertArrayEquals(model.apply(x).toArray(), model.predict(x, model.times()).toArray(), 0);
    assertThrows(IllegalArgumentException.class, () -> model.predict(x, 1899.0));
  }
}
