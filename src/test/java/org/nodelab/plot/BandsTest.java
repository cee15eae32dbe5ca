package org.nodelab.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.nodelab.tensor.Tensor;

/** Bands against quantiles known in closed form. */
class BandsTest {
  /**
   * 20 samples at 50 points: at point i the samples are i + 1, ..., i + 20 in a shuffled order. The type-7
   * quantiles are then i + 1 + 19 p: i + 1.95 at p = 0.05, i + 19.05 at p = 0.95, i + 10.5 the median.
   */
  private static double[][] shuffled() {
    SplittableRandom random = new SplittableRandom(3);
    double[][] samples = new double[20][50];
    for (int i = 0; i < 50; i++) {
      int[] order = java.util.stream.IntStream.range(0, 20).toArray();
      for (int k = 19; k > 0; k--) {
        int j = random.nextInt(k + 1);
        int t = order[k];
        order[k] = order[j];
        order[j] = t;
      }
      for (int k = 0; k < 20; k++) {
        samples[k][i] = i + 1 + order[k];
      }
    }
    return samples;
  }

  @Test
  void quantilesInterpolateBetweenOrderStatistics() {
    double[][] samples = shuffled();
    double[] q05 = Bands.quantile(samples, 0.05);
    double[] median = Bands.quantile(samples, 0.5);
    for (int i = 0; i < 50; i++) {
      assertEquals(i + 1.95, q05[i], 1e-12);
      assertEquals(i + 10.5, median[i], 1e-12);
    }
    assertEquals(1, Bands.quantile(samples, 0)[0], 0);
    assertEquals(20, Bands.quantile(samples, 1)[0], 0);
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Bands.quantile(samples, 1.5)).getMessage()
        .contains("p = 1.5"));
  }

  @Test
  void theBandGoesAlongTheUpperQuantileAndBackAlongTheLowerOne() throws Exception {
    double[] x = new double[50];
    for (int i = 0; i < 50; i++) {
      x[i] = 0.1 * i;
    }
    XYChart chart = Theme.chart("band", "t", "x");
    XYSeries band = Bands.quantiles(chart, "90%", x, shuffled(), 0.05, 0.95, Theme.color(2));
    assertEquals(XYSeries.XYSeriesRenderStyle.PolygonArea, band.getXYSeriesRenderStyle());
    assertEquals(100, band.getXData().length);
    for (int i = 0; i < 50; i++) {
      assertEquals(x[i], band.getXData()[i], 0);
      assertEquals(i + 19.05, band.getYData()[i], 1e-12, "upper edge at " + i);
      assertEquals(x[i], band.getXData()[99 - i], 0);
      assertEquals(i + 1.95, band.getYData()[99 - i], 1e-12, "lower edge at " + i);
    }
    assertEquals(Bands.FILL_ALPHA, band.getFillColor().getAlpha());
    assertTrue(BitmapEncoder.getBitmapBytes(Theme.finish(chart), BitmapEncoder.BitmapFormat.PNG).length > 1000);
  }

  @Test
  void aTubeAroundACircleHoldsTheQuantilesOfTheRadius() {
    // Centre: the unit circle, anticlockwise, so the normal points inwards; samples on circles of radius 1 + r_k.
    int m = 64;
    double[] cx = new double[m];
    double[] cy = new double[m];
    double[][] sx = new double[20][m];
    double[][] sy = new double[20][m];
    for (int i = 0; i < m; i++) {
      double a = Math.PI * i / m;
      cx[i] = Math.cos(a);
      cy[i] = Math.sin(a);
      for (int k = 0; k < 20; k++) {
        double r = 1 + 0.01 * (k - 10);
        sx[k][i] = r * Math.cos(a);
        sy[k][i] = r * Math.sin(a);
      }
    }
    XYSeries tube = Bands.tube(Theme.chart("tube", "x", "y"), "90%", cx, cy, sx, sy, 0.05, 0.95, Color.BLUE);
    // Offsets along the inward normal are 1 - r_k: sorted, -0.09 + 0.01 j for j = 0..19. Type 7 at p = 0.05:
    // -0.09 + 0.95 * 0.01 = -0.0805 (outwards); at p = 0.95: 0.09 + 0.05 * 0.01 = 0.0905 (inwards). At the two
    // ends the one-sided tangent is π/128 off, which moves the edge by less than 1e-4 in radius and 3e-3 in angle.
    for (int i = 0; i < m; i++) {
      assertEquals(1 - 0.0905, Math.hypot(tube.getXData()[i], tube.getYData()[i]), 1e-4, "upper edge (inwards) at " + i);
      assertEquals(Math.atan2(cy[i], cx[i]), Math.atan2(tube.getYData()[i], tube.getXData()[i]), 3e-3);
      assertEquals(1 + 0.0805, Math.hypot(tube.getXData()[2 * m - 1 - i], tube.getYData()[2 * m - 1 - i]), 1e-4,
          "lower edge (outwards) at " + i);
    }
  }

  @Test
  void componentsComeOutOfTheDrawsTensor() {
    // [2 samples, 3 points, 1, 2 components]: value 100 k + 10 i + c.
    double[] v = new double[12];
    for (int k = 0; k < 2; k++) {
      for (int i = 0; i < 3; i++) {
        for (int c = 0; c < 2; c++) {
          v[(k * 3 + i) * 2 + c] = 100 * k + 10 * i + c;
        }
      }
    }
    double[][] y = Bands.component(Tensor.of(v, 2, 3, 1, 2), 1);
    assertArrayEquals(new double[] {1, 11, 21}, y[0], 0);
    assertArrayEquals(new double[] {101, 111, 121}, y[1], 0);
    assertThrows(IllegalArgumentException.class, () -> Bands.component(Tensor.of(v, 2, 3, 1, 2), 2));
  }
}
