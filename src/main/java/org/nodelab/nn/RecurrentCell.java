package org.nodelab.nn;

import java.util.List;
import org.nodelab.tensor.Tensor;

/**
 * A recurrent cell {@code h' = cell(x, h)}: one step with {@link #step}, or a whole sequence of
 * inputs {@code [steps, batch, in]} forwards or backwards in time with {@link #sequence}. As a
 * {@link Module} it maps a sequence to its last state, starting from zeros.
 */
public interface RecurrentCell extends Module {

  /**
   * Input features.
   *
   * @return the width of an input row
   */
  int in();

  /**
   * Hidden (state) features.
   *
   * @return the width of the state
   */
  int hidden();

  /**
   * One step.
   *
   * @param x input, shape {@code [batch, in]}
   * @param h state, shape {@code [batch, hidden]}
   * @return the next state, shape {@code [batch, hidden]}
   */
  Tensor step(Tensor x, Tensor h);

  /**
   * Every state over a sequence: forwards {@code h_t = cell(x_t, h_{t−1})} from {@code h_{−1} = h0},
   * or with {@code backwards} {@code h_t = cell(x_t, h_{t+1})} from the last step down to the first.
   *
   * @param xs inputs, shape {@code [steps, batch, in]}
   * @param h0 the state before the first consumed input, shape {@code [batch, hidden]}
   * @param backwards whether to run from the last step to the first
   * @return the states, shape {@code [steps, batch, hidden]}, indexed as the inputs
   */
  default Tensor sequence(Tensor xs, Tensor h0, boolean backwards) {
    int steps = checkSequence(xs, h0);
    int[] one = {1, xs.dim(1), hidden()};
    Tensor[] states = new Tensor[steps];
    Tensor h = h0;
    for (int k = 0; k < steps; k++) {
      int t = backwards ? steps - 1 - k : k;
      h = step(xs.slice(0, t, t + 1).reshape(xs.dim(1), in()), h);
      states[t] = h.reshape(one);
    }
    return Tensor.concat(0, states);
  }

  /**
   * The state after the whole sequence: the last step's forwards, the first step's backwards.
   *
   * @param xs inputs, shape {@code [steps, batch, in]}
   * @param h0 the initial state, shape {@code [batch, hidden]}
   * @param backwards whether to run from the last step to the first
   * @return shape {@code [batch, hidden]}
   */
  default Tensor last(Tensor xs, Tensor h0, boolean backwards) {
    Tensor all = sequence(xs, h0, backwards);
    int t = backwards ? 0 : all.dim(0) - 1;
    return all.slice(0, t, t + 1).reshape(all.dim(1), all.dim(2));
  }

  /** The state after the sequence {@code x} ({@code [steps, batch, in]}) run forwards from zeros. */
  @Override
  default Tensor apply(Tensor x) {
    return last(x, Tensor.zeros(checkRank3(x).dim(1), hidden()), false);
  }

  /**
   * The checked number of steps of {@code xs} against {@code h0}.
   *
   * @param xs the inputs {@code [steps, batch, in]}
   * @param h0 the initial state {@code [batch, hidden]}
   * @return the number of steps
   */
  default int checkSequence(Tensor xs, Tensor h0) {
    checkRank3(xs);
    if (xs.dim(0) < 1 || xs.dim(2) != in() || h0.rank() != 2 || h0.dim(0) != xs.dim(1) || h0.dim(1) != hidden()) {
      throw new IllegalArgumentException("a sequence of " + this + " needs inputs [steps >= 1, batch, " + in()
          + "] and h0 [batch, " + hidden() + "], got inputs " + java.util.Arrays.toString(xs.shape()) + " and h0 "
          + java.util.Arrays.toString(h0.shape()));
    }
    return xs.dim(0);
  }

  private Tensor checkRank3(Tensor xs) {
    if (xs.rank() != 3) {
      throw new IllegalArgumentException(
          "a sequence needs shape [steps, batch, in], got " + java.util.Arrays.toString(xs.shape()));
    }
    return xs;
  }

  /** The parameters in PyTorch's order: weight_ih, weight_hh, bias_ih, bias_hh (those present). */
  @Override
  List<Parameter> parameters();
}
