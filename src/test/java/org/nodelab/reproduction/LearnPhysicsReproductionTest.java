package org.nodelab.reproduction;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nodelab.examples.BouncingBall;
import org.nodelab.examples.LearnPhysics;

/**
 * torchdiffeq's {@code examples/learn_physics.py} with events: the same observations, the same first
 * loss, and the constants learned in its 1000 iterations. torchdiffeq's run ({@code
 * bench/torchdiffeq_learn_physics.py}, PyTorch 1.13 float64) printed loss 17.726109061363356 at
 * iteration 0 and learned gravity 9.80083, restitution 0.800014, threshold 0.199805.
 */
class LearnPhysicsReproductionTest {

  @Test
  void theObservationsAreTorchdiffeqs() throws IOException {
    // torchdiffeq integrates at 1e-8 and lifts the ball by 1e-7 after each bounce: agreement to 1e-6.
    List<double[]> rows = new ArrayList<>();
    try (var in = new BufferedReader(new InputStreamReader(
        LearnPhysicsReproductionTest.class.getResourceAsStream("/events/bouncing_ball_observations.csv"),
        StandardCharsets.UTF_8))) {
      in.readLine();
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        String[] parts = line.split(",");
        rows.add(new double[] {Double.parseDouble(parts[0]), Double.parseDouble(parts[1])});
      }
    }
    BouncingBall ball = BouncingBall.torchdiffeqExample();
    double[] times = ball.observationTimes(4, 300);
    assertEquals(300, rows.size());
    assertEquals(300, times.length);
    double[] heights = ball.heights(times);
    for (int i = 0; i < times.length; i++) {
      assertEquals(rows.get(i)[0], times[i], 1e-6, "time " + i);
      assertEquals(rows.get(i)[1], heights[i], 1e-6, "height " + i);
    }
  }

  @Test
  void trainingLearnsGravityRestitutionAndTheEventThreshold() {
    LearnPhysics model = LearnPhysics.torchdiffeqExample(1000);
    double first = model.step();
    assertEquals(17.726109061363356, first, 1e-5, "first loss");
    double loss = first;
    for (int i = 1; i < 1000; i++) {
      loss = model.step();
    }
    assertEquals(0, loss, 1e-3, "final loss");
    assertEquals(9.8, model.gravity(), 0.01, "gravity");
    assertEquals(0.8, model.restitution(), 1e-3, "restitution");
    assertEquals(0.2, model.threshold(), 2e-3, "threshold");
    assertEquals(10, model.initialHeight(), 0.01, "initial height");
  }
}
