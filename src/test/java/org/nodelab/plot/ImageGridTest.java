package org.nodelab.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.nodelab.tensor.Tensor;

/** The digit grid renders to a PNG whose size follows the grid (3 pixels per image pixel). */
class ImageGridTest {
  @Test
  void gridOfTenDigitsInRowsOfFiveRendersAtItsSize() throws Exception {
    Tensor images = Tensor.rand(1, 10, 1, 28, 28);
    Tensor labels = Tensor.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
    XYChart chart = ImageGrid.digits(images, Tensor.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 1), labels, 10, 5);
    BufferedImage png = ImageIO.read(new ByteArrayInputStream(Export.png(chart)));
    assertEquals(5 * (28 * 3 + 8) + 40, png.getWidth());
    assertEquals(2 * (28 * 3 + 16 + 8) + 70, png.getHeight());
  }
}
