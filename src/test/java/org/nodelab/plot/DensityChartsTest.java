package org.nodelab.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.nodelab.model.Cnf;
import org.nodelab.tensor.Tensor;

/**
 * The density panels of the zero field, whose density is the base's own, {@code N(0, I)}: the darkest
 * cells lie next to the origin, the palest far from it, and samples and the flow are the base points
 * unchanged.
 */
class DensityChartsTest {
  private static final double[] BOX = {-3, 3, -3, 3};

  @Test
  void densityOfTheZeroFieldPeaksAtTheOriginAndSamplesStayPut() {
    Cnf flow = Cnf.of((t, z) -> z.mul(0)).until(1);
    XYChart chart = DensityCharts.densityAndSamples(flow, Tensor.randn(1, 50, 2), BOX, 30, 4);
    XYSeries darkest = chart.getSeriesMap().get("density level 11");
    double cell = 6.0 / DensityCharts.GRID;
    double shift = 6 * 1.12;
    for (int i = 0; i < darkest.getXData().length; i++) {
      double r = Math.hypot(darkest.getXData()[i] - shift, darkest.getYData()[i]);
      // exp(−r²/2) ≥ 11/12 means r ≤ 0.417.
      assertTrue(r <= 0.42 + cell, "darkest cell at distance " + r);
    }
    XYSeries samples = chart.getSeriesMap().get("samples");
    Tensor base = Tensor.randn(4, 30, 2);
    int k = 0;
    for (int i = 0; i < 30; i++) {
      if (Math.abs(base.get(i, 0)) <= 3 && Math.abs(base.get(i, 1)) <= 3) {
        assertEquals(base.get(i, 0) + 2 * shift, samples.getXData()[k], 1e-12);
        assertEquals(base.get(i, 1), samples.getYData()[k++], 1e-12);
      }
    }
    XYChart path = DensityCharts.flowOfSamples(flow, 20, 5, BOX, 0, 0.5, 1);
    assertEquals(path.getSeriesMap().get("t = 0").getYData()[0], path.getSeriesMap().get("t = 1").getYData()[0], 1e-12);
    assertTrue(path.getSeriesMap().containsKey("t = 0.5"));
  }
}
