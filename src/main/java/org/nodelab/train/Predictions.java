package org.nodelab.train;

import org.nodelab.data.TimeSeries;
import org.nodelab.model.TrajectoryModel;
import org.nodelab.tensor.Tensor;

/**
 * A trajectory model fitted to a series, read back in the data's own units: predictions at any
 * times (dense output) and errors at observed or held-out points. The model's input is the first
 * observation of the series it was fitted to, at the model's start time.
 */
public final class Predictions {
  private Predictions() {}

  /**
   * The model's states at {@code times}, undoing the series' scaling.
   *
   * @param model fitted to {@code fitted}
   * @param fitted the series the model was fitted to (its first observation is the model's input)
   * @param times increasing, none before the model's start
   * @return shape {@code [times, batch, dim]}, in the raw data's units, without a gradient
   */
  public static Tensor at(TrajectoryModel model, TimeSeries fitted, double... times) {
    return Tensor.noGrad(() -> fitted.unscale(model.predict(fitted.initial(), times)));
  }

  /**
   * {@code n} equally spaced times from the series' first to its last observation time.
   *
   * @param series the series
   * @param n the number of times, at least 2
   * @return the times, first and last included
   */
  public static double[] dense(TimeSeries series, int n) {
    return Tensor.linspace(series.start(), series.end(), n).toArray();
  }

  /**
   * Root-mean-square error over all observations of {@code fitted}, in the raw data's units.
   *
   * @param model the fitted trajectory model
   * @param fitted the series it was fitted on
   * @return the RMS error, in the data's units
   */
  public static double rmse(TrajectoryModel model, TimeSeries fitted) {
    return rmse(model, fitted, fitted);
  }

  /**
   * Root-mean-square error at the observations of {@code at} (e.g. held-out points in the same units
   * as {@code fitted}), the model solved from {@code fitted}'s first observation, in raw units.
   *
   * @param model the fitted trajectory model
   * @param fitted the series it was fitted on (its times and scaling)
   * @param at the observations to compare with
   * @return the RMS error, in the data's units
   */
  public static double rmse(TrajectoryModel model, TimeSeries fitted, TimeSeries at) {
    Tensor predicted = at(model, fitted, at.times());
    Tensor observed = at.unscale(at.values());
    return Math.sqrt(Tensor.noGrad(() -> predicted.sub(observed).square().mean()).item());
  }

  /**
   * Observed minus predicted at every observation of {@code at}, raw units, shape {@code [times, batch, dim]}.
   *
   * @param model the fitted trajectory model
   * @param fitted the series it was fitted on (its times and scaling)
   * @param at the observations to compare with
   * @return the residuals {@code [times, batch, dim]}, raw units
   */
  public static Tensor residuals(TrajectoryModel model, TimeSeries fitted, TimeSeries at) {
    Tensor predicted = at(model, fitted, at.times());
    return Tensor.noGrad(() -> at.unscale(at.values()).sub(predicted));
  }
}
