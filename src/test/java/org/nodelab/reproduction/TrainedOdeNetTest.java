package org.nodelab.reproduction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nodelab.data.Dataset;
import org.nodelab.data.Mnist;
import org.nodelab.model.ImageModels;
import org.nodelab.model.NeuralOde;
import org.nodelab.tensor.Tensor;

/**
 * The shipped trained 64-channel ODE-Net ({@code datasets/odenet-mnist-64.params}, written by
 * {@code ./nodelab bench mnist --save}, the command in the README) classifies the 2,000 held-out
 * digits it never saw at least {@link #MIN_ACCURACY} right, the paper's figure (measured: 98.65%
 * after 1,320 iterations of SGD, 21 epochs, in the three runs the README gives): one forward pass of
 * the paper's architecture, dopri5 at tolerance 1e-3, in batches of 500; the evaluation is
 * deterministic.
 */
class TrainedOdeNetTest {
  private static final double MIN_ACCURACY = 0.985;

  @Test
  void shippedOdeNetClassifiesHeldOutDigits() {
    NeuralOde model = ImageModels.trainedOdeNet();
    assertEquals(208_266, model.parameterCount());
    Dataset test = Mnist.load().test();
    int right = 0;
    try (var off = Tensor.noGrad()) {
      for (int from = 0; from < test.size(); from += 500) {
        int to = Math.min(test.size(), from + 500);
        double[] predicted = model.apply(test.x().slice(0, from, to)).argmax(1).toArray();
        double[] labels = test.y().slice(0, from, to).toArray();
        for (int i = 0; i < predicted.length; i++) {
          right += predicted[i] == labels[i] ? 1 : 0;
        }
      }
    }
    double accuracy = (double) right / test.size();
    System.out.printf("shipped ODE-Net: held-out accuracy %.4f%n", accuracy);
    assertTrue(accuracy >= MIN_ACCURACY, "held-out accuracy " + accuracy);
  }
}
