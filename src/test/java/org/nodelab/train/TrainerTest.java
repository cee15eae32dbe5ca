package org.nodelab.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nodelab.data.Batch;
import org.nodelab.data.Dataset;
import org.nodelab.data.Synthetic;
import org.nodelab.nn.Linear;
import org.nodelab.nn.Mlp;
import org.nodelab.tensor.Activation;
import org.nodelab.tensor.Tensor;

class TrainerTest {
  @TempDir Path dir;

  /** y = 2x − 1 on 64 points of [−1, 1]. */
  private static Dataset line() {
    Tensor x = Tensor.linspace(-1, 1, 64).reshape(64, 1);
    return new Dataset(x, x.mul(2).sub(1));
  }

  @Test
  void recoversTheSlopeAndInterceptOfALine() {
    Linear model = new Linear(1, 1, 0);
    History h = Trainer.of(model).data(line()).optimizer(Adam.of(0.05)).epochs(150).batchSize(16)
        .progress(null).run();
    assertEquals(600, h.size());
    assertEquals(2.0, model.weight().item(), 1e-3);
    assertEquals(-1.0, model.bias().item(), 1e-3);
    assertTrue(h.lastLoss() < 1e-6, "final loss " + h.lastLoss());
  }

  @Test
  void sameSeedGivesTheSameLossCurveBitForBit() {
    double[] a = Trainer.of(new Mlp(Activation.TANH, 1, 1, 8, 1)).data(line()).epochs(3).batchSize(8)
        .seed(5).progress(null).run().losses();
    double[] b = Trainer.of(new Mlp(Activation.TANH, 1, 1, 8, 1)).data(line()).epochs(3).batchSize(8)
        .seed(5).progress(null).run().losses();
    double[] c = Trainer.of(new Mlp(Activation.TANH, 1, 1, 8, 1)).data(line()).epochs(3).batchSize(8)
        .seed(6).progress(null).run().losses();
    assertArrayEquals(a, b, 0.0);
    assertFalse(java.util.Arrays.equals(a, c));
  }

  @Test
  void resumingFromACheckpointContinuesExactlyLikeTheUninterruptedRun() {
    Mlp straight = new Mlp(Activation.TANH, 3, 1, 8, 1);
    Trainer.of(straight).data(line()).iterations(40).batchSize(16).seed(2).progress(null).run();

    Path file = dir.resolve("ckpt.bin");
    Mlp first = new Mlp(Activation.TANH, 3, 1, 8, 1);
    Trainer.of(first).data(line()).iterations(40).batchSize(16).seed(2).progress(null)
        .checkpoint(file, 10).every(20, Progress::stop).run();
    Mlp resumed = new Mlp(Activation.TANH, 99, 1, 8, 1);
    History rest = Trainer.of(resumed).data(line()).iterations(40).batchSize(16).seed(2).progress(null)
        .resumeFrom(file).run();
    assertEquals(20, rest.size());
    assertEquals(21, rest.table().longColumn("step").get(0));
    for (int i = 0; i < 2; i++) {
      assertArrayEquals(straight.layers().get(i).weight().toArray(), resumed.layers().get(i).weight().toArray(), 0.0);
    }
  }

  @Test
  void callbackStopsTheRunAfterItsStep() {
    History h = Trainer.of(new Linear(1, 1, 0)).data(line()).epochs(10).progress(null)
        .every(3, p -> { if (p.step() == 6) p.stop(); }).run();
    assertEquals(6, h.size());
  }

  @Test
  void interruptEndsAfterTheCurrentStepAndKeepsTheFlag() {
    History h = Trainer.of(new Linear(1, 1, 0)).data(line()).epochs(10).progress(null)
        .every(1, p -> { if (p.step() == 4) Thread.currentThread().interrupt(); }).run();
    assertTrue(Thread.interrupted(), "the interrupt flag must survive the run");
    assertEquals(4, h.size());
    assertTrue(h.interrupted());
  }

  @Test
  void classifierValidationRecordsLossAndAccuracy() {
    Dataset.Split split = Synthetic.moons(400, 0.05, 1).split(0.25, 1);
    Mlp model = new Mlp(Activation.TANH, 4, 2, 16, 2);
    History h = Trainer.of(model).data(split.train()).validation(split.test()).loss(Losses::crossEntropy)
        .optimizer(Adam.of(0.02)).epochs(40).batchSize(50).progress(null).run();
    assertTrue(h.lastValidationAccuracy() >= 0.97, "accuracy " + h.lastValidationAccuracy());
    assertTrue(h.lastValidationLoss() < 0.15, "validation loss " + h.lastValidationLoss());
    // evaluated once per epoch: 6 steps per epoch, 40 epochs
    assertEquals(40, h.table().doubleColumn("val_loss").size() - h.table().doubleColumn("val_loss").countMissing());
  }

  @Test
  void batchSourceDrivesIterationsAndProgressLineIsPrinted() {
    var bytes = new ByteArrayOutputStream();
    History h = Trainer.of(new Linear(1, 1, 0))
        .batches(random -> {
          double x = random.nextDouble();
          return new Batch(Tensor.of(new double[][] {{x}}), Tensor.of(new double[][] {{3 * x}}));
        })
        .optimizer(Sgd.of(0.5)).iterations(300).progress(new PrintStream(bytes, true, StandardCharsets.UTF_8)).run();
    assertEquals(300, h.size());
    assertTrue(h.lastLoss() < 1e-4, "loss " + h.lastLoss());
    String out = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(out.contains("step 300/300") && out.contains("loss"), out);
  }

  @Test
  void misconfigurationIsExplained() {
    var none = assertThrows(IllegalStateException.class, () -> Trainer.of(new Linear(1, 1, 0)).epochs(1).run());
    assertTrue(none.getMessage().contains("data("), none.getMessage());
    var length = assertThrows(IllegalStateException.class, () -> Trainer.of(new Linear(1, 1, 0)).data(line()).run());
    assertTrue(length.getMessage().contains("epochs("), length.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Trainer.of(new Linear(1, 1, 0)).batchSize(0));
  }

  @Test
  void aMonitorSeesAFewUpdatesASecondAndTheLastStep() {
    java.util.List<Long> steps = new java.util.ArrayList<>();
    boolean[] sawLast = {false};
    long start = System.nanoTime();
    History h = Trainer.of(new Mlp(Activation.TANH, 1, 1, 8, 1)).data(line()).epochs(300).batchSize(8)
        .monitor((p, total, last) -> {
          steps.add(p.step());
          sawLast[0] |= last && p.step() == total;
        }).run();
    double seconds = (System.nanoTime() - start) / 1e9;
    assertTrue(sawLast[0], "the final step is reported");
    assertTrue(steps.size() <= 4 * seconds + 2, steps.size() + " updates in " + seconds + " s");
    assertEquals(h.size(), steps.get(steps.size() - 1).intValue());
  }

  @Test
  void theDefaultMonitorReplacesTheTextProgressLine() {
    int[] updates = {0};
    TrainingMonitor.setDefault(() -> (p, total, last) -> updates[0]++);
    try {
      var bytes = new ByteArrayOutputStream();
      PrintStream old = System.out;
      System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
      try {
        Trainer.of(new Linear(1, 1, 0)).data(line()).epochs(2).run();
      } finally {
        System.setOut(old);
      }
      assertTrue(updates[0] >= 1);
      assertEquals("", bytes.toString(StandardCharsets.UTF_8));
    } finally {
      TrainingMonitor.setDefault(null);
    }
  }
}
