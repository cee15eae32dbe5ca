package org.nodelab.plot;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import javax.imageio.ImageIO;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.nodelab.io.AtomicFile;

/** PNG and SVG of charts, as bytes or files written atomically (temporary file, then move). */
public final class Export {
  private Export() {}

  /**
   * The chart as PNG bytes at the {@link Theme#scale() default scale}.
   *
   * @param chart the chart
   * @return the PNG file's bytes
   */
  public static byte[] png(Chart<?, ?> chart) {
    return png(chart, Theme.scale());
  }

  /**
   * The chart as PNG bytes with {@code scale} device pixels per chart pixel (2 for high-DPI screens
   * and print): same layout, sharper text and lines.
   *
   * @param chart the chart
   * @param scale device pixels per chart pixel, positive
   * @return the PNG file's bytes
   */
  public static byte[] png(Chart<?, ?> chart, double scale) {
    if (!(scale > 0 && scale <= 8)) {
      throw new IllegalArgumentException("expected 0 < scale <= 8, got " + scale);
    }
    int w = (int) Math.round(chart.getWidth() * scale);
    int h = (int) Math.round(chart.getHeight() * scale);
    BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.scale(scale, scale);
      chart.paint(g, chart.getWidth(), chart.getHeight());
    } finally {
      g.dispose();
    }
    try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      ImageIO.write(image, "png", out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot render the chart as PNG", e);
    }
  }

  /**
   * The chart as base64-encoded PNG (for notebooks and HTML).
   *
   * @param chart the chart
   * @return the base64 text of the PNG
   */
  public static String pngBase64(Chart<?, ?> chart) {
    return Base64.getEncoder().encodeToString(png(chart));
  }

  /**
   * The chart as SVG text, without the XML declaration (which breaks HTML embedding).
   *
   * @param chart the chart
   * @return the SVG document
   */
  public static String svg(Chart<?, ?> chart) {
    try {
      Path tmp = Files.createTempFile("nodelab-chart", ".svg");
      try {
        VectorGraphicsEncoder.saveVectorGraphic(chart, tmp.toString(), VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        String text = Files.readString(tmp, StandardCharsets.UTF_8);
        return text.startsWith("<?xml") ? text.substring(text.indexOf("?>") + 2).strip() : text;
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot render the chart as SVG", e);
    }
  }

  /**
   * Writes the chart as PNG to {@code file} atomically ({@link AtomicFile}).
   *
   * @param chart the chart
   * @param file the file to write; replaced if it exists
   */
  public static void savePng(Chart<?, ?> chart, Path file) {
    AtomicFile.write(file, png(chart));
  }

  /**
   * Writes the chart as PNG to {@code file} at {@code scale} device pixels per chart pixel, atomically.
   *
   * @param chart the chart
   * @param file the file to write; replaced if it exists
   * @param scale device pixels per chart pixel, positive
   */
  public static void savePng(Chart<?, ?> chart, Path file, double scale) {
    AtomicFile.write(file, png(chart, scale));
  }

  /**
   * Writes the chart as SVG to {@code file} atomically ({@link AtomicFile}).
   *
   * @param chart the chart
   * @param file the file to write; replaced if it exists
   */
  public static void saveSvg(Chart<?, ?> chart, Path file) {
    AtomicFile.write(file, svg(chart).getBytes(StandardCharsets.UTF_8));
  }
}
