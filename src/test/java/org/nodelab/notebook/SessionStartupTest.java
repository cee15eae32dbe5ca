package org.nodelab.notebook;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nodelab.Lab;
import org.nodelab.tensor.Tensor;

/** The background start warms the session without changing what the user's cells compute or see. */
class SessionStartupTest {
  @Test
  void theWarmUpDrawsNoRandomNumbersAndDeclaresNothing() throws Exception {
    Lab.seed(7);
    try (Evaluator warmed = SessionStartup.inBackground().get()) {
      assertTrue(warmed.eval("warm").failed(), "the warm-up's variable is not visible");
      double[] afterWarmUp = ((Tensor) warmed.eval("mlp(2, 3, 2).parameters().get(0).value()").value()).toArray();
      Lab.seed(7);
      double[] direct = Lab.mlp(2, 3, 2).parameters().get(0).value().toArray();
      assertArrayEquals(direct, afterWarmUp, 0.0);
    }
  }
}
