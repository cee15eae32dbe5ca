package org.nodelab.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nodelab.data.Spiral;
import org.nodelab.data.TimeSeries;
import org.nodelab.examples.OdeDemo;
import org.nodelab.model.InitialState;
import org.nodelab.model.OdeSpec;
import org.nodelab.model.TrajectoryModel;
import org.nodelab.nn.Parameter;
import org.nodelab.ode.GradientMethod;
import org.nodelab.ode.Solvers;
import org.nodelab.tensor.Tensor;

/** {@code Trainer.fit(series)}: the three ways of comparing a trajectory model with a series. */
class SeriesFitTest {

  @Test
  void windowsReproduceOdeDemosHandWrittenLoopBitForBit() {
    OdeDemo byHand = new OdeDemo(5, GradientMethod.DIRECT);
    History expected = byHand.trainer(3).iterations(4).progress(null).run();
    OdeDemo byFit = new OdeDemo(5, GradientMethod.DIRECT);
    History actual = Trainer.of(byFit.model()).loss(Losses::l1).optimizer(RmsProp.of(1e-3)).seed(3).iterations(4)
        .progress(null).fit(Spiral.create().series(), Fitting.windows(Spiral.BATCH_TIME, Spiral.BATCH_SIZE));
    assertArrayEquals(expected.losses(), actual.losses(), 0);
    assertArrayEquals(expected.table().longColumn("nfe_forward").asDoubleArray(),
        actual.table().longColumn("nfe_forward").asDoubleArray(), 0);
    assertArrayEquals(byHand.field().parameters().get(0).value().toArray(),
        byFit.field().parameters().get(0).value().toArray(), 0);
  }

  /** x' = −k x observed at t = 0, 0.5, ..., 3 from x(0) = 1 with k = 0.7. */
  private static TimeSeries decay() {
    double[] t = new double[7];
    double[][] v = new double[7][1];
    for (int i = 0; i < 7; i++) {
      t[i] = 0.5 * i;
      v[i][0] = Math.exp(-0.7 * t[i]);
    }
    return TimeSeries.of(t, v, "x");
  }

  @Test
  void singleShootingLossIsTheMeanSquaredErrorFromTheLearnableStart() {
    TimeSeries data = decay();
    Tensor k = Tensor.of(0.5).requiresGrad();
    TrajectoryModel model = OdeSpec.of((t, h) -> h.mul(k).neg()).from(new InitialState(Tensor.of(1.2)))
        .solve(Solvers.dopri5().rtol(1e-10).atol(1e-12)).at(data.times());
    History h = Trainer.of(model).optimizer(Sgd.of(1e-9)).iterations(1).progress(null).fit(data);
    double expected = 0;
    for (int i = 0; i < 7; i++) {
      double e = 1.2 * Math.exp(-0.5 * 0.5 * i) - Math.exp(-0.7 * 0.5 * i);
      expected += e * e / 7;
    }
    assertEquals(expected, h.lastLoss(), 1e-9);
    assertTrue(h.table().longColumn("nfe_forward").get(0) > 0);
  }

  @Test
  void multipleShootingAddsOneLearnableStartPerLaterSegmentAndRecordsBothTerms() {
    TimeSeries data = decay();
    Tensor k = Tensor.of(0.5).requiresGrad();
    TrajectoryModel model = OdeSpec.of((t, h) -> h.mul(k).neg()).from(new InitialState(Tensor.of(1.0)))
        .solve(Solvers.dopri5().rtol(1e-10).atol(1e-12)).at(data.times());
    model.apply(data.initial());
    SeriesFit fit = new SeriesFit(model, data, Fitting.shooting(3), Losses::mse);
    List<Parameter> starts = fit.segmentStarts();
    assertEquals(List.of("segment1.start", "segment2.start"), starts.stream().map(Parameter::name).toList());
    // Segments [0, 2], [2, 4], [4, 6] share their boundaries; later starts begin at the observations.
    assertEquals(Math.exp(-0.7), starts.get(0).value().item(), 1e-15);
    assertEquals(Math.exp(-1.4), starts.get(1).value().item(), 1e-15);
    assertEquals(model.parameters().size() + 2, fit.parameters().size());
    History h = Trainer.of(model).optimizer(Sgd.of(1e-9)).iterations(1).progress(null)
        .fit(data, Fitting.shooting(3).continuity(4));
    // Each segment solved by hand: x(t) = start · e^{−0.5 (t − t_k)}.
    double data0 = 0;
    double continuity = 0;
    double[] s = {1.0, Math.exp(-0.7), Math.exp(-1.4)};
    for (int seg = 0; seg < 3; seg++) {
      for (int j = 0; j <= 2; j++) {
        double e = s[seg] * Math.exp(-0.25 * j) - Math.exp(-0.35 * (2 * seg + j));
        data0 += e * e / 9;
      }
      if (seg > 0) {
        double gap = s[seg - 1] * Math.exp(-0.5) - s[seg];
        continuity += gap * gap / 2;
      }
    }
    assertEquals(data0, h.column("data")[0], 1e-9);
    assertEquals(continuity, h.column("continuity")[0], 1e-9);
    assertEquals(data0 + 4 * continuity, h.lastLoss(), 1e-9);
  }

  @Test
  void misuseIsReportedWithTheFix() {
    TimeSeries data = decay();
    TrajectoryModel model = OdeSpec.of((t, h) -> h.neg()).at(data.times());
    var e = assertThrows(IllegalStateException.class, () -> Trainer.of(model).progress(null).fit(data));
    assertTrue(e.getMessage().contains("iterations"), e.getMessage());
    var notTrajectory = OdeSpec.of((t, h) -> h.neg()).until(1);
    e = assertThrows(IllegalStateException.class, () -> Trainer.of(notTrajectory).iterations(1).fit(data));
    assertTrue(e.getMessage().contains("at(series.times())"), e.getMessage());
    var e2 = assertThrows(IllegalArgumentException.class,
        () -> Trainer.of(model).iterations(1).progress(null).fit(data, Fitting.shooting(7)));
    assertTrue(e2.getMessage().contains("8 observations"), e2.getMessage());
    TimeSeries uneven = TimeSeries.of(new double[] {0, 1, 3, 4}, new double[][] {{1}, {2}, {3}, {4}});
    e2 = assertThrows(IllegalArgumentException.class,
        () -> Trainer.of(model).iterations(1).progress(null).fit(uneven, Fitting.windows(2, 1)));
    assertTrue(e2.getMessage().contains("equally spaced"), e2.getMessage());
  }
}
