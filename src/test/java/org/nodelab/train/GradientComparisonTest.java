package org.nodelab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nodelab.model.NeuralOde;
import org.nodelab.model.OdeSpec;
import org.nodelab.nn.Linear;
import org.nodelab.nn.Mlp;
import org.nodelab.ode.Solvers;
import org.nodelab.tensor.Activation;
import org.nodelab.tensor.Tensor;
import tech.tablesaw.api.Table;

class GradientComparisonTest {

  @Test
  void directAndAdjointBothAgreeWithFiniteDifferencesAtTightTolerances() {
    NeuralOde model = OdeSpec.of(new Mlp(Activation.TANH, 1, 2, 8, 2)).to(new Linear(2, 1, 2))
        .solve(Solvers.dopri5().rtol(1e-10).atol(1e-10)).until(1);
    Table t = GradientComparison.compare(model, Tensor.randn(3, 4, 2), Tensor.randn(4, 4, 1), Losses::mse, 8);
    // 6 parameter tensors per method plus the finite-difference row.
    assertEquals(13, t.rowCount());
    for (int r = 0; r < 12; r++) {
      double err = t.doubleColumn("rel_error_vs_fd").get(r);
      assertTrue(err < 1e-6, t.stringColumn("method").get(r) + " " + t.stringColumn("parameter").get(r) + ": " + err);
    }
    Table adjoint = t.where(t.stringColumn("method").isEqualTo("adjoint"));
    assertTrue(adjoint.longColumn("nfe_backward").get(0) > 0);
    Table direct = t.where(t.stringColumn("method").isEqualTo("direct"));
    assertTrue(direct.longColumn("nfe_forward").get(0) > 0);
  }

  @Test
  void theTapeOfDirectGradientsIsLargerThanTheAdjointsOnALongInterval() {
    NeuralOde model = OdeSpec.of(new Mlp(Activation.TANH, 1, 2, 64, 2)).solve(Solvers.rk4().step(0.02)).until(10);
    Table t = GradientComparison.compare(model, Tensor.randn(3, 32, 2), Tensor.zeros(32, 2), Losses::mse, 1);
    long direct = t.where(t.stringColumn("method").isEqualTo("direct")).longColumn("tape_bytes").get(0);
    long adjoint = t.where(t.stringColumn("method").isEqualTo("adjoint")).longColumn("tape_bytes").get(0);
    // 500 steps × 4 stages × (32×64 hidden values + small tensors): tens of megabytes against almost none.
    assertTrue(direct > 10_000_000, "direct tape " + direct);
    assertTrue(adjoint < direct / 10, "adjoint " + adjoint + " vs direct " + direct);
  }

  @Test
  void theDirectTapeGrowsInProportionToTheStepsAndTheAdjointsDoesNot() {
    long[][] bytes = new long[2][];
    for (int k = 0; k < 2; k++) {
      NeuralOde model = OdeSpec.of(new Mlp(Activation.TANH, 1, 2, 16, 2)).solve(Solvers.rk4().step(0.05))
          .until(k == 0 ? 1 : 2);
      Table t = GradientComparison.compare(model, Tensor.randn(3, 8, 2), Tensor.zeros(8, 2), Losses::mse, 1);
      bytes[k] = new long[] {
          t.where(t.stringColumn("method").isEqualTo("direct")).longColumn("tape_bytes").get(0),
          t.where(t.stringColumn("method").isEqualTo("adjoint")).longColumn("tape_bytes").get(0)};
    }
    // 20 against 40 steps: the direct tape holds every stage of every step, plus a constant for the loss.
    double ratio = (double) bytes[1][0] / bytes[0][0];
    assertTrue(ratio > 1.95 && ratio < 2.05, "direct tape ratio " + ratio);
    assertEquals(bytes[0][1], bytes[1][1], "adjoint tape");
  }
}
