package org.nodelab.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nodelab.data.Dataset;
import org.nodelab.nn.Linear;
import org.nodelab.nn.Mlp;
import org.nodelab.tensor.Activation;
import org.nodelab.tensor.Tensor;

class ObjectiveTest {

  private static Dataset line() {
    Tensor x = Tensor.linspace(-1, 1, 64).reshape(64, 1);
    return new Dataset(x, x.mul(2).sub(1));
  }

  @Test
  void theSupervisedObjectiveIsTheLossBitForBit() {
    double[] byLoss = Trainer.of(new Mlp(Activation.TANH, 1, 1, 8, 1)).data(line()).epochs(3).batchSize(8)
        .loss(Losses::mse).seed(2).progress(null).run().losses();
    double[] byObjective = Trainer.of(new Mlp(Activation.TANH, 1, 1, 8, 1)).data(line()).epochs(3).batchSize(8)
        .objective(Objective.supervised(Losses::mse)).seed(2).progress(null).run().losses();
    assertArrayEquals(byLoss, byObjective, 0);
  }

  @Test
  void namedTermsAreRecordedAndTheTotalIsMinimised() {
    // Minimise mse + 0.1 |w|^2 on y = 2x - 1: the ridge optimum for the slope is sum(xy)/(sum(x^2) + 0.1 n).
    Linear model = new Linear(1, 1, 0);
    Objective ridge = (m, batch) -> {
      Tensor fit = Losses.mse(m.apply(batch.x()), batch.y());
      Tensor penalty = ((Linear) m).weight().mul(((Linear) m).weight()).sum().mul(0.1);
      return new Objective.Value(fit.add(penalty), java.util.Map.of()).with("fit", fit).with("penalty", penalty);
    };
    History h = Trainer.of(model).data(line()).objective(ridge).optimizer(Adam.of(0.05)).epochs(200).batchSize(64)
        .progress(null).run();
    double[] fit = h.column("fit");
    double[] penalty = h.column("penalty");
    double[] loss = h.losses();
    int last = loss.length - 1;
    assertEquals(loss[last], fit[last] + penalty[last], 1e-12);
    // Full-batch optimum of mean((w x + b - y)^2) + 0.1 w^2 with x symmetric: b = -1, w = 2 s / (s + 0.1),
    // s = mean(x^2).
    double[] x = Tensor.linspace(-1, 1, 64).toArray();
    double s = 0;
    for (double v : x) {
      s += v * v / x.length;
    }
    assertEquals(2 * s / (s + 0.1), model.weight().item(), 1e-3);
    assertEquals(-1, model.bias().item(), 1e-3);
  }

  @Test
  void metricsAreEvaluatedOnTheValidationSet() {
    Dataset data = line();
    Linear model = new Linear(1, 1, 0);
    History h = Trainer.of(model).data(data).validation(data).optimizer(Adam.of(0.05)).epochs(20).batchSize(16)
        .metric("max_error", (m, d) -> maxAbs(m.apply(d.x()).sub(d.y()))).progress(null).run();
    double[] maxError = h.column("val_max_error");
    double lastValue = maxError[maxError.length - 1];
    double expected = maxAbs(Tensor.noGrad(() -> model.apply(data.x()).sub(data.y())));
    assertEquals(expected, lastValue, 0);
    assertTrue(Double.isNaN(maxError[0]), "recorded only when validated");
  }

  private static double maxAbs(Tensor t) {
    double m = 0;
    for (double v : t.toArray()) {
      m = Math.max(m, Math.abs(v));
    }
    return m;
  }

  @Test
  void reservedNamesAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> Trainer.of(new Linear(1, 1, 0)).metric("loss", (m, d) -> 0));
    assertThrows(IllegalArgumentException.class,
        () -> Objective.Value.of(Tensor.scalar(1)).with("epoch", Tensor.scalar(2)));
    assertThrows(IllegalArgumentException.class, () -> Objective.Value.of(Tensor.zeros(2)));
  }
}
