package org.nodelab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nodelab.data.Dataset;
import org.nodelab.data.Synthetic;
import org.nodelab.model.OdeSpec;
import org.nodelab.nn.Linear;
import org.nodelab.nn.Mlp;
import org.nodelab.nn.ParameterFile;
import org.nodelab.ode.OdeException;
import org.nodelab.ode.Solvers;
import org.nodelab.tensor.Activation;
import org.nodelab.tensor.Tensor;

/** The bad cases of a first-time user's training run: each a clear error or a correct result. */
class TrainingGuardsTest {
  @TempDir Path dir;

  private static Dataset line(int n) {
    Tensor x = Tensor.linspace(-1, 1, n).reshape(n, 1);
    return new Dataset(x, x.mul(2).sub(1));
  }

  @Test
  void nanInRegressionTargetsIsRejectedBeforeTrainingNamingTheRow() {
    double[] y = line(20).y().toArray();
    y[7] = Double.NaN;
    Dataset bad = new Dataset(line(20).x(), Tensor.of(y, 20, 1));
    Linear model = new Linear(1, 1, 0);
    double[] before = model.weight().toArray();
    var e = assertThrows(IllegalArgumentException.class,
        () -> Trainer.of(model).data(bad).epochs(2).progress(null).run());
    assertTrue(e.getMessage().contains("targets") && e.getMessage().contains("NaN") && e.getMessage().contains("row 7"),
        e.getMessage());
    assertEquals(before[0], model.weight().item(), 0.0);
  }

  @Test
  void infinityInInputsIsRejectedBeforeTraining() {
    double[] x = line(20).x().toArray();
    x[3] = Double.POSITIVE_INFINITY;
    Dataset bad = new Dataset(Tensor.of(x, 20, 1), line(20).y());
    var e = assertThrows(IllegalArgumentException.class,
        () -> Trainer.of(new Linear(1, 1, 0)).data(bad).epochs(1).progress(null).run());
    assertTrue(e.getMessage().contains("inputs") && e.getMessage().contains("Infinity") && e.getMessage().contains("row 3"),
        e.getMessage());
  }

  @Test
  void nanInTheValidationSetIsRejectedBeforeTraining() {
    double[] y = line(8).y().toArray();
    y[1] = Double.NaN;
    Dataset badValidation = new Dataset(line(8).x(), Tensor.of(y, 8, 1));
    var e = assertThrows(IllegalArgumentException.class, () -> Trainer.of(new Linear(1, 1, 0)).data(line(16))
        .validation(badValidation).epochs(1).progress(null).run());
    assertTrue(e.getMessage().contains("validation targets"), e.getMessage());
  }

  @Test
  void anEmptyDataSetIsAnErrorNotANaNLoss() {
    Dataset empty = new Dataset(Tensor.zeros(0, 1), Tensor.zeros(0, 1));
    var e = assertThrows(IllegalArgumentException.class,
        () -> Trainer.of(new Linear(1, 1, 0)).data(empty).epochs(3).progress(null).run());
    assertTrue(e.getMessage().contains("empty"), e.getMessage());
  }

  @Test
  void labelsOutOfRangeAreRejectedBeforeTheFirstStep() {
    Dataset circles = Synthetic.circles(40, 0);
    double[] labels = circles.y().toArray();
    labels[39] = 2;
    Dataset bad = new Dataset(circles.x(), Tensor.of(labels));
    Mlp model = new Mlp(Activation.TANH, 0, 2, 8, 2);
    double[] before = model.parameters().get(0).value().toArray();
    var e = assertThrows(IllegalArgumentException.class, () -> Trainer.of(model).data(bad)
        .loss(Losses::crossEntropy).epochs(1).batchSize(8).progress(null).run());
    assertTrue(e.getMessage().contains("label 2") && e.getMessage().contains("row 39")
        && e.getMessage().contains("[0, 2)"), e.getMessage());
    assertEquals(before[0], model.parameters().get(0).value().toArray()[0], 0.0, "no step was taken");
  }

  @Test
  void aNonFiniteLossStopsTrainingNamingStepBatchLossAndParameterAndKeepsTheLastFiniteState() {
    // The objective turns non-finite at step 4: log of a value that becomes negative.
    Linear model = new Linear(1, 1, 0);
    Trainer trainer = Trainer.of(model).data(line(32)).batchSize(8).epochs(3).optimizer(Sgd.of(0.01)).progress(null)
        .objective((m, b) -> Objective.Value.of(
            m.apply(b.x()).sub(b.y()).square().mean().add(Tensor.scalar(calls[0]++ >= 3 ? Double.NaN : 0.0))));
    calls[0] = 0;
    var e = assertThrows(NonFiniteLossException.class, trainer::run);
    assertEquals(4, e.step());
    assertTrue(Double.isNaN(e.loss()));
    assertTrue(e.getMessage().contains("step 4") && e.getMessage().contains("batch 4 of epoch 1")
        && e.getMessage().contains("loss NaN"), e.getMessage());
    assertEquals(3, e.history().size(), "the three finite steps are kept");
    assertSame(e.history(), trainer.history());
    assertEquals("failed", e.history().status());
    assertTrue(Double.isFinite(model.weight().item()));
    assertTrue(Double.isFinite(e.history().lastLoss()));
  }

