package org.nodelab.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nodelab.Lab;
import org.nodelab.train.History;

/** The live chart as a sink receives it: one id, a start line, throttled frames, a final seeded frame. */
class LiveTrainingDisplayTest {
  private record Event(String kind, String id, Map<String, String> bundle) {}

  @AfterEach
  void uninstall() {
    Display.install(null);
  }

  @Test
  void oneOutputFromStartLineToFinalFrameWithAtMostOneFramePerSecond() throws Exception {
    List<Event> events = new ArrayList<>();
    Display.install(new DisplaySink() {
      @Override
      public synchronized void display(String id, Map<String, String> bundle) {
        events.add(new Event("display", id, bundle));
      }

      @Override
      public synchronized void update(String id, Map<String, String> bundle) {
        events.add(new Event("update", id, bundle));
      }
    });
    Lab.seed(0);
    long t0 = System.nanoTime();
    History h = Lab.train(Lab.mlp(2, 4, 2)).data(Lab.circles(64, 1)).loss(Lab.crossEntropy).batchSize(64)
        .iterations(3000).label("tiny").monitor(new LiveTrainingDisplay()).run();
    double seconds = (System.nanoTime() - t0) / 1e9;
    LiveTrainingDisplay.finishFrames();

    assertEquals("display", events.get(0).kind());
    assertEquals(Map.of("text/plain", "tiny: starting"), events.get(0).bundle());
    String id = events.get(0).id();
    for (Event e : events.subList(1, events.size())) {
      assertEquals("update", e.kind());
      assertEquals(id, e.id(), "every frame updates the same output");
    }
    assertTrue(events.size() - 1 <= 2 + seconds, events.size() - 1 + " frames in " + seconds + " s");
    Map<String, String> last = events.get(events.size() - 1).bundle();
    assertEquals(String.format(Locale.ROOT, "tiny: 3000 steps, final loss %.4g", h.lastLoss()), last.get("text/plain"));
    BufferedImage png = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(last.get("image/png"))));
    assertTrue(png.getWidth() > 100 && png.getHeight() > 100, png.getWidth() + "x" + png.getHeight());
  }
}
