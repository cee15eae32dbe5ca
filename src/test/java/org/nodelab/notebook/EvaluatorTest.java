package org.nodelab.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.nodelab.tensor.Tensor;

class EvaluatorTest {
  private static Evaluator evaluator;

  @BeforeAll
  static void start() {
    evaluator = new Evaluator();
  }

  @AfterAll
  static void stop() {
    evaluator.close();
  }

  @Test
  void anExpressionReturnsItsLiveValue() {
    CellResult r = evaluator.eval("1 + 1");
    assertTrue(r.hasValue());
    assertEquals(2, r.value());
  }

  @Test
  void aMultiStatementCellReturnsTheLastValueAndKeepsState() {
    CellResult r = evaluator.eval("var a = tensor(1, 2, 3);\nint k = 2;\na.mul(k)");
    assertArrayEquals(new double[] {2, 4, 6}, ((Tensor) r.value()).toArray());
    assertEquals(3, ((Tensor) evaluator.eval("a").value()).size());
  }

  private static void assertArrayEquals(double[] expected, double[] actual) {
    org.junit.jupiter.api.Assertions.assertArrayEquals(expected, actual, 0);
  }

  @Test
  void declarationsAndPrintfHaveNoValueToShow() {
    assertFalse(evaluator.eval("var unused = 5;").hasValue());
    assertFalse(evaluator.eval("System.out.printf(\"%d%n\", 3)").hasValue());
    assertFalse(evaluator.eval("void hello() {}").hasValue());
  }

  @Test
  void theLabDslIsPreloaded() {
    CellResult r = evaluator.eval("ode(mlp(2, 4, 2)).solve(rk45.rtol(1e-6)).until(1.0).apply(Tensor.ones(3, 2)).shape()");
    org.junit.jupiter.api.Assertions.assertArrayEquals(new int[] {3, 2}, (int[]) r.value());
  }

  @Test
  void compileErrorsPointAtTheLine() {
    CellResult r = evaluator.eval("int x = 1;\nString s = x;");
    assertTrue(r.failed());
    assertEquals("CompileError", r.errorName());
    assertTrue(r.error().contains("String s = x;") && r.error().contains("^"), r.error());
  }

  @Test
  void exceptionsShowTheUsersFramesOnly() {
    CellResult r = evaluator.eval("tensor(1, 2).add(tensor(1, 2, 3))");
    assertEquals("IllegalArgumentException", r.errorName());
    assertTrue(r.error().contains("cannot be broadcast"), r.error());
    assertFalse(r.error().contains("jdk.jshell"), r.error());
    assertFalse(r.error().contains("jdk.internal"), r.error());
  }

  @Test
  void incompleteInputIsReported() {
    CellResult r = evaluator.eval("int y = (1 + ");
    assertTrue(r.failed());
    assertTrue(r.error().contains("incomplete"), r.error());
  }

  @Test
  void systemExitIsRefused() {
    CellResult r = evaluator.eval("System.exit(0)");
    assertEquals("Refused", r.errorName());
    assertEquals(2, evaluator.eval("1 + 1").value(), "the session lives on");
  }

  @Test
  void interruptStopsATrainingLoopAtAStepBoundary() throws Exception {
    Thread caller = Thread.currentThread();
    var stopper = new Thread(() -> {
      try {
        Thread.sleep(1500);
      } catch (InterruptedException e) {
        return;
      }
      evaluator.interrupt();
    });
    stopper.start();
    CellResult r = evaluator.eval(
        "var m = mlp(2, 64, 2); var h = train(m).data(circles(2000, 1)).loss(crossEntropy).epochs(100000).progress(null).run(); h.interrupted()");
    stopper.join();
    assertTrue(r.failed() ? r.errorName().equals("Interrupted") : Boolean.TRUE.equals(r.value()), String.valueOf(r));
    assertFalse(caller.isInterrupted(), "the flag is cleared after the cell");
  }

  private static void interruptAfter(long millis) {
    Thread stopper = new Thread(() -> {
      try {
        Thread.sleep(millis);
      } catch (InterruptedException e) {
        return;
      }
      evaluator.interrupt();
    });
    stopper.setDaemon(true);
    stopper.start();
  }

  @Test
  void aBusyLoopIsStoppedAndTheSessionKeepsItsState() {
    evaluator.eval("long cnt = 0; int kept = 41; record Pair(int a, int b) {}");
    interruptAfter(500);
    CellResult r = evaluator.eval("while (true) { cnt++; }");
    assertEquals("Interrupted", r.errorName(), String.valueOf(r));
    assertTrue((Long) evaluator.eval("cnt").value() > 0, "the loop ran before it was stopped");
    assertEquals(42, evaluator.eval("kept + 1").value());
    assertEquals(3, evaluator.eval("new Pair(1, 2).a() + new Pair(1, 2).b()").value());
  }

  @Test
  void theCellAfterAnInterruptRunsToItsEnd() {
    interruptAfter(300);
    assertEquals("Interrupted", evaluator.eval("Thread.sleep(60_000)").errorName());
    // The escalation of the first interrupt must not reach this cell, which sleeps past its grace time.
    CellResult r = evaluator.eval("Thread.sleep(3000); \"done\"");
    assertFalse(r.failed(), String.valueOf(r));
    assertEquals("done", r.value());
  }

