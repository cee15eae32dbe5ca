package org.nodelab.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.nodelab.data.IrregularBatch;
import org.nodelab.data.IrregularSeries;
import org.nodelab.nn.GruCell;
import org.nodelab.nn.Linear;
import org.nodelab.nn.Mlp;
import org.nodelab.nn.Parameter;
import org.nodelab.nn.RnnCell;
import org.nodelab.ode.Adjoint;
import org.nodelab.ode.GradientMethod;
import org.nodelab.ode.Solvers;
import org.nodelab.tensor.Activation;
import org.nodelab.tensor.Tensor;
import org.nodelab.testing.GradCheck;
import org.nodelab.train.Elbo;

/**
 * The latent ODE, the ODE-RNN and the GRU baseline on irregular batches: one solve on the union of
 * times against separate solves per series, direct against adjoint gradients, gradients against
 * central differences, the ODE-RNN with a zero field against the bare GRU, and predictions of
 * held-out points that do not see them.
 */
class LatentOdeTest {
  /** Two series of 2 variables with different times and a partial mask. */
  private static IrregularSeries twoSeries() {
    IrregularSeries.Builder b = new IrregularSeries.Builder(List.of("x", "y"));
    b.add("a", new double[] {0, 0.4, 1.1, 1.5}, new double[][] {{1, 0.5}, {0.8, 0.9}, {0.1, 1.2}, {-0.3, 1.0}},
        new boolean[][] {{true, true}, {true, false}, {true, true}, {false, true}});
    b.add("b", new double[] {0, 0.7, 1.5}, new double[][] {{-1, 0.2}, {-0.6, -0.4}, {0.3, -0.8}},
        new boolean[][] {{true, true}, {true, true}, {true, true}});
    return b.build();
  }

  private static LatentOde latent(GradientMethod gradients, org.nodelab.ode.Solver solver) {
    SplittableRandom seeds = new SplittableRandom(21);
    OdeSpec dynamics = OdeSpec.of(new Mlp(Activation.ELU, seeds.nextLong(), 3, 8, 3)).solve(solver).gradients(gradients);
    return new LatentOde(new RnnEncoder(new RnnCell(4, 6, seeds.nextLong())), new Linear(6, 6, seeds.nextLong()),
        dynamics, new Mlp(Activation.RELU, seeds.nextLong(), 3, 8, 2));
  }

  @Test
  void oneSolveOnTheUnionEqualsSeparateSolves() {
    LatentOde model = latent(GradientMethod.DIRECT, Solvers.dopri5().rtol(1e-11).atol(1e-12));
    IrregularSeries s = twoSeries();
    Tensor z0 = Tensor.randn(3, 2, 3);
    IrregularBatch both = s.batch();
    Tensor together = Tensor.noGrad(() -> model.decode(z0, 0, both.times()));
    double[] union = both.times();
    for (int k = 0; k < 2; k++) {
      double[] own = s.times(k);
      Tensor zk = z0.slice(0, k, k + 1);
      Tensor alone = Tensor.noGrad(() -> model.decode(zk, 0, own));
      for (int i = 0; i < own.length; i++) {
        int row = java.util.Arrays.binarySearch(union, own[i]);
        assertArrayEquals(alone.slice(0, i, i + 1).toArray(),
            together.slice(0, row, row + 1).slice(1, k, k + 1).toArray(), 1e-9, "series " + k + " at " + own[i]);
      }
    }
  }

  private static List<Tensor> elboGradients(LatentOde model, IrregularBatch batch) {
    model.parameters().forEach(Parameter::zeroGrad);
    Elbo.negative(model, batch, 0.3, new SplittableRandom(5)).total().backward();
    List<Tensor> grads = new ArrayList<>();
    model.parameters().forEach(p -> grads.add(p.value().grad()));
    return grads;
  }

  @Test
  void directAndAdjointGradientsAgreeOnTheElbo() {
    LatentOde direct = latent(GradientMethod.DIRECT, Solvers.dopri5().rtol(1e-10).atol(1e-12));
    LatentOde adjoint = direct.withGradients(Adjoint.defaults());
    IrregularBatch batch = twoSeries().batch();
    List<Tensor> a = elboGradients(direct, batch);
    List<Tensor> b = elboGradients(adjoint, batch);
    for (int i = 0; i < a.size(); i++) {
      double[] x = a.get(i).toArray();
      double[] y = b.get(i).toArray();
      for (int j = 0; j < x.length; j++) {
        assertEquals(x[j], y[j], 1e-6 * Math.max(1, Math.abs(x[j])), direct.parameters().get(i).name() + "[" + j + "]");
      }
    }
  }

