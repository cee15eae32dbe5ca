package org.nodelab.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nodelab.nn.Parameter;
import org.nodelab.tensor.Tensor;

/**
 * First steps of each optimiser on {@code L = ½‖θ‖²} (so {@code g = θ}) from {@code θ = (1, −2)}.
 * Expected values were computed separately, in double precision, by a direct transcription of the
 * update rules printed in PyTorch's documentation of each optimiser.
 */
class OptimizerTest {

  private static double[][] run(OptimizerSpec spec, int steps) {
    Parameter p = new Parameter("theta", Tensor.of(1.0, -2.0));
    Optimizer opt = spec.on(List.of(p));
    double[][] trace = new double[steps][];
    for (int s = 0; s < steps; s++) {
      opt.zeroGrad();
      p.value().square().sum().mul(0.5).backward();
      opt.step();
      trace[s] = p.value().toArray();
    }
    return trace;
  }

  @Test
  void adamFirstThreeStepsMatchHandComputedValues() {
    double[][] t = run(Adam.of(0.1), 3);
    assertArrayEquals(new double[] {0.900000001, -1.9000000005}, t[0], 1e-15);
    assertArrayEquals(new double[] {0.8004122297123382, -1.800166486621093}, t[1], 1e-14);
    assertArrayEquals(new double[] {0.701586274504415, -1.700623392812114}, t[2], 1e-14);
  }

  @Test
  void adamWDecaysWeightsBeforeTheAdamStep() {
    double[][] t = run(AdamW.of(0.1).weightDecay(0.1), 2);
    assertArrayEquals(new double[] {0.890000001, -1.8800000005}, t[0], 1e-15);
    assertArrayEquals(new double[] {0.7815718569541611, -1.7614089510885826}, t[1], 1e-14);
  }

  @Test
  void rmsPropFirstStepsMatchHandComputedValues() {
    double[][] t = run(RmsProp.of(0.01), 2);
    assertArrayEquals(new double[] {0.900000009999999, -1.9000000049999997}, t[0], 1e-15);
    assertArrayEquals(new double[] {0.8329179752650592, -1.8309433328172846}, t[1], 1e-14);
  }

  @Test
  void sgdWithMomentumAndNesterovMatchHandComputedValues() {
    double[][] heavyBall = run(Sgd.of(0.1).momentum(0.9), 3);
    assertArrayEquals(new double[] {0.9, -1.8}, heavyBall[0], 1e-15);
    assertArrayEquals(new double[] {0.72, -1.44}, heavyBall[1], 1e-15);
    assertArrayEquals(new double[] {0.486, -0.972}, heavyBall[2], 1e-15);
    double[][] nesterov = run(Sgd.of(0.1).momentum(0.9).withNesterov(), 3);
    assertArrayEquals(new double[] {0.81, -1.62}, nesterov[0], 1e-15);
    assertArrayEquals(new double[] {0.5751, -1.1502}, nesterov[1], 1e-15);
    assertArrayEquals(new double[] {0.327321, -0.654642}, nesterov[2], 1e-15);
  }

  @Test
  void plainSgdWithWeightDecayTakesTheL2Step() {
    // g = θ + 0.5 θ = 1.5 θ, θ ← θ − 0.1·1.5θ = 0.85 θ.
    double[][] t = run(Sgd.of(0.1).weightDecay(0.5), 1);
    assertArrayEquals(new double[] {0.85, -1.7}, t[0], 1e-15);
  }

  @Test
  void restoredStateContinuesExactlyLikeTheOriginal() {
    Parameter a = new Parameter("w", Tensor.of(1.0, -2.0));
    Optimizer first = Adam.of(0.1).on(List.of(a));
    for (int s = 0; s < 2; s++) {
      first.zeroGrad();
      a.value().square().sum().mul(0.5).backward();
      first.step();
    }
    Map<String, Tensor> saved = first.state();
    Parameter b = new Parameter("w", Tensor.of(a.value().toArray()));
    Optimizer second = Adam.of(0.1).on(List.of(b));
    second.loadState(saved);
    assertEquals(2, second.steps());
    for (Parameter p : List.of(a, b)) {
      Optimizer o = p == a ? first : second;
      o.zeroGrad();
      p.value().square().sum().mul(0.5).backward();
      o.step();
    }
    assertArrayEquals(a.value().toArray(), b.value().toArray(), 0.0);
  }

  @Test
  void incompleteStateIsRejectedNamingWhatIsMissing() {
    Optimizer opt = Adam.of(0.1).on(List.of(new Parameter("w", Tensor.ones(2))));
    var e = assertThrows(IllegalArgumentException.class, () -> opt.loadState(Map.of("steps", Tensor.scalar(1))));
    assertTrue(e.getMessage().contains("exp_avg/w"), e.getMessage());
  }

  @Test
  void parametersWithoutGradientsAreLeftAlone() {
    Parameter used = new Parameter("used", Tensor.of(1.0));
    Parameter unused = new Parameter("unused", Tensor.of(5.0));
    Optimizer opt = Sgd.of(0.5).on(List.of(used, unused));
    used.value().square().sum().backward();
    opt.step();
    assertEquals(0.0, used.value().item(), 1e-15);
    assertEquals(5.0, unused.value().item());
  }

  @Test
  void badHyperParametersAreNamed() {
    var e = assertThrows(IllegalArgumentException.class, () -> Adam.of(-1));
    assertTrue(e.getMessage().contains("lr") && e.getMessage().contains("-1"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new Adam(0.1, 1.0, 0.999, 1e-8, 0));
    assertThrows(IllegalArgumentException.class, () -> Sgd.of(0.1).withNesterov());
    assertThrows(IllegalArgumentException.class, () -> RmsProp.of(Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> Sgd.of(0.1).on(List.of()));
  }
}
