package org.nodelab.model;

import java.util.List;
import org.nodelab.nn.Parameter;
import org.nodelab.tensor.Tensor;

/**
 * Reads a batch of series backwards in time into one state per series, the summary from which a
 * {@link LatentOde} infers {@code q(z₀)}: a plain recurrent network ({@link RnnEncoder}) or an
 * ODE-RNN ({@link OdeRnn}).
 */
public interface SequenceEncoder {

  /**
   * The state after reading the series from the last time to the first.
   *
   * @param times the observation times, strictly increasing
   * @param values observations, shape {@code [times, batch, variables]}
   * @param mask 1 where observed, 0 where not, the shape of {@code values}; {@code null} when every
   *     component is observed
   * @return shape {@code [batch, hidden()]}
   */
  Tensor encode(double[] times, Tensor values, Tensor mask);

  /**
   * The width of the state.
   *
   * @return the width of the encoder's final state
   */
  int hidden();

  /**
   * The trainable parameters.
   *
   * @return the parameters, in declaration order
   */
  List<Parameter> parameters();

  /**
   * Whether {@code mask} is absent or all ones, so that every component counts as observed.
   *
   * @param mask the mask, or null
   * @return true when every component is observed
   */
  static boolean allObserved(Tensor mask) {
    if (mask == null) {
      return true;
    }
    for (double m : mask.toArray()) {
      if (m != 1) {
        return false;
      }
    }
    return true;
  }

  /**
   * A cell's input from the observations: the values alone when the cell takes {@code variables}
   * inputs, {@code [x ⊙ m, m]} when it takes twice as many.
   *
   * @param values the observations at one time {@code [batch, variables]}
   * @param mask their mask, or null
   * @param cellIn the cell's input width
   * @return the cell's input {@code [batch, cellIn]}
   */
  static Tensor cellInput(Tensor values, Tensor mask, int cellIn) {
    int d = values.dim(-1);
    if (cellIn == d) {
      return mask == null ? values : values.mul(mask);
    }
    if (cellIn == 2 * d) {
      Tensor m = mask == null ? Tensor.ones(values.shape()) : mask;
      return Tensor.concat(-1, values.mul(m), m);
    }
    throw new IllegalArgumentException("the cell takes " + cellIn + " inputs; observations of " + d
        + " variables need " + d + " (values) or " + (2 * d) + " (values and mask)");
  }

  /**
   * {@code [rows, 1]}: 1 where any component of a row of {@code mask} ({@code [rows, variables]}) is observed.
   *
   * @param mask the mask {@code [rows, variables]}
   * @return the indicator {@code [rows, 1]}
   */
  static Tensor anyObserved(Tensor mask) {
    return mask.max(-1, true);
  }
}
