package org.nodelab.model;

import java.util.List;
import java.util.Objects;
import org.nodelab.nn.GruCell;
import org.nodelab.nn.Module;
import org.nodelab.nn.Parameter;
import org.nodelab.tensor.Tensor;

/**
 * The discrete baseline of the ODE-RNN: a GRU that steps once per time of the batch's union with
 * the time gap as an extra input, {@code h_i = GRU([x_i ⊙ m_i, m_i, Δ_i], h_{i−1})} with {@code Δ_i
 * = t_i − t_{i−1}} ({@code Δ_0 = 0}), and predicts each observation from the state before it and
 * the gap, {@code x̂_i = readout([h_{i−1}, Δ_i])} (RNN-Δt in Rubanova et al. 2019).
 */
public final class GapGru {
  private final GruCell cell;
  private final Module readout;

  /**
   * A GRU with the time gap as input.
   *
   * @param cell a GRU taking {@code 2·variables + 1} inputs
   * @param readout {@code [h, Δ] → x̂}, taking {@code hidden + 1} inputs
   */
  public GapGru(GruCell cell, Module readout) {
    this.cell = Objects.requireNonNull(cell, "cell");
    this.readout = Objects.requireNonNull(readout, "readout");
  }

  /**
   * The prediction of every observation from those before it, shape {@code [times, batch, out]}.
   *
   * @param times strictly increasing
   * @param values {@code [times, batch, variables]}
   * @param mask 1 where observed, the shape of values, or {@code null} (all observed)
   * @return the predictions {@code [times, batch, out]}
   */
  public Tensor predict(double[] times, Tensor values, Tensor mask) {
    int steps = times.length;
    int batch = values.dim(1);
    int d = values.dim(2);
    if (cell.in() != 2 * d + 1) {
      throw new IllegalArgumentException("the GRU takes " + cell.in() + " inputs; " + d + " variables need " + (2 * d + 1)
          + " (values, mask and the time gap)");
    }
    Tensor m = mask == null ? Tensor.ones(values.shape()) : mask;
    Tensor h = Tensor.zeros(batch, cell.hidden());
    Tensor[] predictions = new Tensor[steps];
    for (int t = 0; t < steps; t++) {
      Tensor gap = Tensor.full(t == 0 ? 0 : times[t] - times[t - 1], batch, 1);
      predictions[t] = readout.apply(Tensor.concat(-1, h, gap)).reshape(1, batch, -1);
      Tensor x = values.slice(0, t, t + 1).reshape(batch, d);
      Tensor mt = m.slice(0, t, t + 1).reshape(batch, d);
      h = cell.step(Tensor.concat(-1, x.mul(mt), mt, gap), h);
    }
    return Tensor.concat(0, predictions);
  }

  /**
   * The trainable parameters.
   *
   * @return the cell's and the readout's parameters
   */
  public List<Parameter> parameters() {
    return Module.collect(new String[] {"cell", "readout"}, cell, readout);
  }

  /**
   * Number of trainable scalars.
   *
   * @return the sum of the parameters' sizes
   */
  public int parameterCount() {
    return parameters().stream().mapToInt(Parameter::size).sum();
  }

  @Override
  public String toString() {
    return "GapGru(" + cell + ", readout " + readout + ")";
  }
}
