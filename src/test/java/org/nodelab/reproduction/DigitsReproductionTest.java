package org.nodelab.reproduction;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nodelab.data.Dataset;
import org.nodelab.data.RealData;
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
 * An ODE-Net (Chen et al. 2018, section 7) on the UCI digits: linear 64 → 32, an ODE block with a
 * 32-64-32 tanh field over [0, 1], linear 32 → 10; at least 95% accuracy on a held-out 20%.
 */
class DigitsReproductionTest {

  @Test
  void odeNetClassifiesHeldOutDigits() {
    Dataset.Split split = RealData.digits().split(0.2, 0);
    NeuralOde model = OdeSpec.of(new Mlp(Activation.TANH, 1, 32, 64, 32))
        .from(new Linear(64, 32, 2)).to(new Linear(32, 10, 3))
        .solve(Solvers.rk45().rtol(1e-3).atol(1e-4)).until(1);
    History h = Trainer.of(model).data(split.train()).validation(split.test()).loss(Losses::crossEntropy)
        .optimizer(Adam.of(3e-3)).epochs(15).batchSize(64).seed(4).progress(null).run();
    System.out.printf("digits: held-out accuracy %.4f after %d steps%n", h.lastValidationAccuracy(), h.size());
    assertTrue(h.lastValidationAccuracy() >= 0.95, "accuracy " + h.lastValidationAccuracy());
  }
}
