package org.nodelab.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nodelab.data.Batch;
import org.nodelab.data.BatchSource;
import org.nodelab.data.TimeSeries;
import org.nodelab.model.OdeSpec;
import org.nodelab.model.TrajectoryModel;
import org.nodelab.nn.DiscoveredParameters;
import org.nodelab.nn.EvaluationCounts;
import org.nodelab.nn.Module;
import org.nodelab.nn.Parameter;
import org.nodelab.tensor.Tensor;

/**
 * What {@link Trainer#fit} trains: a trajectory model against a series under a {@link Fitting},
 * as a module whose parameters are the model's plus, for multiple shooting, the segments' starts;
 * it supplies the trainer's batches and objective and counts the evaluations of all its solves.
 */
final class SeriesFit implements Module, EvaluationCounts, DiscoveredParameters {
  private final TrajectoryModel model;
  private final TimeSeries series;
  private final Fitting fitting;
  private final Loss loss;
  private final List<TrajectoryModel> solves = new ArrayList<>();
  private final int[] bounds;
  private final List<Parameter> starts = new ArrayList<>();

  SeriesFit(TrajectoryModel model, TimeSeries series, Fitting fitting, Loss loss) {
    this.model = model;
    this.series = series;
    this.fitting = fitting;
    this.loss = loss;
    double[] times = series.times();
    OdeSpec spec = model.spec();
    if (fitting instanceof Fitting.Whole) {
      bounds = new int[0];
      solves.add(Arrays.equals(model.times(), times) ? model : spec.at(times));
    } else if (fitting instanceof Fitting.Windows w) {
      bounds = new int[0];
      if (!series.equallySpaced()) {
        throw new IllegalArgumentException("windows(" + w.length() + ", " + w.count() + ") solves every window on the "
            + "first window's times (as ode_demo) and needs equally spaced observations; use shooting(n) instead");
      }
      solves.add(spec.from(Module.identity()).at(Arrays.copyOf(times, w.length())));
    } else {
      Fitting.Shooting s = (Fitting.Shooting) fitting;
      if (s.segments() > series.size() - 1) {
        throw new IllegalArgumentException(s.segments() + " segments need at least " + (s.segments() + 1)
            + " observations (two per segment, boundaries shared), the series has " + series.size());
      }
      bounds = new int[s.segments() + 1];
      for (int k = 0; k <= s.segments(); k++) {
        bounds[k] = (int) Math.round(k * (series.size() - 1) / (double) s.segments());
      }
      OdeSpec segment = spec.from(Module.identity()).to(Module.identity()).augment(0);
      for (int k = 0; k < s.segments(); k++) {
        solves.add(segment.at(Arrays.copyOfRange(times, bounds[k], bounds[k + 1] + 1)));
        if (k > 0) {
          starts.add(new Parameter("segment" + k + ".start", observedState(bounds[k])));
        }
      }
    }
  }

  /** The observation at {@code index} as a state {@code [batch, dim + augment]} (zeros appended). */
  private Tensor observedState(int index) {
    Tensor observed = series.values().slice(0, index, index + 1).reshape(series.batch(), series.dim());
    int augment = model.spec().augment();
    Tensor state = augment == 0 ? observed : Tensor.concat(-1, observed, Tensor.zeros(series.batch(), augment));
    int expected = start().dim(-1);
    if (state.dim(-1) != expected) {
      throw new IllegalArgumentException("multiple shooting starts each segment at its observation, so the state must "
          + "be observed: the model's state has " + expected + " components, an observation " + series.dim()
          + (augment > 0 ? " (+" + augment + " augmented)" : ""));
    }
    return Tensor.of(state.toArray(), state.shape());
  }

  /** The model's own start {@code fIn(first observation)}, augmented. */
  private Tensor start() {
    Tensor h0 = model.spec().in().apply(series.initial());
    int augment = model.spec().augment();
    if (augment == 0) {
      return h0;
    }
    int[] shape = h0.shape();
    shape[shape.length - 1] = augment;
    return Tensor.concat(-1, h0, Tensor.zeros(shape));
  }

  /** The batches: windows drawn at random, or the whole series every step. */
  BatchSource source() {
    if (fitting instanceof Fitting.Windows w) {
      return series.windows(w.length(), w.count());
    }
    Batch whole = new Batch(series.initial(), series.values());
    return random -> whole;
  }

  /** The objective of a step on {@code batch}. */
  Objective objective() {
    return (ignored, batch) -> evaluate(batch);
  }

  private Objective.Value evaluate(Batch batch) {
    if (!(fitting instanceof Fitting.Shooting s)) {
      return Objective.Value.of(loss.apply(solves.get(0).apply(batch.x()), batch.y()));
    }
    List<Tensor> predicted = new ArrayList<>();
    List<Tensor> observed = new ArrayList<>();
    Tensor continuity = Tensor.scalar(0);
    Tensor previousEnd = null;
    for (int k = 0; k < solves.size(); k++) {
      Tensor from = k == 0 ? start() : starts.get(k - 1).value();
      Tensor states = solves.get(k).apply(from);
      if (previousEnd != null) {
        continuity = continuity.add(previousEnd.sub(from).square().mean().div(solves.size() - 1));
      }
      previousEnd = states.slice(0, states.dim(0) - 1, states.dim(0));
      previousEnd = previousEnd.reshape(Arrays.copyOfRange(previousEnd.shape(), 1, previousEnd.rank()));
      predicted.add(model.spec().out().apply(states));
      observed.add(series.values().slice(0, bounds[k], bounds[k + 1] + 1));
    }
    Tensor data = loss.apply(Tensor.concat(0, predicted.toArray(new Tensor[0])),
        Tensor.concat(0, observed.toArray(new Tensor[0])));
    return Objective.Value.of(data.add(continuity.mul(s.continuity()))).with("data", data)
        .with("continuity", continuity);
  }

  /** The model over the whole series from its start (used once to find a lambda field's parameters). */
  @Override
  public Tensor apply(Tensor x) {
    return model.apply(series.initial());
  }

  @Override
  public List<Parameter> parameters() {
    List<Parameter> all = new ArrayList<>(model.parameters());
    all.addAll(starts);
    return all;
  }

  /** The learnable starts of segments 1, 2, ... (empty unless multiple shooting). */
  List<Parameter> segmentStarts() {
    return List.copyOf(starts);
  }

  @Override
  public boolean parametersKnown() {
    return model.parametersKnown();
  }

  @Override
  public void findParameters(Tensor x) {
    model.findParameters(x);
  }

  @Override
  public long forwardEvaluations() {
    return solves.stream().mapToLong(m -> m.stats().evaluations()).sum();
  }

  @Override
  public long backwardEvaluations() {
    return solves.stream().mapToLong(m -> m.backwardStats().evaluations()).sum();
  }

  @Override
  public String toString() {
    return model + " fitted to " + series + " by " + fitting;
  }
}
