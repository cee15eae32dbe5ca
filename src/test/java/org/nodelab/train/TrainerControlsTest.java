package org.nodelab.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nodelab.data.Dataset;
import org.nodelab.model.OdeSpec;
import org.nodelab.nn.Linear;
import org.nodelab.nn.Mlp;
import org.nodelab.ode.Solvers;
import org.nodelab.tensor.Activation;
import org.nodelab.tensor.Tensor;

/** Schedules, clipping, early stopping and anomaly detection as the trainer applies them. */
class TrainerControlsTest {
  @TempDir Path dir;

  /** y = 2x − 1 on n points of [−1, 1]. */
  private static Dataset line(int n) {
    Tensor x = Tensor.linspace(-1, 1, n).reshape(n, 1);
    return new Dataset(x, x.mul(2).sub(1));
  }

  @Test
  void gradNormIsTheHandComputedNormAndClippingScalesTheSgdStep() {
    Dataset data = line(8);
    double[] x = data.x().toArray();
    double[] y = data.y().toArray();
    Linear model = new Linear(1, 1, 4);
    double w = model.weight().item();
    double b = model.bias().item();
    double gw = 0;
    double gb = 0;
    for (int i = 0; i < 8; i++) {
      double r = w * x[i] + b - y[i];
      gw += 2 * r * x[i] / 8;
      gb += 2 * r / 8;
    }
    double norm = Math.sqrt(gw * gw + gb * gb);
    double scale = Math.min(1, 0.1 / (norm + 1e-6));
    History h = Trainer.of(model).data(data).batchSize(8).iterations(1).optimizer(Sgd.of(0.5)).clipGradNorm(0.1)
        .progress(null).run();
    assertEquals(norm, h.column("grad_norm")[0], 1e-14);
    assertTrue(scale < 1, "the test clips: scale " + scale);
    assertEquals(w - 0.5 * gw * scale, model.weight().item(), 1e-14);
    assertEquals(b - 0.5 * gb * scale, model.bias().item(), 1e-14);
    assertEquals(0.5, h.column("lr")[0], 0.0);
  }

  @Test
  void clippingByValueClampsTheStep() {
    Linear model = new Linear(1, 1, 4);
    double w = model.weight().item();
    Trainer.of(model).data(line(8)).batchSize(8).iterations(1).optimizer(Sgd.of(1)).clipGradValue(1e-3)
        .progress(null).run();
    assertEquals(1e-3, Math.abs(model.weight().item() - w), 1e-15);
  }

  @Test
  void theScheduleSetsEachStepsRateAndTheHistoryShowsIt() {
    History h = Trainer.of(new Linear(1, 1, 0)).data(line(16)).batchSize(4).iterations(9).optimizer(Sgd.of(0.2))
        .schedule(Schedule.step(3, 0.5)).progress(null).run();
    assertArrayEquals(new double[] {0.2, 0.2, 0.2, 0.1, 0.1, 0.1, 0.05, 0.05, 0.05}, h.column("lr"), 1e-17);
  }

  @Test
  void resumingAScheduledRunContinuesItBitForBit() {
    Path file = dir.resolve("ckpt.bin");
    Mlp straight = new Mlp(Activation.TANH, 3, 1, 8, 1);
    History whole = Trainer.of(straight).data(line(32)).iterations(30).batchSize(8).seed(2).optimizer(Adam.of(0.05))
        .schedule(Schedule.cosine(30, 0.001).warmup(5, 0.2)).progress(null).run();
    Mlp first = new Mlp(Activation.TANH, 3, 1, 8, 1);
    Trainer.of(first).data(line(32)).iterations(30).batchSize(8).seed(2).optimizer(Adam.of(0.05))
        .schedule(Schedule.cosine(30, 0.001).warmup(5, 0.2)).progress(null).checkpoint(file, 15)
        .every(15, Progress::stop).run();
    Mlp resumed = new Mlp(Activation.TANH, 77, 1, 8, 1);
    History rest = Trainer.of(resumed).data(line(32)).iterations(30).batchSize(8).seed(2).optimizer(Adam.of(0.05))
        .schedule(Schedule.cosine(30, 0.001).warmup(5, 0.2)).progress(null).resumeFrom(file).run();
    assertArrayEquals(java.util.Arrays.copyOfRange(whole.losses(), 15, 30), rest.losses(), 0.0);
    assertArrayEquals(java.util.Arrays.copyOfRange(whole.column("lr"), 15, 30), rest.column("lr"), 0.0);
    assertArrayEquals(straight.parameters().get(0).value().toArray(), resumed.parameters().get(0).value().toArray(), 0.0);
  }

