package org.nodelab.reproduction;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nodelab.data.Dataset;
import org.nodelab.data.Synthetic;
import org.nodelab.model.NeuralOde;
import org.nodelab.model.OdeSpec;
import org.nodelab.nn.Linear;
import org.nodelab.nn.Mlp;
import org.nodelab.ode.Solvers;
import org.nodelab.tensor.Activation;
import org.nodelab.train.Adam;
import org.nodelab.train.History;
import org.nodelab.train.Losses;
import org.nodelab.train.Trainer;

/**
 * Dupont, Doucet &amp; Teh 2019 (ANODE), concentric circles: a neural ODE must bend the plane to
 * separate them, an augmented one can lift them apart. Both reach 99% test accuracy; the augmented
 * model needs fewer forward evaluations per iteration.
 */
class CirclesReproductionTest {

  private static double[] train(int augment) {
    Dataset train = Synthetic.circles(500, 1);
    Dataset test = Synthetic.circles(1500, 2);
    int dim = 2 + augment;
    Mlp field = new Mlp(Activation.TANH, 3, dim, 32, dim);
    NeuralOde model = OdeSpec.of(field).augment(augment).to(new Linear(dim, 2, 4))
        .solve(Solvers.rk45().rtol(1e-3).atol(1e-3)).until(1);
    History h = Trainer.of(model).data(train).validation(test).loss(Losses::crossEntropy).optimizer(Adam.of(1e-2))
        .epochs(150).batchSize(64).seed(5).progress(null).run();
    // Evaluations late in training, when the plain ODE's flow has to squeeze the annulus past the disc.
    var column = h.table().longColumn("nfe_forward");
    int from = column.size() * 4 / 5;
    double nfe = column.asDoubleColumn().inRange(from, column.size()).mean();
    System.out.printf("circles augment %d: accuracy %.4f, forward evaluations %.1f%n", augment,
        h.lastValidationAccuracy(), nfe);
    return new double[] {h.lastValidationAccuracy(), nfe};
  }

  @Test
  void plainAndAugmentedNeuralOdesSeparateConcentricCircles() {
    double[] node = train(0);
    double[] anode = train(1);
    assertTrue(node[0] >= 0.99, "NODE accuracy " + node[0]);
    assertTrue(anode[0] >= 0.99, "ANODE accuracy " + anode[0]);
    assertTrue(anode[1] < node[1], "ANODE evaluations " + anode[1] + " vs NODE " + node[1]);
  }
}
