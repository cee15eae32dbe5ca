package org.nodelab.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nodelab.ode.Ode;
import org.nodelab.ode.Solvers;
import org.nodelab.tensor.Tensor;
import tech.tablesaw.api.Table;

/** The sweep API on the local-threads engine: grid order, seeds, results, failures, random samples. */
class SweepTest {
  /** y' = -k y from a random y0 in [0.5, 1.5): the error at t = 1 against y0·e^{-k}, and the evaluations. */
  static final Experiment DECAY = cfg -> {
    double y0 = 0.5 + cfg.random().nextDouble();
    double k = cfg.number("k");
    var solution = Ode.solve((t, y) -> y.mul(-k), Tensor.of(y0), new double[] {0, 1},
        cfg.solver("solver").rtol(cfg.number("rtol")).atol(1e-12));
    return Map.of("error", Math.abs(solution.last().item() - y0 * Math.exp(-k)), "nfe", solution.stats().evaluations(),
        "y0", y0);
  };

  static Sweep decaySweep() {
    return Sweep.create().over("solver", Solvers.bosh3(), Solvers.rk45()).over("rtol", 1e-4, 1e-8).over("k", 0.5, 2.0)
        .repeat(2).seed(7).progress(false);
  }

  @Test
  void gridVariesTheLastAxisFastestAndRepeatsEachConfiguration() {
    List<Task> tasks = decaySweep().tasks();
    assertEquals(2 * 2 * 2 * 2, tasks.size());
    assertEquals(0.5, tasks.get(0).config().number("k"));
    assertEquals(0, tasks.get(0).config().repetition());
    assertEquals(1, tasks.get(1).config().repetition());
    assertEquals(2.0, tasks.get(2).config().number("k"));
    assertEquals(1e-8, tasks.get(4).config().number("rtol"));
    assertEquals("dopri5", tasks.get(8).config().solver("solver").name());
    for (int i = 0; i < tasks.size(); i++) {
      assertEquals(i, tasks.get(i).index());
    }
  }

  @Test
  void seedsDependOnTheSweepSeedValuesAndRepetitionOnly() {
    List<Task> a = decaySweep().tasks();
    List<Task> b = decaySweep().threads(1).tasks();
    Set<Long> seeds = new HashSet<>();
    for (int i = 0; i < a.size(); i++) {
      assertEquals(a.get(i).config().seed(), b.get(i).config().seed());
      seeds.add(a.get(i).config().seed());
    }
    assertEquals(a.size(), seeds.size(), "every task has its own seed");
    assertNotEquals(a.get(0).config().seed(), decaySweep().seed(8).tasks().get(0).config().seed());
    // The same values in another sweep (an extra axis value elsewhere) give the same seed.
    Task same = Sweep.create().over("solver", Solvers.bosh3()).over("rtol", 1e-4).over("k", 0.5, 2.0, 3.0).repeat(2).seed(7)
        .tasks().get(1);
    assertEquals(a.get(1).config().seed(), same.config().seed());
  }

  @Test
  void tableHasOneRowPerTaskWithResultsThatMatchTheExperimentRunByHand() throws Exception {
    Table t = decaySweep().threads(2).run(DECAY);
    assertEquals(16, t.rowCount());
    assertEquals(List.of("solver", "rtol", "k", "repetition", "task_seed", "error", "nfe", "y0", "seconds", "worker", "status",
        "message"), t.columnNames());
    List<Task> tasks = decaySweep().tasks();
    for (int i = 0; i < tasks.size(); i++) {
      Map<String, ?> byHand = DECAY.run(tasks.get(i).config());
      assertEquals(Double.doubleToLongBits((Double) byHand.get("error")), Double.doubleToLongBits(t.doubleColumn("error").get(i)));
      assertEquals(((Number) byHand.get("nfe")).longValue(), t.longColumn("nfe").get(i));
      assertEquals("ok", t.stringColumn("status").get(i));
      assertTrue(t.stringColumn("worker").get(i).startsWith("thread sweep-"), t.stringColumn("worker").get(i));
    }
    assertEquals("bosh3", t.stringColumn("solver").get(0));
    // Tighter tolerances, smaller errors: a check that the parameters reached the solver.
    double loose = t.where(t.doubleColumn("rtol").isEqualTo(1e-4)).doubleColumn("error").mean();
    double tight = t.where(t.doubleColumn("rtol").isEqualTo(1e-8)).doubleColumn("error").mean();
    assertTrue(tight < loose / 100, "tight " + tight + " loose " + loose);
  }

  @Test
  void resultsAreBitIdenticalOnOneThreadAndOnMany() {
    Table one = decaySweep().threads(1).run(DECAY);
    Table many = decaySweep().threads(3).run(DECAY);
    for (int i = 0; i < one.rowCount(); i++) {
      assertEquals(Double.doubleToLongBits(one.doubleColumn("error").get(i)), Double.doubleToLongBits(many.doubleColumn("error").get(i)));
      assertEquals(Double.doubleToLongBits(one.doubleColumn("y0").get(i)), Double.doubleToLongBits(many.doubleColumn("y0").get(i)));
    }
  }

