package org.nodelab.ode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nodelab.tensor.Tensor;

/** Tensor states: the same engine as arrays, batches sharing one step size, gradients through the solve. */
class TensorSolveTest {

  @Test
  void tensorAndArrayPathsAgreeBitForBit() {
    double[] times = {0, 0.7, 2};
    for (Solver solver : new Solver[] {Solvers.dopri5(), Solvers.tsit5(), Solvers.bosh3(), Solvers.dopri8(), Solvers.rk4().step(0.1)}) {
      Solution arrays = Ode.solve((t, y, dy) -> {
        for (int i = 0; i < y.length; i++) {
          dy[i] = -0.5 * y[i] + Math.sin(t) * 0.25;
        }
      }, new double[] {1, -2, 3, 0.5}, times, solver);
      TensorSolution tensors = Ode.solve((t, y) -> y.mul(-0.5).add(Math.sin(t) * 0.25),
          Tensor.of(new double[] {1, -2, 3, 0.5}, 2, 2), times, solver);
      for (int i = 0; i < times.length; i++) {
        assertArrayEquals(arrays.state(i), tensors.state(i).toArray(), 0, solver + " at t = " + times[i]);
      }
      assertEquals(arrays.stats(), tensors.stats(), solver.toString());
    }
  }

  @Test
  void aSolveUnderNoGradGivesTheTapedSolvesValuesAndSteps() {
    Tensor w = Tensor.of(new double[][] {{-0.3, 1.1}, {-0.9, 0.2}}).requiresGrad();
    VectorField f = (t, y) -> y.matmul(w).tanh().add(Math.cos(t) * 0.1);
    Tensor y0 = Tensor.of(new double[][] {{1, 0}, {0.5, 0.5}, {2, -1}});
    double[] times = {0, 0.3, 1.5, 4};
    for (Solver solver : new Solver[] {Solvers.dopri5().rtol(1e-9), Solvers.dopri8(), Solvers.rk4().step(0.05)}) {
      TensorSolution taped = Ode.solve(f, y0, times, solver);
      assertTrue(taped.last().requiresGradient());
      TensorSolution untaped = Tensor.noGrad(() -> Ode.solve(f, y0, times, solver));
      assertTrue(!untaped.last().requiresGradient());
      for (int i = 0; i < times.length; i++) {
        assertArrayEquals(taped.state(i).toArray(), untaped.state(i).toArray(), 0, solver + " at t = " + times[i]);
      }
      assertEquals(taped.stats(), untaped.stats(), solver.toString());
    }
  }

  @Test
  void aFieldReturningTheWrongShapeIsNamedWithOrWithoutTheTape() {
    VectorField wrong = (t, y) -> y.sum();
    for (boolean record : new boolean[] {true, false}) {
      var e = assertThrows(IllegalArgumentException.class, () -> {
        try (var mode = record ? Tensor.enableGrad() : Tensor.noGrad()) {
          Ode.solve(wrong, Tensor.of(1, 2), new double[] {0, 1}, Solvers.dopri5());
        }
      });
      assertTrue(e.getMessage().contains("must return the state's shape [2]"), e.getMessage());
    }
  }

  @Test
  void aBatchSharesOneStepSequence() {
    Tensor y0 = Tensor.of(new double[][] {{1, 0}, {0.5, 0.5}, {2, -1}});
    TensorSolution s = Ode.solve((t, y) -> y.matmul(Tensor.of(new double[][] {{0, -1}, {1, 0}})), y0,
        new double[] {0, 1, 2}, Solvers.dopri5().rtol(1e-9).atol(1e-9));
    assertArrayEquals(new int[] {3, 3, 2}, s.stacked().shape());
    // y' = y·[[0, −1], [1, 0]] rotates each row: (a, b) → (a cos t + b sin t, −a sin t + b cos t).
    for (int r = 0; r < 3; r++) {
      double a = y0.get(r, 0);
      double b = y0.get(r, 1);
      assertEquals(a * Math.cos(2) + b * Math.sin(2), s.last().get(r, 0), 1e-8);
      assertEquals(-a * Math.sin(2) + b * Math.cos(2), s.last().get(r, 1), 1e-8);
    }
  }

