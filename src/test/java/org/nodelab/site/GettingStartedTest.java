package org.nodelab.site;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nodelab.notebook.CellResult;
import org.nodelab.notebook.Evaluator;

/**
 * Every {@code java} block of the getting-started page runs, in order, as a notebook cell through
 * the evaluator of the kernel and the runner, and the values the page claims hold: the gradient of
 * {@code Σ x²} is {@code 2x}, and the solve of {@code dh/dt = -h} gives {@code e^-1 h(0)}.
 */
class GettingStartedTest {

  @Test
  void everyJavaBlockRunsAndItsClaimsHold() {
    List<String> blocks = MarkdownPage.read(Path.of("docs/getting-started.md")).javaBlocks();
    assertEquals(4, blocks.size(), "the page's java blocks");
    try (Evaluator evaluator = new Evaluator()) {
      for (int i = 0; i < blocks.size(); i++) {
        CellResult r = evaluator.eval(blocks.get(i));
        assertFalse(r.failed(), "block " + (i + 1) + " of docs/getting-started.md: " + r.errorName() + ": " + r.error()
            + "\n" + blocks.get(i));
      }
      assertArrayEquals(new double[] {2, 4, 6}, (double[]) evaluator.eval("x.grad().toArray()").value(), 0.0);
      double e = Math.exp(-1);
      assertArrayEquals(new double[] {e, 2 * e}, (double[]) evaluator.eval("h1.toArray()").value(), 1e-6);
      assertEquals("XYChart", evaluator.eval(blocks.get(3)).value().getClass().getSimpleName());
    }
  }
}
