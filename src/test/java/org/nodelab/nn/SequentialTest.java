package org.nodelab.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nodelab.tensor.Activation;
import org.nodelab.tensor.Tensor;

class SequentialTest {

  @Test
  void composesModulesInOrder() {
    Linear a = new Linear(2, 3, 1);
    Linear b = new Linear(3, 1, 2);
    Sequential seq = new Sequential(a, Module.of(Activations.relu()), b);
    Tensor x = Tensor.randn(3, 4, 2);
    assertArrayEquals(b.apply(a.apply(x).relu()).toArray(), seq.apply(x).toArray(), 0.0);
  }

  @Test
  void namesParametersByPositionAndListsSharedOnesOnce() {
    Linear shared = new Linear(2, 2, 1);
    Sequential seq = new Sequential(shared, Module.of(Activation.TANH), shared);
    assertEquals(List.of("0.weight", "0.bias"), List.copyOf(seq.namedParameters().keySet()));
    assertSame(shared.weight(), seq.parameters().get(0).value());
  }

  @Test
  void identityReturnsItsInputAndHasNoParameters() {
    Tensor x = Tensor.of(1, 2, 3);
    assertSame(x, Module.identity().apply(x));
    assertEquals(0, Module.identity().parameterCount());
  }

  @Test
  void rejectsEmptyAndNullModules() {
    assertThrows(IllegalArgumentException.class, Sequential::new);
    assertThrows(IllegalArgumentException.class, () -> new Sequential(Module.identity(), null));
  }

  @Test
  void parameterRejectsBlankNamesAndNonLeaves() {
    assertThrows(IllegalArgumentException.class, () -> new Parameter(" ", Tensor.ones(2)));
    Tensor leaf = Tensor.ones(2).requiresGrad();
    assertThrows(IllegalArgumentException.class, () -> new Parameter("w", leaf.mul(2)));
  }

  @Test
  void activationsAreValues() {
    assertEquals(Activation.TANH, Activations.tanh());
    assertEquals(Activation.SOFTPLUS, Activations.softplus());
    assertEquals(Activation.ELU, Activations.elu());
    assertEquals(Activation.SIGMOID, Activations.sigmoid());
    assertEquals(Activation.IDENTITY, Activations.identity());
    assertEquals("tanh", Module.of(Activation.TANH).toString());
  }
}