  @Test
  void anInterruptedTrainingReturnsItsHistoryUpToTheInterrupt() {
    interruptAfter(1500);
    CellResult r = evaluator.eval("seed(3); var tm = mlp(2, 32, 2); var th = train(tm).data(circles(2000, 1))"
        + ".loss(crossEntropy).epochs(100000).progress(null).run();");
    assertEquals("Interrupted", r.errorName(), String.valueOf(r));
    assertEquals("interrupted", evaluator.eval("th.status()").value());
    int steps = (Integer) evaluator.eval("th.size()").value();
    assertTrue(steps > 0, "steps done before the interrupt are kept: " + steps);
    // Model and optimiser are consistent: the model's loss is finite and training continues from it.
    CellResult more = evaluator.eval("train(tm).data(circles(200, 1)).loss(crossEntropy).epochs(1).progress(null).run().status()");
    assertEquals("ok", more.value(), String.valueOf(more));
  }

  @Test
  void callsThatEndTheJvmAreRefusedWhateverTheirSpelling() {
    for (String cell : List.of("Runtime.getRuntime().exit(0)", "Runtime.getRuntime().halt(0)",
        "java.util.function.IntConsumer ex = System::exit; ex.accept(0);", "void quit() { System.exit(3); }")) {
      CellResult r = evaluator.eval(cell);
      assertEquals("Refused", r.errorName(), cell + " -> " + r);
    }
    assertEquals("System.exit(0) is only text", evaluator.eval("\"System.exit(0) is only text\"").value());
  }

  @Test
  void anExceptionShowsItsCauseChainAsThrown() {
    CellResult r = evaluator.eval("throw new IllegalStateException(\"outer\", new java.io.UncheckedIOException(\"middle\","
        + " new java.nio.file.NoSuchFileException(\"data/missing.csv\")))");
    assertEquals("IllegalStateException", r.errorName());
    assertTrue(r.error().startsWith("java.lang.IllegalStateException: outer"), r.error());
    assertTrue(r.error().contains("Caused by: java.io.UncheckedIOException: middle"), r.error());
    assertTrue(r.error().contains("Caused by: java.nio.file.NoSuchFileException: data/missing.csv"), r.error());
    assertFalse(r.error().contains("EvalException"), r.error());
  }

  @Test
  void aMissingFileShowsTheFileSystemsOwnException() {
    CellResult r = evaluator.eval("TensorFile.read(java.nio.file.Path.of(\"no-such-weights.bin\"))");
    assertEquals("UncheckedIOException", r.errorName());
    assertTrue(r.error().contains("Caused by: java.nio.file.NoSuchFileException: no-such-weights.bin"), r.error());
    assertFalse(r.error().contains("EvalException"), r.error());
  }

  @Test
  void stackLinesCountTheCellsOwnLines() {
    CellResult r = evaluator.eval("int two = 2;\nint thrower(int x) {\n  int y = x + 1;\n  throw new ArithmeticException(\"at \" + y);\n}\nthrower(two)");
    assertEquals("ArithmeticException", r.errorName());
    assertTrue(r.error().contains("thrower, line 4"), r.error());
    assertTrue(r.error().contains("\n    at line 6"), r.error());
    CellResult later = evaluator.eval("\n\nthrower(5)");
    assertTrue(later.error().contains("thrower, line 4 of the cell starting \"int two = 2;\""), later.error());
    assertTrue(later.error().contains("\n    at line 3"), later.error());
  }

  @Test
  void anUnknownSymbolIsNamedWithItsLine() {
    CellResult r = evaluator.eval("int a1 = 1;\nint a2 = a1 + missingName;");
    assertEquals("CompileError", r.errorName());
    assertTrue(r.error().contains("symbol:   variable missingName"), r.error());
    assertTrue(r.error().contains("location: line 2 of the cell"), r.error());
  }

  @Test
  void completionAndInspectionComeFromJShell() {
    var c = evaluator.complete("Solvers.ts", 10);
    assertTrue(c.candidates().stream().anyMatch(s -> s.startsWith("tsit5")), c.toString());
    assertEquals(8, c.start());
    assertTrue(evaluator.inspect("Solvers.tsit5()", 10).contains("tsit5"));
  }

  @Test
  void rendererGivesPngForChartsHtmlForTablesTextForTheRest() {
    Map<String, String> chart = Renderer.render(new org.knowm.xchart.XYChartBuilder().build());
    assertTrue(chart.get("image/png").startsWith("iVBORw0KGgo"));
    Map<String, String> table = Renderer.render(org.nodelab.data.RealData.lynxHare());
    assertTrue(table.get("text/html").startsWith("<table") && table.get("text/html").contains(">1900</td>"));
    assertEquals(java.util.Set.of("image/png", "text/plain"), chart.keySet(), "a chart is an image with a text fallback only");
    assertTrue(table.get("text/plain").contains("lynx"));
    assertEquals("Tensor[2] [1.0, 2.0]", Renderer.render(Tensor.of(1, 2)).get("text/plain"));
    assertNull(Renderer.render(3).get("image/png"));
    assertEquals("a &lt;b&gt; &amp;", Renderer.escape("a <b> &"));
    assertTrue(XYChart.class.isAssignableFrom(org.nodelab.plot.Charts.stepSizes(java.util.List.of()).getClass()));
  }
}