  @Test
  void gradientWithRespectToTheInitialStateFlowsThroughTheSolve() {
    // y' = −y: y(T) = y0·e^{−T}, so d y(T)/d y0 = e^{−T}.
    Tensor y0 = Tensor.of(1.0, 2.0).requiresGrad();
    TensorSolution s = Ode.solve((t, y) -> y.neg(), y0, new double[] {0, 1.5}, Solvers.dopri5().rtol(1e-10).atol(1e-10));
    s.last().sum().backward();
    assertArrayEquals(new double[] {Math.exp(-1.5), Math.exp(-1.5)}, y0.grad().toArray(), 1e-9);
  }

  @Test
  void gradientWithRespectToAParameterMatchesTheClosedForm() {
    // y' = θy, L = y(T): dL/dθ = y0·T·e^{θT}.
    double theta0 = 0.3;
    double y0 = 1.7;
    double tEnd = 2;
    Tensor theta = Tensor.scalar(theta0).requiresGrad();
    TensorSolution s = Ode.solve((t, y) -> y.mul(theta), Tensor.of(y0), new double[] {0, 0.5, tEnd},
        Solvers.tsit5().rtol(1e-10).atol(1e-10));
    s.last().sum().backward();
    assertEquals(y0 * tEnd * Math.exp(theta0 * tEnd), theta.grad().item(), 1e-7);
    assertEquals(y0 * Math.exp(theta0 * 0.5), s.state(1).item(), 1e-9);
  }

  @Test
  void interpolatedOutputsCarryGradientsToo() {
    Tensor y0 = Tensor.of(1.0).requiresGrad();
    TensorSolution s = Ode.solve((t, y) -> y.neg(), y0, new double[] {0, 0.3, 0.9, 3}, Solvers.dopri5().rtol(1e-10).atol(1e-10));
    s.state(1).add(s.state(2)).sum().backward();
    assertEquals(Math.exp(-0.3) + Math.exp(-0.9), y0.grad().item(), 1e-8);
  }

  @Test
  void aFieldReturningTheWrongShapeIsNamed() {
    var e = assertThrows(IllegalArgumentException.class, () -> Ode.solve((t, y) -> y.sum(),
        Tensor.zeros(2, 3), new double[] {0, 1}, Solvers.dopri5()));
    assertTrue(e.getMessage().contains("[2, 3]") && e.getMessage().contains("[]"), e.getMessage());
  }

  @Test
  void noTapeIsRecordedWhenNothingRequiresAGradient() {
    TensorSolution s = Ode.solve((t, y) -> y.neg(), Tensor.of(1.0), new double[] {0, 1}, Solvers.dopri5());
    assertTrue(s.last().isLeaf());
    assertEquals(Math.exp(-1), s.last().item(), 1e-6);
  }

  @Test
  void tracesAndFailuresAreThoseOfTheArrayPath() {
    Solver traced = Solvers.tsit5().rtol(1e-6).atol(1e-6).trace(true);
    Solution arrays = Ode.solve((t, y, dy) -> dy[0] = -y[0] * Math.cos(t), new double[] {1}, new double[] {0, 5},
        traced);
    TensorSolution tensors = Ode.solve((t, y) -> y.mul(-Math.cos(t)), Tensor.of(1.0), new double[] {0, 5}, traced);
    assertEquals(arrays.trace(), tensors.trace());
    OdeException e = assertThrows(OdeException.class, () -> Ode.solve(
        (t, y) -> t > 0.5 ? y.mul(Double.NaN) : y.neg(), Tensor.of(1.0, 2.0), new double[] {0, 1},
        Solvers.rk4().step(0.1)));
    assertEquals(OdeException.Kind.NON_FINITE, e.kind());
    assertTrue(e.getMessage().contains("0 (NaN), 1 (NaN)"), e.getMessage());
    Thread.currentThread().interrupt();
    try {
      OdeException stopped = assertThrows(OdeException.class,
          () -> Ode.solve((t, y) -> y.neg(), Tensor.of(1.0), new double[] {0, 1}, Solvers.dopri5()));
      assertEquals(OdeException.Kind.INTERRUPTED, stopped.kind());
    } finally {
      Thread.interrupted();
    }
  }
}
