package org.nodelab.train;

import java.util.Arrays;
import org.nodelab.tensor.Tensor;

/** Loss functions with PyTorch's definitions and mean reduction; each returns a scalar tensor. */
public final class Losses {
  private Losses() {}

  /**
   * Mean squared error {@code mean((ŷ − y)²)} ({@code nn.MSELoss}).
   *
   * @param prediction the model's output ŷ
   * @param target y, of the same shape
   * @return the mean, a scalar
   */
  public static Tensor mse(Tensor prediction, Tensor target) {
    checkSameShape("mse", prediction, target);
    return prediction.sub(target).square().mean();
  }

  /**
   * Mean absolute error {@code mean(|ŷ − y|)} ({@code nn.L1Loss}).
   *
   * @param prediction the model's output ŷ
   * @param target y, of the same shape
   * @return the mean, a scalar
   */
  public static Tensor l1(Tensor prediction, Tensor target) {
    checkSameShape("l1", prediction, target);
    return prediction.sub(target).abs().mean();
  }

  /**
   * Huber loss with β = 1, {@code mean(½d² where |d| < 1, else |d| − ½)} for {@code d = ŷ − y}
   * ({@code nn.SmoothL1Loss}, the ANODE experiments' regression loss).
   *
   * @param prediction the model's output ŷ
   * @param target y, of the same shape
   * @return the mean, a scalar
   */
  public static Tensor smoothL1(Tensor prediction, Tensor target) {
    checkSameShape("smoothL1", prediction, target);
    Tensor a = prediction.sub(target).abs();
    Tensor over = a.sub(1).relu();
    Tensor inside = a.sub(over);
    return inside.square().mul(0.5).add(over).mean();
  }

  /**
   * Cross-entropy of logits against class indices, {@code −mean_i log softmax(z_i)[y_i]} ({@code
   * nn.CrossEntropyLoss}).
   *
   * @param logits shape {@code [batch, classes]}
   * @param labels shape {@code [batch]}, integral class indices in {@code [0, classes)}
   * @return the mean, a scalar
   */
  public static Tensor crossEntropy(Tensor logits, Tensor labels) {
    if (logits.rank() != 2 || labels.rank() != 1 || labels.dim(0) != logits.dim(0)) {
      throw new IllegalArgumentException(
          "crossEntropy expects logits [batch, classes] and labels [batch], got "
              + Arrays.toString(logits.shape()) + " and " + Arrays.toString(labels.shape()));
    }
    int batch = logits.dim(0);
    int classes = logits.dim(1);
    double[] oneHot = new double[batch * classes];
    double[] y = labels.toArray();
    for (int i = 0; i < batch; i++) {
      int c = (int) y[i];
      if (c != y[i] || c < 0 || c >= classes) {
        throw new IllegalArgumentException(
            "label " + y[i] + " at row " + i + " is not a class index in [0, " + classes + ")");
      }
      oneHot[i * classes + c] = -1.0 / batch;
    }
    return logits.logSoftmax(1).mul(Tensor.of(oneHot, batch, classes)).sum();
  }

  /**
   * Fraction of rows whose largest logit is at the label's index.
   *
   * @param logits the logits {@code [batch, classes]}
   * @param labels the class indices {@code [batch]}
   * @return the fraction in [0, 1]
   */
  public static double accuracy(Tensor logits, Tensor labels) {
    double[] predicted = logits.argmax(1).toArray();
    double[] y = labels.toArray();
    int correct = 0;
    for (int i = 0; i < y.length; i++) {
      if (predicted[i] == y[i]) {
        correct++;
      }
    }
    return (double) correct / y.length;
  }

  private static void checkSameShape(String loss, Tensor a, Tensor b) {
    if (!Arrays.equals(a.shape(), b.shape())) {
      throw new IllegalArgumentException(
          loss + " needs prediction and target of the same shape, got "
              + Arrays.toString(a.shape()) + " and " + Arrays.toString(b.shape()));
    }
  }
}