  /** ⟨∇L, v⟩ by reverse mode against the central difference along a random v over all parameters. */
  private static void checkParameterGradient(List<Parameter> parameters, Supplier<Tensor> loss, long seed) {
    parameters.forEach(Parameter::zeroGrad);
    loss.get().backward();
    SplittableRandom random = new SplittableRandom(seed);
    List<double[]> directions = new ArrayList<>();
    double reverse = 0;
    for (Parameter p : parameters) {
      double[] v = new double[p.size()];
      double[] g = p.value().grad() == null ? new double[p.size()] : p.value().grad().toArray();
      for (int i = 0; i < v.length; i++) {
        v[i] = random.nextGaussian();
        reverse += v[i] * g[i];
      }
      directions.add(v);
    }
    double[] sides = new double[2];
    for (int side = 0; side < 2; side++) {
      double by = (side == 0 ? 1 : -1) * GradCheck.EPS;
      List<double[]> saved = new ArrayList<>();
      for (int k = 0; k < parameters.size(); k++) {
        double[] w = parameters.get(k).value().toArray();
        saved.add(w.clone());
        for (int i = 0; i < w.length; i++) {
          w[i] += by * directions.get(k)[i];
        }
        parameters.get(k).value().assign(w);
      }
      sides[side] = Tensor.noGrad(() -> loss.get().item());
      for (int k = 0; k < parameters.size(); k++) {
        parameters.get(k).value().assign(saved.get(k));
      }
    }
    double central = (sides[0] - sides[1]) / (2 * GradCheck.EPS);
    assertEquals(central, reverse, 1e-6 * Math.max(1, Math.abs(central)));
  }

  @Test
  void elboAndOdeRnnGradientsMatchCentralDifferences() {
    IrregularBatch batch = twoSeries().batch();
    LatentOde model = latent(GradientMethod.DIRECT, Solvers.rk4().step(0.05));
    checkParameterGradient(model.parameters(),
        () -> Elbo.negative(model, batch, 0.3, new SplittableRandom(5)).total(), 31);
    OdeRnn odeRnn = new OdeRnn(new GruCell(4, 5, 1),
        OdeSpec.of(new Mlp(Activation.TANH, 2, 5, 8, 5)).solve(Solvers.rk4().step(0.05)), new Linear(5, 2, 3));
    checkParameterGradient(odeRnn.parameters(),
        () -> odeRnn.predict(batch.times(), batch.values(), batch.mask()).sub(batch.values()).square()
            .mul(batch.mask()).sum(), 32);
    GapGru gru = new GapGru(new GruCell(5, 5, 4), new Linear(6, 2, 5));
    checkParameterGradient(gru.parameters(),
        () -> gru.predict(batch.times(), batch.values(), batch.mask()).sub(batch.values()).square().sum(), 33);
  }

  @Test
  void odeRnnWithAZeroFieldIsTheMaskedGru() {
    IrregularBatch batch = twoSeries().batch();
    GruCell cell = new GruCell(4, 5, 1);
    Mlp field = new Mlp(Activation.TANH, 2, 5, 8, 5);
    field.parameters().forEach(p -> p.value().assign(new double[p.size()]));
    OdeRnn odeRnn = new OdeRnn(cell, OdeSpec.of(field), null);
    Tensor before = Tensor.noGrad(() -> odeRnn.run(batch.times(), batch.values(), batch.mask(), false).before());
    double[] v = batch.values().toArray();
    double[] m = batch.mask().toArray();
    int steps = batch.times().length;
    Tensor h = Tensor.zeros(2, 5);
    for (int t = 0; t < steps; t++) {
      assertArrayEquals(h.toArray(), before.slice(0, t, t + 1).toArray(), 1e-14, "h⁻ at step " + t);
      double[] in = new double[2 * 4];
      double[] any = new double[2];
      for (int k = 0; k < 2; k++) {
        for (int j = 0; j < 2; j++) {
          int at = (t * 2 + k) * 2 + j;
          in[k * 4 + j] = v[at] * m[at];
          in[k * 4 + 2 + j] = m[at];
          any[k] = Math.max(any[k], m[at]);
        }
      }
      Tensor updated = cell.step(Tensor.of(in, 2, 4), h);
      Tensor keep = Tensor.of(any, 2, 1);
      h = h.add(keep.mul(updated.sub(h)));
    }
  }

  @Test
  void heldOutValuesDoNotReachTheirOwnPredictions() {
    IrregularBatch batch = twoSeries().batch();
    double[] changed = batch.values().toArray();
    double[] m = batch.mask().toArray();
    for (int i = 0; i < changed.length; i++) {
      if (m[i] == 0) {
        changed[i] = 99;
      }
    }
    Tensor other = Tensor.of(changed, batch.values().shape());
    OdeRnn odeRnn = new OdeRnn(new GruCell(4, 5, 1), OdeSpec.of(new Mlp(Activation.TANH, 2, 5, 8, 5)), new Linear(5, 2, 3));
    GapGru gru = new GapGru(new GruCell(5, 5, 4), new Linear(6, 2, 5));
    LatentOde latent = latent(GradientMethod.DIRECT, Solvers.dopri5());
    try (var off = Tensor.noGrad()) {
      assertArrayEquals(odeRnn.predict(batch.times(), batch.values(), batch.mask()).toArray(),
          odeRnn.predict(batch.times(), other, batch.mask()).toArray(), 0);
      assertArrayEquals(gru.predict(batch.times(), batch.values(), batch.mask()).toArray(),
          gru.predict(batch.times(), other, batch.mask()).toArray(), 0);
      Tensor s = latent.sample(batch.times(), batch.values(), batch.mask(), new double[] {0.5, 2, 3}, 4,
          new SplittableRandom(1));
      assertArrayEquals(new int[] {4, 3, 2, 2}, s.shape());
      assertArrayEquals(s.toArray(), latent.sample(batch.times(), other, batch.mask(), new double[] {0.5, 2, 3}, 4,
          new SplittableRandom(1)).toArray(), 0);
    }
    assertTrue(latent.parameterCount() > 0);
  }
}
