package org.nodelab.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.nodelab.Lab.adjoint;
import static org.nodelab.Lab.linear;
import static org.nodelab.Lab.mlp;
import static org.nodelab.Lab.ode;
import static org.nodelab.Lab.rk45;
import static org.nodelab.Lab.seed;
import static org.nodelab.Lab.threads;
import static org.nodelab.Lab.tsit5;

import org.junit.jupiter.api.Test;
import org.nodelab.nn.Linear;
import org.nodelab.nn.Mlp;
import org.nodelab.ode.Adjoint;
import org.nodelab.ode.Ode;
import org.nodelab.ode.Solvers;
import org.nodelab.tensor.Tensor;

/** The DSL builds the same objects as the plain API: same numbers, bit for bit. */
class DslEquivalenceTest {

  @Test
  void aWideModelTrainsToTheSameBitsOnOneThreadAndOnTwo() {
    double[][] results = new double[2][];
    int before = Tensor.threads();
    try {
      for (int threads : new int[] {1, 2}) {
        threads(threads);
        seed(11);
        Mlp f = mlp(16, 256, 16);
        var model = ode(f).solve(rk45.rtol(1e-4).atol(1e-4)).until(0.5);
        Tensor x = Tensor.randn(12, 512, 16);
        model.apply(x).square().mean().backward();
        results[threads - 1] = f.parameters().get(0).grad().toArray();
      }
    } finally {
      Tensor.threads(before);
    }
    assertArrayEquals(results[0], results[1], 0);
  }

  @Test
  void dslAndPlainApiAgreeBitForBit() {
    seed(42);
    Linear fIn = linear(3, 2);
    Mlp f = mlp(2, 16, 2);
    Linear fOut = linear(2, 4);
    Tensor x = Tensor.randn(1, 5, 3);
    Tensor viaDsl = ode(f).from(fIn).to(fOut).solve(rk45).until(1.0).apply(x);
    Tensor viaApi = fOut.apply(Ode.solve((t, h) -> f.apply(h), fIn.apply(x), new double[] {0, 1.0}, Solvers.dopri5()).last());
    assertArrayEquals(viaApi.toArray(), viaDsl.toArray(), 0.0);
  }

  @Test
  void gradientsAgreeBitForBitToo() {
    seed(7);
    Mlp f = mlp(2, 8, 2);
    Tensor x = Tensor.randn(2, 3, 2);
    var model = ode(f).solve(tsit5.rtol(1e-6)).until(0.5);
    f.zeroGrad();
    model.apply(x).square().sum().backward();
    double[] dsl = f.parameters().get(0).grad().toArray();
    f.zeroGrad();
    Ode.solve((t, h) -> f.apply(h), x, new double[] {0, 0.5}, Solvers.tsit5().rtol(1e-6)).last().square().sum().backward();
    assertArrayEquals(f.parameters().get(0).grad().toArray(), dsl, 0.0);
  }

  @Test
  void adjointDslMatchesThePlainAdjointSolve() {
    seed(3);
    Mlp f = mlp(2, 8, 2);
    Tensor x = Tensor.randn(2, 3, 2);
    Tensor viaDsl = ode(f).gradients(adjoint).at(0, 0.5, 1).apply(x);
    Tensor viaApi = Ode.solve((t, h) -> f.apply(h), x, new double[] {0, 0.5, 1}, Solvers.rk45(), Adjoint.defaults()).stacked();
    assertArrayEquals(viaApi.toArray(), viaDsl.toArray(), 0.0);
    assertEquals(3, viaDsl.dim(0));
  }
}