  @Test
  void theCheckpointHoldsTheOptimiserStateAndRate() {
    Path file = dir.resolve("state.bin");
    Linear model = new Linear(1, 1, 0);
    Trainer.of(model).data(line(8)).iterations(3).optimizer(Adam.of(0.1)).schedule(Schedule.exponential(0.5))
        .checkpoint(file, 3).progress(null).run();
    var stored = org.nodelab.nn.TensorFile.read(file);
    assertEquals(0.1 * 0.25, stored.get("optimizer/lr").item(), 1e-17, "the rate of the last step");
    assertEquals(3, stored.get("optimizer/steps").item(), 0.0);
    assertTrue(stored.containsKey("optimizer/exp_avg/weight") && stored.containsKey("optimizer/exp_avg_sq/bias"),
        stored.keySet().toString());
  }

  @Test
  void earlyStoppingEndsAfterPatienceAndRestoresTheBestParameters() {
    double[] scores = {5, 4, 3, 3.5, 3.6, 3.7, 1, 1};
    int[] next = {0};
    Linear model = new Linear(1, 1, 0);
    List<double[]> weights = new ArrayList<>();
    History h = Trainer.of(model).data(line(16)).validation(line(8)).batchSize(4).epochs(5).validateEvery(1)
        .optimizer(Sgd.of(0.05)).metric("score", (m, d) -> scores[next[0]++])
        .earlyStopping(EarlyStopping.on("val_score").patience(2)).progress(null)
        .every(1, p -> weights.add(model.weight().toArray())).run();
    assertEquals(5, h.size(), "two validations without improvement after step 3");
    assertEquals("stopped early", h.status());
    assertEquals(3, h.best("val_score").step());
    assertEquals(3.0, h.best("val_score").value(), 0.0);
    assertArrayEquals(weights.get(2), model.weight().toArray(), 0.0, "the parameters after step 3");
  }

  @Test
  void earlyStoppingWithoutAValidationSetIsExplained() {
    var e = assertThrows(IllegalStateException.class, () -> Trainer.of(new Linear(1, 1, 0)).data(line(8)).epochs(1)
        .earlyStopping(EarlyStopping.on("val_loss")).progress(null).run());
    assertTrue(e.getMessage().contains("validation"), e.getMessage());
  }

  @Test
  void reduceOnPlateauHalvesTheRateAfterAValidationWithoutImprovement() {
    double[] scores = {5, 6, 7, 2, 3};
    int[] next = {0};
    History h = Trainer.of(new Linear(1, 1, 0)).data(line(16)).validation(line(8)).batchSize(4).iterations(5)
        .validateEvery(1).optimizer(Sgd.of(0.1)).metric("score", (m, d) -> scores[next[0]++])
        .schedule(Schedule.reduceOnPlateau().monitor("val_score").factor(0.5).patience(0)).progress(null).run();
    // observed after steps 1..4: 5 (best), 6 (bad: halve), 7 (bad: halve), 2 (best)
    assertArrayEquals(new double[] {0.1, 0.1, 0.05, 0.025, 0.025}, h.column("lr"), 1e-17);
  }

  @Test
  void anomalyDetectionNamesTheOperationAndTheSolverTimeOfTheFirstNaN() {
    Tensor w = Tensor.ones(1).requiresGrad();
    // sqrt(w/2 − t) turns NaN once t passes 0.5: at the stage t = 0.55 of the rk4 step from 0.5
    var model = OdeSpec.of((t, h) -> h.mul(w.mul(0.5).sub(t).sqrt())).solve(Solvers.rk4().step(0.1)).until(1.0);
    Dataset data = new Dataset(Tensor.ones(4, 1), Tensor.ones(4, 1));
    var e = assertThrows(TrainingException.class, () -> Trainer.of(model).data(data).epochs(1).detectAnomaly()
        .progress(null).run());
    assertEquals(1, e.step());
    assertTrue(e.getMessage().contains("forward pass of 'sqrt'") && e.getMessage().contains("all finite")
        && e.getMessage().contains("in the solve at t = 0.55"), e.getMessage());
  }

  @Test
  void anomalyDetectionNamesTheBackwardStepThatMadeAGradientInfinite() {
    Linear model = new Linear(1, 1, 0);
    model.weight().assign(new double[] {0});
    model.bias().assign(new double[] {0});
    Dataset ones = new Dataset(Tensor.ones(4, 1), Tensor.zeros(4, 1));
    var e = assertThrows(NonFiniteLossException.class, () -> Trainer.of(model).data(ones).epochs(1).detectAnomaly()
        .progress(null).objective((m, b) -> Objective.Value.of(m.apply(b.x()).abs().sqrt().mean())).run());
    assertTrue(e.anomaly().startsWith("the backward pass of 'sqrt' (inputs [4, 1], all finite) produced Infinity")
        && e.anomaly().contains("from a finite upstream gradient"), e.anomaly());
  }
}