  @Test
  void aThrowingTaskBecomesAFailedRowAndTheOthersComplete() {
    Table t = Sweep.create().over("x", 1, 2, 3, 4).progress(false).run(cfg -> {
      if (cfg.integer("x") == 3) {
        throw new IllegalStateException("three is bad");
      }
      return Map.of("square", cfg.integer("x") * cfg.integer("x"));
    });
    assertEquals(List.of("ok", "ok", "failed", "ok"), t.stringColumn("status").asList());
    assertEquals("IllegalStateException: three is bad", t.stringColumn("message").get(2));
    assertEquals(List.of(1L, 4L, 16L), List.of(t.longColumn("square").get(0), t.longColumn("square").get(1), t.longColumn("square").get(3)));
    assertTrue(t.longColumn("square").isMissing(2));
  }

  @Test
  void randomSamplesComeFromTheSweepSeedWithinTheirRanges() {
    Sweep s = Sweep.create().uniform("width", 10, 20).logUniform("lr", 1e-4, 1e-2).samples(50).seed(3);
    List<Task> a = s.tasks();
    List<Task> b = s.tasks();
    assertEquals(50, a.size());
    double logSum = 0;
    for (int i = 0; i < a.size(); i++) {
      double w = a.get(i).config().number("width");
      double lr = a.get(i).config().number("lr");
      assertTrue(w >= 10 && w < 20 && lr >= 1e-4 && lr < 1e-2, w + " " + lr);
      assertEquals(w, b.get(i).config().number("width"));
      logSum += Math.log10(lr);
    }
    // log10(lr) is uniform on [-4, -2): its mean of 50 draws lies within 4 standard errors (0.577/√50) of -3.
    assertEquals(-3, logSum / 50, 4 * 0.577 / Math.sqrt(50));
    assertNotEquals(a.get(0).config().number("width"), s.seed(4).tasks().get(0).config().number("width"));
  }

  @Test
  void explicitConfigurationsCombineWithTheGrid() {
    Sweep s = Sweep.create().over("seed", 0, 1).configs(List.of(Map.of("width", 8, "depth", 1), Map.of("width", 16, "depth", 2)));
    List<Task> tasks = s.tasks();
    assertEquals(4, tasks.size());
    assertEquals(16, tasks.get(1).config().integer("width"));
    assertEquals(1, tasks.get(2).config().integer("seed"));
  }

  @Test
  void badInputIsRefusedWithAMessageNamingIt() {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Sweep.create().over("x")).getMessage().contains("\"x\" has no values"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Sweep.create().over("task_seed", 1)).getMessage().contains("task_seed"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Sweep.create().on("spork://x")).getMessage().contains("spork://x"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Sweep.create().repeat(0)).getMessage().contains("0"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Sweep.create().uniform("a", 2, 1)).getMessage().contains("high must exceed low"));
    Config c = Sweep.create().over("x", 1.5).tasks().get(0).config();
    assertTrue(assertThrows(IllegalArgumentException.class, () -> c.get("y")).getMessage().contains("no parameter \"y\""));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> c.integer("x")).getMessage().contains("whole number"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> c.solver("x")).getMessage().contains("expected a Solver"));
  }

  @Test
  void summaryAveragesOverTheNamedParametersAndRepetitionsByHand() {
    Table runs = Sweep.create().over("a", 1, 2).over("seed", 0, 1, 2).repeat(2).progress(false).run(cfg -> {
      if (cfg.integer("a") == 2 && cfg.integer("seed") == 0 && cfg.repetition() == 0) {
        throw new IllegalArgumentException("left out");
      }
      return Map.of("v", 10.0 * cfg.integer("a") + cfg.integer("seed") + cfg.repetition());
    });
    Table s = SweepSummary.of(runs, "seed");
    assertEquals(List.of("a", "runs", "failed", "v_mean", "v_sd", "seconds_mean", "seconds_sd"), s.columnNames());
    assertEquals(2, s.rowCount());
    assertEquals(List.of(6, 6), s.intColumn("runs").asList());
    assertEquals(List.of(0, 1), s.intColumn("failed").asList());
    // a = 1: v = 10 + {0,1,2} + {0,1}: mean 11.5, sample sd of {10,11,11,12,12,13} = sqrt(5.5/5).
    assertEquals(11.5, s.doubleColumn("v_mean").get(0), 1e-12);
    assertEquals(Math.sqrt(5.5 / 5), s.doubleColumn("v_sd").get(0), 1e-12);
    // a = 2 without (seed 0, repetition 0): {21, 21, 22, 22, 23}, mean 21.8.
    assertEquals(21.8, s.doubleColumn("v_mean").get(1), 1e-12);
    assertTrue(assertThrows(IllegalArgumentException.class, () -> SweepSummary.of(runs, "b")).getMessage().contains("\"b\""));
  }

  @Test
  void progressIsOneOutputUpdatedToTheFinalCounts() {
    List<String> shown = new java.util.ArrayList<>();
    org.nodelab.notebook.Display.install(new org.nodelab.notebook.DisplaySink() {
      @Override
      public void display(String id, Map<String, String> bundle) {
        shown.add("show " + bundle.get("text/plain"));
      }

      @Override
      public void update(String id, Map<String, String> bundle) {
        shown.add("update " + bundle.get("text/plain"));
      }
    });
    try {
      Sweep.create().over("x", 1, 2, 3, 4).threads(2).run(cfg -> {
        if (cfg.integer("x") == 2) {
          throw new IllegalStateException("no");
        }
        return Map.of("x2", cfg.integer("x") * 2);
      });
    } finally {
      org.nodelab.notebook.Display.install(null);
    }
    assertEquals("show sweep on threads(2): 0/4 tasks done, 0 failed", shown.get(0));
    assertEquals("update sweep on threads(2): 4/4 tasks done, 1 failed", shown.get(shown.size() - 1));
  }
}
