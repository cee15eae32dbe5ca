package org.nodelab.plot;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import org.knowm.xchart.AnnotationImage;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.nodelab.tensor.Tensor;

/**
 * A grid of grey-level images {@code [N, 1, H, W]} (0 white to 1 black, as digits are drawn), each
 * captioned with its predicted and true label; a wrong prediction is captioned in red.
 */
public final class ImageGrid {
  private static final int SCALE = 3;
  private static final int CAPTION = 16;
  private static final int GAP = 8;

  private ImageGrid() {}

  /**
   * The first {@code count} images in rows of {@code columns}, captioned "predicted (true)" when
   * {@code predicted} is not null, else with the true label only.
   *
   * @param images the images {@code [N, 1, H, W]}
   * @param predicted the predicted labels {@code [N]}, or null
   * @param truth the true labels {@code [N]}
   * @param count how many images to show
   * @param columns how many images per row
   * @return a chart of the images in a grid
   */
  public static XYChart digits(Tensor images, Tensor predicted, Tensor truth, int count, int columns) {
    if (images.rank() != 4 || images.dim(1) != 1) {
      throw new IllegalArgumentException("expected grey-level images [N, 1, H, W], got "
          + java.util.Arrays.toString(images.shape()));
    }
    if (count < 1 || columns < 1) {
      throw new IllegalArgumentException("count and columns must be positive, got " + count + " and " + columns);
    }
    int n = Math.min(count, images.dim(0));
    int h = images.dim(2);
    int w = images.dim(3);
    int rows = (n + columns - 1) / columns;
    int cellW = w * SCALE + GAP;
    int cellH = h * SCALE + CAPTION + GAP;
    BufferedImage grid = new BufferedImage(columns * cellW, rows * cellH, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = grid.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, grid.getWidth(), grid.getHeight());
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    double[] px = images.toArray();
    for (int s = 0; s < n; s++) {
      int x0 = (s % columns) * cellW + GAP / 2;
      int y0 = (s / columns) * cellH + CAPTION;
      for (int i = 0; i < h; i++) {
        for (int j = 0; j < w; j++) {
          double v = Math.max(0, Math.min(1, px[(s * h + i) * w + j]));
          int grey = (int) Math.round(255 * (1 - v));
          g.setColor(new Color(grey, grey, grey));
          g.fillRect(x0 + j * SCALE, y0 + i * SCALE, SCALE, SCALE);
        }
      }
      int label = (int) truth.get(s);
      String caption = String.valueOf(label);
      g.setColor(Color.BLACK);
      if (predicted != null) {
        int guess = (int) predicted.get(s);
        caption = guess + " (" + label + ")";
        g.setColor(guess == label ? Color.BLACK : new Color(214, 39, 40));
      }
      g.drawString(caption, x0, y0 - 4);
    }
    g.dispose();
    XYChart chart = new XYChartBuilder().width(grid.getWidth() + 40).height(grid.getHeight() + 70)
        .title(predicted == null ? "digits (label)" : "digits: predicted (true)").build();
    var styler = chart.getStyler();
    styler.setLegendVisible(false);
    styler.setAxisTicksVisible(false);
    styler.setPlotGridLinesVisible(false);
    styler.setPlotBorderVisible(false);
    styler.setChartBackgroundColor(Color.WHITE);
    styler.setPlotBackgroundColor(Color.WHITE);
    styler.setXAxisMin(0.0).setXAxisMax(1.0).setYAxisMin(0.0).setYAxisMax(1.0);
    XYSeries anchor = chart.addSeries("frame", new double[] {0, 1}, new double[] {0, 1});
    anchor.setMarker(SeriesMarkers.NONE);
    anchor.setLineColor(new Color(0, 0, 0, 0));
    chart.addAnnotation(new AnnotationImage(grid, 0.5, 0.5, false));
    return chart;
  }
}
