package org.nodelab.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nodelab.testing.HeadlessChromium;

/**
 * The site renders in headless Chromium: the landing page and a notebook page are screenshot at
 * 1100×1400 and must be neither blank (the luminance of their pixels varies, as text and charts make
 * it) nor raise any error in the browser. The detector is proven on pages made to fail: a script
 * error, a {@code console.error}, a missing image, and a blank page.
 */
class SiteRenderTest {
  private static HeadlessChromium chromium;

  @BeforeAll
  static void start() throws Exception {
    chromium = HeadlessChromium.start();
  }

  @AfterAll
  static void stop() throws Exception {
    if (chromium != null) {
      chromium.close();
    }
  }

  @Test
  void landingAndNotebookPagesRenderWithoutErrors() throws Exception {
    Path site = BuiltSite.get().out();
    for (String page : List.of("index.html", "notebooks/01-spiral.html")) {
      HeadlessChromium.Page p = chromium.load(site.resolve(page).toUri().toString(), 1100, 1400);
      assertEquals(List.of(), p.errors(), page);
      double sd = luminanceDeviation(p.png());
      assertTrue(sd > 20, page + " looks blank: luminance standard deviation " + sd);
    }
  }

  @Test
  void theDetectorCatchesErrorsAndBlankPages(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("broken.html"), "<!DOCTYPE html><html><body><h1>Broken</h1>"
        + "<img src=\"missing.png\" alt=\"missing\"><script>console.error('boom'); undefinedFunction();</script></body></html>");
    HeadlessChromium.Page broken = chromium.load(dir.resolve("broken.html").toUri().toString(), 400, 300);
    List<String> errors = broken.errors();
    assertEquals(3, errors.size(), errors.toString());
    assertTrue(errors.stream().anyMatch(e -> e.startsWith("console.error: boom")), errors.toString());
    assertTrue(errors.stream().anyMatch(e -> e.startsWith("exception: ReferenceError: undefinedFunction is not defined")),
        errors.toString());
    assertTrue(errors.stream().anyMatch(e -> e.startsWith("log: ") && e.contains("missing.png")), errors.toString());

    Files.writeString(dir.resolve("blank.html"), "<!DOCTYPE html><html><body></body></html>");
    HeadlessChromium.Page blank = chromium.load(dir.resolve("blank.html").toUri().toString(), 400, 300);
    assertEquals(List.of(), blank.errors());
    assertEquals(0.0, luminanceDeviation(blank.png()), 1e-9);
  }

  /** The standard deviation of the pixels' luminance (0–255): 0 for a blank page, tens for text and charts. */
  static double luminanceDeviation(byte[] png) throws Exception {
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
    double sum = 0;
    double sumSq = 0;
    int n = image.getWidth() * image.getHeight();
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int rgb = image.getRGB(x, y);
        double l = 0.299 * ((rgb >> 16) & 255) + 0.587 * ((rgb >> 8) & 255) + 0.114 * (rgb & 255);
        sum += l;
        sumSq += l * l;
      }
    }
    double mean = sum / n;
    return Math.sqrt(Math.max(0, sumSq / n - mean * mean));
  }
}
