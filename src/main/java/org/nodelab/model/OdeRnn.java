package org.nodelab.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.nodelab.nn.Module;
import org.nodelab.nn.Parameter;
import org.nodelab.nn.RecurrentCell;
import org.nodelab.ode.Ode;
import org.nodelab.ode.Stats;
import org.nodelab.ode.TensorSolution;
import org.nodelab.tensor.Tensor;

/**
 * The ODE-RNN (Rubanova, Chen &amp; Duvenaud 2019, "Latent ODEs for irregularly-sampled time
 * series", algorithm 1): between observations the state follows {@code dh/dt = f(h)}; at an
 * observation time a recurrent cell (a GRU) updates it, {@code h_i = h_i⁻ + a_i ⊙ (cell(x_i, h_i⁻)
 * − h_i⁻)}, where {@code a_i} is 1 for series with an observed component at {@code t_i} and 0 for
 * the others. As a model it predicts each observation from those before it, {@code x̂_i =
 * readout(h_i⁻)}; as a {@link SequenceEncoder} it reads the series backwards in time. A batch is
 * solved on the union of its times, one solve per interval for the whole batch, with the spec's
 * solver and gradients (direct or adjoint).
 */
public final class OdeRnn implements SequenceEncoder {
  private final RecurrentCell cell;
  private final OdeSpec between;
  private final Module readout;
  private volatile Stats lastStats = new Stats(0, 0, 0);

  /**
   * An ODE-RNN.
   *
   * @param cell the update at observations; its input is the values or {@code [values ⊙ mask, mask]}
   * @param between the dynamics between observations, a module field over {@code cell.hidden()}
   *     dimensions with its solver and gradients, e.g. {@code ode(mlp(20, 20, 20)).solve(rk45)}
   * @param readout the prediction {@code h → x̂}, or {@code null} for an encoder only
   */
  public OdeRnn(RecurrentCell cell, OdeSpec between, Module readout) {
    this.cell = Objects.requireNonNull(cell, "cell");
    this.between = LatentOde.checkModuleField(between, "the ODE-RNN's dynamics");
    this.readout = readout;
  }

  /**
   * The states before and after the updates.
   *
   * @param before {@code h_i⁻} at every time, shape {@code [times, batch, hidden]}
   * @param last the state after the last update
   */
  public record Pass(Tensor before, Tensor last) {}

  /**
   * Runs over the series, forwards from a zero state at the first time or backwards from one at the
   * last time.
   *
   * @param times strictly increasing
   * @param values {@code [times, batch, variables]}
   * @param mask 1 where observed, the shape of values, or {@code null} (all observed)
   * @param backwards whether to read from the last time to the first
   * @return the states before each update and the final state
   */
  public Pass run(double[] times, Tensor values, Tensor mask, boolean backwards) {
    int steps = times.length;
    if (values.rank() != 3 || values.dim(0) != steps) {
      throw new IllegalArgumentException("an ODE-RNN needs values [" + steps + " times, batch, variables], got "
          + java.util.Arrays.toString(values.shape()));
    }
    int batch = values.dim(1);
    int d = values.dim(2);
    boolean full = SequenceEncoder.allObserved(mask);
    Tensor input = SequenceEncoder.cellInput(values, full ? null : mask, cell.in());
    List<Tensor> parameters = new ArrayList<>();
    between.fieldModule().parameters().forEach(p -> parameters.add(p.value()));
    Tensor h = Tensor.zeros(batch, cell.hidden());
    Tensor[] before = new Tensor[steps];
    long evaluations = 0;
    long accepted = 0;
    long rejected = 0;
    int[] one = {1, batch, cell.hidden()};
    for (int k = 0; k < steps; k++) {
      int t = backwards ? steps - 1 - k : k;
      if (k > 0) {
        double from = times[backwards ? t + 1 : t - 1];
        TensorSolution s = Ode.solve(between.f(), h, new double[] {from, times[t]}, between.solver(),
            between.gradients(), parameters);
        h = s.last();
        evaluations += s.stats().evaluations();
        accepted += s.stats().acceptedSteps();
        rejected += s.stats().rejectedSteps();
      }
      before[t] = h.reshape(one);
      Tensor updated = cell.step(input.slice(0, t, t + 1).reshape(batch, cell.in()), h);
      if (full) {
        h = updated;
      } else {
        Tensor any = SequenceEncoder.anyObserved(mask.slice(0, t, t + 1).reshape(batch, d));
        h = h.add(any.mul(updated.sub(h)));
      }
    }
    lastStats = new Stats(evaluations, accepted, rejected);
    return new Pass(Tensor.concat(0, before), h);
  }

  /**
   * The prediction of every observation from the observations strictly before it: {@code
   * readout(h_i⁻)}, shape {@code [times, batch, out]}. Held-out (masked) points are predicted
   * without being seen.
   *
   * @param times the observation times, strictly increasing
   * @param values the observations {@code [times, batch, variables]}
   * @param mask 1 where observed, the shape of values, or {@code null} (all observed)
   * @return the predictions {@code [times, batch, out]}
   */
  public Tensor predict(double[] times, Tensor values, Tensor mask) {
    if (readout == null) {
      throw new IllegalStateException("this ODE-RNN was built as an encoder, without a readout");
    }
    return readout.apply(run(times, values, mask, false).before());
  }

  @Override
  public Tensor encode(double[] times, Tensor values, Tensor mask) {
    return run(times, values, mask, true).last();
  }

  @Override
  public int hidden() {
    return cell.hidden();
  }

  /**
   * Cost of the last run's solves, summed.
   *
   * @return steps, rejections and evaluations of the last run
   */
  public Stats stats() {
    return lastStats;
  }

  @Override
  public List<Parameter> parameters() {
    List<Module> parts = new ArrayList<>(List.of(cell, between.fieldModule()));
    List<String> names = new ArrayList<>(List.of("cell", "f"));
    if (readout != null) {
      parts.add(readout);
      names.add("readout");
    }
    return Module.collect(names.toArray(new String[0]), parts.toArray(new Module[0]));
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
    return "OdeRnn(" + cell + ", " + between.fieldModule() + ", " + between.solver() + ", " + between.gradients() + ")";
  }
}