  private static final int[] calls = new int[1];

  @Test
  void aNonFiniteGradientNamesTheFirstParameterWithOne() {
    // sqrt at 0 has an infinite derivative: the loss is finite, the weight's gradient is not.
    Linear model = new Linear(1, 1, 0);
    model.weight().assign(new double[] {0});
    model.bias().assign(new double[] {0});
    Dataset ones = new Dataset(Tensor.ones(4, 1), Tensor.zeros(4, 1));
    var e = assertThrows(NonFiniteLossException.class, () -> Trainer.of(model).data(ones).epochs(1)
        .optimizer(Sgd.of(0.1)).progress(null)
        .objective((m, b) -> Objective.Value.of(m.apply(b.x()).abs().sqrt().mean())).run());
    assertEquals(1, e.step());
    assertEquals(0.0, e.loss(), 0.0);
    assertEquals("weight", e.parameter());
    assertTrue(e.getMessage().contains("'weight'"), e.getMessage());
    assertEquals(0.0, model.weight().item(), 0.0, "no update with a non-finite gradient");
  }

  @Test
  void aSolverFailureAtAHugeLearningRateKeepsTheHistoryOfTheStepsDone() {
    var model = OdeSpec.of(new Mlp(Activation.RELU, 1, 2, 16, 2)).solve(Solvers.dopri5().rtol(1e-5).atol(1e-7)
        .maxSteps(200)).until(1.0);
    Dataset data = Synthetic.circles(64, 1);
    Dataset regression = new Dataset(data.x(), data.x().mul(-1));
    Trainer trainer = Trainer.of(model).data(regression).batchSize(16).epochs(20).optimizer(Adam.of(1e4))
        .progress(null);
    var e = assertThrows(TrainingException.class, trainer::run);
    assertInstanceOf(OdeException.class, e.getCause());
    assertTrue(e.step() > 1, "step " + e.step());
    assertEquals(e.step() - 1, e.history().size());
    assertSame(e.history(), trainer.history());
    assertTrue(e.getMessage().contains("step " + e.step()), e.getMessage());
  }

  @Test
  void lastValidationAccuracyAfterAnEarlyStopIsTheValueAtTheStop() {
    Dataset.Split split = Synthetic.circles(200, 3).split(0.25, 0);
    History h = Trainer.of(new Mlp(Activation.TANH, 0, 2, 8, 2)).data(split.train()).validation(split.test())
        .loss(Losses::crossEntropy).epochs(5).batchSize(16).progress(null)
        .every(5, p -> { if (p.step() >= 23) p.stop(); }).run();
    assertEquals(25, h.size());
    double accuracy = h.lastValidationAccuracy();
    assertTrue(accuracy >= 0 && accuracy <= 1, "accuracy " + accuracy);
    assertFalse(Double.isNaN(h.lastValidationLoss()));
  }

  @Test
  void historyGettersAnswerWithoutAValidationSet() {
    History h = Trainer.of(new Linear(1, 1, 0)).data(line(16)).epochs(2).progress(null).run();
    assertTrue(Double.isNaN(h.lastValidationAccuracy()));
    assertTrue(Double.isNaN(h.lastValidationLoss()));
    assertEquals(-1, h.best("val_loss").step());
    assertTrue(Double.isFinite(h.lastLoss()));
  }

  @Test
  void lastLossIsTheLossOfTheLastBatchEvenWhenItIsTheRemainder() {
    // 20 rows in batches of 8: the last step's batch is the 4-row remainder.
    Linear model = new Linear(1, 1, 0);
    Dataset data = line(20);
    History h = Trainer.of(model).data(data).batchSize(8).epochs(1).optimizer(Sgd.of(0)).progress(null).run();
    assertEquals(3, h.size());
    Dataset remainder = data.batches(8, mixForEpoch0()).get(2);
    assertEquals(4, remainder.size());
    double expected = Losses.mse(model.apply(remainder.x()), remainder.y()).item();
    assertEquals(expected, h.lastLoss(), 1e-15);
  }

  /** The seed the trainer derives for epoch 0 with seed 0 (its documented batch order). */
  private static long mixForEpoch0() {
    return Trainer.batchSeed(0, 0);
  }

  @Test
  void loadingAFileWithExtraEntriesIsAnErrorNamingThemUnlessNotStrict() {
    Path file = dir.resolve("big.bin");
    org.nodelab.nn.TensorFile.write(file, java.util.Map.of("weight", Tensor.ones(1, 1), "bias", Tensor.ones(1),
        "scale", Tensor.ones(1)));
    Linear small = new Linear(1, 1, 0);
    var e = assertThrows(IllegalArgumentException.class, () -> ParameterFile.load(small, file));
    assertTrue(e.getMessage().contains("'scale'"), e.getMessage());
  }
}
