package org.nodelab.model;

import java.util.List;
import org.nodelab.nn.Parameter;
import org.nodelab.nn.RecurrentCell;
import org.nodelab.tensor.Tensor;

/**
 * A recurrent cell run backwards in time over the observations, from a zero state, ignoring the
 * time gaps: torchdiffeq's latent-ODE recognition network. At a time where a series has no
 * observed component its state is carried over unchanged; fully observed batches run as one fused
 * sequence.
 */
public final class RnnEncoder implements SequenceEncoder {
  private final RecurrentCell cell;

  /**
   * An encoder from {@code cell}, whose input is the values or {@code [values ⊙ mask, mask]}.
   *
   * @param cell the recurrent cell run over the observations
   */
  public RnnEncoder(RecurrentCell cell) {
    this.cell = java.util.Objects.requireNonNull(cell, "cell");
  }

  /**
   * The cell.
   *
   * @return the cell run over the observations
   */
  public RecurrentCell cell() {
    return cell;
  }

  @Override
  public Tensor encode(double[] times, Tensor values, Tensor mask) {
    int steps = values.dim(0);
    int batch = values.dim(1);
    Tensor h0 = Tensor.zeros(batch, cell.hidden());
    if (SequenceEncoder.allObserved(mask)) {
      return cell.last(SequenceEncoder.cellInput(values, null, cell.in()), h0, true);
    }
    Tensor input = SequenceEncoder.cellInput(values, mask, cell.in());
    Tensor h = h0;
    int d = values.dim(2);
    for (int t = steps - 1; t >= 0; t--) {
      Tensor x = input.slice(0, t, t + 1).reshape(batch, cell.in());
      Tensor any = SequenceEncoder.anyObserved(mask.slice(0, t, t + 1).reshape(batch, d));
      h = h.add(any.mul(cell.step(x, h).sub(h)));
    }
    return h;
  }

  @Override
  public int hidden() {
    return cell.hidden();
  }

  @Override
  public List<Parameter> parameters() {
    return cell.parameters();
  }

  @Override
  public String toString() {
    return "RnnEncoder(" + cell + ", backwards)";
  }
}
