package org.nodelab.plot;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.font.FontRenderContext;
import java.awt.font.TextLayout;
import java.awt.geom.AffineTransform;
import java.awt.geom.Rectangle2D;
import java.util.function.DoubleFunction;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapSeries;
import org.knowm.xchart.style.Styler;

/**
 * A heat map that prints each cell's value in black or white, whichever reads better on the cell's
 * colour ({@link Theme#textOn}); XChart would print every value in one colour. The cells are laid out
 * as XChart 3.8 lays them out (its plot content centred in the plot, one equal cell per x and y value).
 */
final class ValueHeatMap extends HeatMapChart {
  private final DoubleFunction<String> format;

  ValueHeatMap(int width, int height, DoubleFunction<String> format) {
    super(width, height, Styler.ChartTheme.XChart);
    this.format = format;
    getStyler().setShowValue(false);
  }

  @Override
  public void paint(Graphics2D g, int width, int height) {
    super.paint(g, width, height);
    HeatMapSeries series = getHeatMapSeries();
    if (series == null || !series.isEnabled()) {
      return;
    }
    Rectangle2D b = plot.getBounds();
    double size = getStyler().getPlotContentSize();
    double xOffset = ((int) b.getWidth() - size * b.getWidth()) / 2;
    double yOffset = ((int) b.getHeight() - size * b.getHeight()) / 2;
    int nx = series.getXData().size();
    int ny = series.getYData().size();
    double cellWidth = (b.getWidth() - 2 * xOffset) / nx;
    double cellHeight = (b.getHeight() - 2 * yOffset) / ny;
    FontRenderContext context = new FontRenderContext(null, true, false);
    for (Number[] cell : series.getHeatData()) {
      int i = cell[0].intValue();
      int j = cell[1].intValue();
      double v = cell[2].doubleValue();
      double cx = b.getX() + xOffset + (i + 0.5) * cellWidth;
      double cy = b.getY() + yOffset + (ny - 1 - j + 0.5) * cellHeight;
      TextLayout text = new TextLayout(format.apply(v), getStyler().getValueFont(), context);
      Rectangle2D t = text.getBounds();
      g.setColor(Theme.textOn(cellColor(series, v)));
      g.fill(text.getOutline(AffineTransform.getTranslateInstance(cx - t.getCenterX(), cy - t.getCenterY())));
    }
  }

  /** The colour XChart gives {@code v}: the range colours spread evenly from the series' min to its max. */
  Color cellColor(HeatMapSeries series, double v) {
    Color[] colors = getStyler().getRangeColors();
    if (colors.length == 1) {
      return colors[0];
    }
    double span = series.getMax() - series.getMin();
    double p = Math.min(Math.max(span > 0 ? (v - series.getMin()) / span : 0, 0), 1) * (colors.length - 1);
    int k = Math.min((int) p, colors.length - 2);
    double f = p - k;
    Color a = colors[k];
    Color c = colors[k + 1];
    return new Color((int) (a.getRed() + f * (c.getRed() - a.getRed())),
        (int) (a.getGreen() + f * (c.getGreen() - a.getGreen())), (int) (a.getBlue() + f * (c.getBlue() - a.getBlue())));
  }
}
