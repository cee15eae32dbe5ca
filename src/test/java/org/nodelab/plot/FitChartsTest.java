package org.nodelab.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.nodelab.data.TimeSeries;
import org.nodelab.model.InitialState;
import org.nodelab.model.OdeSpec;
import org.nodelab.model.TrajectoryModel;
import org.nodelab.ode.Solvers;
import org.nodelab.tensor.Tensor;

/** The fitted-model charts: dense curves over the data's own years and units, residuals. */
class FitChartsTest {

  /** Observations 10·e^{−(t − 1900)/2} at 1900, 1902, ..., 1910, in tens; the model is y' = −y/2 from y0 = 1.1. */
  private static TimeSeries decay() {
    double[] t = new double[6];
    double[][] v = new double[6][1];
    for (int i = 0; i < 6; i++) {
      t[i] = 1900 + 2 * i;
      v[i][0] = 10 * Math.exp(-i);
    }
    return TimeSeries.of(t, v, "stock").withTimeName("year").scaled(10);
  }

  private static TrajectoryModel model(TimeSeries data) {
    return OdeSpec.of((t, h) -> h.mul(-0.5)).from(new InitialState(Tensor.of(1.1)))
        .solve(Solvers.dopri5().rtol(1e-10).atol(1e-12)).at(data.times());
  }

  @Test
  void theFitIsDrawnDenselyOverTheYearsInTheDataUnits() {
    TimeSeries data = decay();
    XYChart chart = Charts.fit(model(data), data);
    XYSeries curve = chart.getSeriesMap().get("model stock");
    assertEquals(Charts.DENSE, curve.getXData().length);
    assertEquals(1900, curve.getXData()[0], 0);
    assertEquals(1910, curve.getXData()[Charts.DENSE - 1], 1e-9);
    for (int i = 0; i < Charts.DENSE; i += 37) {
      double t = curve.getXData()[i];
      assertEquals(11 * Math.exp(-(t - 1900) / 2), curve.getYData()[i], 1e-7);
    }
    XYSeries points = chart.getSeriesMap().get("data stock");
    assertArrayEquals(new double[] {10, 10 * Math.exp(-1), 10 * Math.exp(-2)},
        java.util.Arrays.copyOf(points.getYData(), 3), 1e-12);
    assertEquals(Theme.color(0), curve.getLineColor());
    assertEquals("year", chart.getXAxisTitle());
  }

  @Test
  void residualsAreObservedMinusModelAtEachObservation() {
    TimeSeries data = decay();
    XYChart chart = Charts.residuals(model(data), data, data);
    XYSeries r = chart.getSeriesMap().get("stock");
    for (int i = 0; i < 6; i++) {
      assertEquals(10 * Math.exp(-i) - 11 * Math.exp(-i), r.getYData()[i], 1e-7);
    }
  }

  @Test
  void heldOutPointsAreDrawnAndTheCurveReachesThem() {
    TimeSeries.Split split = decay().holdOut(3);
    XYChart chart = Charts.fit(model(split.train()), split.train(), split.test());
    assertTrue(chart.getSeriesMap().containsKey("held-out stock"));
    XYSeries curve = chart.getSeriesMap().get("model stock");
    assertEquals(1910, curve.getXData()[Charts.DENSE - 1], 1e-9);
  }
}
