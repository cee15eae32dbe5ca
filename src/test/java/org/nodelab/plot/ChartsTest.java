package org.nodelab.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.nodelab.data.Dataset;
import org.nodelab.data.Synthetic;
import org.nodelab.nn.Mlp;
import org.nodelab.ode.Ode;
import org.nodelab.ode.Solvers;
import org.nodelab.ode.TensorSolution;
import org.nodelab.tensor.Activation;
import org.nodelab.tensor.Tensor;
import org.nodelab.train.History;
import org.nodelab.train.Trainer;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class ChartsTest {
  @TempDir Path dir;

  private static void assertPng(XYChart chart) {
    assertTrue(Export.pngBase64(chart).startsWith("iVBORw0KGgo"), "PNG signature");
  }

  @Test
  void everyHelperRendersAPng() {
    Dataset d = Synthetic.moons(60, 0.05, 1);
    Mlp net = new Mlp(Activation.TANH, 1, 2, 8, 2);
    History h = Trainer.of(net).data(d).validation(d).loss(org.nodelab.train.Losses::crossEntropy).epochs(2)
        .progress(null).run();
    XYChart loss = Charts.lossCurve(h.table());
    assertEquals(2, loss.getSeriesMap().size());
    assertPng(loss);
    double[] times = {0, 0.5, 1, 1.5, 2};
    TensorSolution s = Ode.solve((t, y) -> y.matmul(Tensor.of(new double[][] {{0, -1}, {1, 0}})),
        Tensor.of(new double[][] {{1, 0}}), times, Solvers.dopri5());
    Tensor path = s.stacked().reshape(5, 2);
    XYChart traj = Charts.trajectories(times, path, times, path, "x", "y");
    assertEquals(4, traj.getSeriesMap().size());
    assertPng(traj);
    XYChart phase = Charts.phasePortrait((t, y) -> y.matmul(Tensor.of(new double[][] {{0, -1}, {1, 0}})), 0,
        new double[] {-2, 2, -2, 2}, 5, path);
    assertEquals(26, phase.getSeriesMap().size());
    assertPng(phase);
    assertPng(Charts.flow((t, y) -> y.neg(), d.x().slice(0, 0, 10), d.y().slice(0, 0, 10), 0, 1, Solvers.rk45()));
    assertPng(Charts.decisionRegions(net, d.x(), d.y(), new double[] {-1.5, 2.5, -1, 1.5}, 20));
    Table wp = Table.create("wp", StringColumn.create("method", List.of("a", "a", "b")),
        IntColumn.create("evaluations", 10, 100, 50), DoubleColumn.create("error", 1e-2, 1e-6, 1e-4));
    assertEquals(2, Charts.workPrecision(wp).getSeriesMap().size());
    TensorSolution traced = Ode.solve((t, y) -> y.neg(), Tensor.of(1.0), new double[] {0, 5},
        Solvers.dopri5().rtol(1e-4).trace(true));
    assertPng(Charts.stepSizes(traced.trace()));
  }

  @Test
  void svgAndFilesAreWrittenWithoutTheXmlDeclaration() throws Exception {
    XYChart chart = Charts.stepSizes(Ode.solve((t, y) -> y.neg(), Tensor.of(1.0), new double[] {0, 5},
        Solvers.dopri5().trace(true)).trace());
    String svg = Export.svg(chart);
    assertTrue(svg.startsWith("<svg") || svg.startsWith("<!DOCTYPE"), svg.substring(0, 40));
    assertFalse(svg.contains("<?xml"));
    Export.savePng(chart, dir.resolve("c.png"));
    Export.saveSvg(chart, dir.resolve("c.svg"));
    byte[] png = Files.readAllBytes(dir.resolve("c.png"));
    assertEquals((byte) 0x89, png[0]);
    assertEquals('P', png[1]);
    try (var files = Files.list(dir)) {
      assertEquals(2, files.count(), "no temporary files left");
    }
  }
}
