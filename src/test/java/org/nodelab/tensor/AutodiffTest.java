package org.nodelab.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Tape semantics and hand-derived gradients of small expressions (micrograd's sanity checks). */
class AutodiffTest {

  @Test
  void aWalkNestedInABackwardClosureLeavesTheOuterWalkIntact() {
    Tensor p = Tensor.of(1, 2, 3).requiresGrad();
    Tensor w = p.mul(2);
    Tensor x = Tensor.of(0.5, -1, 4).requiresGrad();
    // c = Σ w·x as a custom node whose backward differentiates a graph through w again.
    Tensor c = Tensor.custom(Tensor.noGrad(() -> w.mul(x).sum()), List.of(x), g -> {
      Tensor probe = x.detach().requiresGrad();
      List<Tensor> inner = Tensor.gradients(w.mul(probe).sum(), Tensor.scalar(1), List.of(probe, w));
      assertArrayEquals(new double[] {0.5, -1, 4}, inner.get(1).toArray(), 0, "inner gradient for w");
      return List.of(inner.get(0).mul(g.item()));
    });
    // The walk meets w before c and w.sum() after it, so the nested walk runs between the two.
    w.mul(0).sum().add(c).add(w.sum()).backward(Tensor.scalar(1), true);
    // d/dp of Σ 2p (through w.sum()); the custom node does not pass a gradient to p.
    assertArrayEquals(new double[] {2, 2, 2}, p.grad().toArray(), 0);
    assertArrayEquals(new double[] {2, 4, 6}, x.grad().toArray(), 0);
  }

  @Test
  void tapeBytesCountTheRecordedIntermediatesOnly() {
    Tensor x = Tensor.of(1, 2, 3).requiresGrad();
    Tensor w = Tensor.of(new double[][] {{1, 0}, {0, 1}, {1, 1}}).requiresGrad();
    Tensor y = x.reshape(1, 3).matmul(w);
    Tensor loss = y.mul(y).sum();
    // reshape [1, 3] (3 values), matmul [1, 2] (2), mul [1, 2] (2), sum (1): 8 values of 8 bytes.
    assertEquals(8 * 8, loss.tapeBytes());
    assertEquals(0, x.tapeBytes());
    assertEquals(0, Tensor.noGrad(() -> x.mul(2).sum()).tapeBytes());
  }

  @Test
  void microgradSanityExpressionHasItsHandDerivedGradient() {
    // z = 2x + 2 + x;  q = relu(z) + z·x;  h = relu(z·z);  y = h + q + q·x at x = −4.
    // z = −10, q = 0 + 40 = 40, h = 100, y = 100 + 40 − 160 = −20.
    // dz/dx = 3; dq/dx = relu'(z)·3 + (3x + z) = 0 − 22 = −22; dh/dx = 2z·3 = −60;
    // dy/dx = dh/dx + dq/dx + (x·dq/dx + q) = −60 − 22 + 88 + 40 = 46 (micrograd's test_sanity_check).
    Tensor x = Tensor.scalar(-4).requiresGrad();
    Tensor z = x.mul(2).add(2).add(x);
    Tensor q = z.relu().add(z.mul(x));
    Tensor h = z.mul(z).relu();
    Tensor y = h.add(q).add(q.mul(x));
    y.backward();
    assertEquals(-20, y.item(), 1e-12);
    assertEquals(46, x.grad().item(), 1e-12);
  }

  @Test
  void rationalExpressionHasItsHandDerivedGradients() {
    // f(a, b) = (a·b + b³) / a at a = 2, b = 3: f = (6 + 27)/2 = 16.5,
    // ∂f/∂a = (b·a − (a·b + b³)) / a² = (6 − 33)/4 = −6.75,  ∂f/∂b = (a + 3b²)/a = 29/2 = 14.5.
    Tensor a = Tensor.scalar(2).requiresGrad();
    Tensor b = Tensor.scalar(3).requiresGrad();
    Tensor f = a.mul(b).add(b.pow(3)).div(a);
    f.backward();
    assertEquals(16.5, f.item(), 1e-12);
    assertEquals(-6.75, a.grad().item(), 1e-12);
    assertEquals(14.5, b.grad().item(), 1e-12);
  }

  @Test
  void tensorUsedTwiceAccumulatesBothPaths() {
    // y = Σ (x·x + 3x)  ⇒  dy/dx = 2x + 3.
    Tensor x = Tensor.of(1, -2, 0.5).requiresGrad();
    x.mul(x).add(x.mul(3)).sum().backward();
    assertArrayEquals(new double[] {5, -1, 4}, x.grad().toArray(), 1e-15);
  }

  @Test
  void broadcastGradientIsSummedOverTheBroadcastAxes() {
    Tensor bias = Tensor.of(1, 2, 3).requiresGrad();
    Tensor x = Tensor.ones(4, 3);
    x.add(bias).sum().backward();
    assertArrayEquals(new double[] {4, 4, 4}, bias.grad().toArray(), 0);
  }

  @Test
  void gradientsAccumulateAcrossBackwardCallsUntilZeroed() {
    Tensor x = Tensor.of(2).requiresGrad();
    x.square().sum().backward();
    x.square().sum().backward();
    assertEquals(8, x.grad().item(), 0);
    x.zeroGrad();
    assertNull(x.grad());
  }

  @Test
  void secondBackwardThroughAReleasedGraphIsExplained() {
    Tensor x = Tensor.of(1, 2).requiresGrad();
    Tensor y = x.exp().sum();
    y.backward();
    var e = assertThrows(IllegalStateException.class, y::backward);
    assertTrue(e.getMessage().contains("released") && e.getMessage().contains("retain"), e.getMessage());
  }

  @Test
  void retainedGraphCanBeWalkedTwice() {
    Tensor x = Tensor.of(1, 2).requiresGrad();
    Tensor y = x.square().sum();
    y.backward(Tensor.scalar(1), true);
    y.backward(Tensor.scalar(1), true);
    assertArrayEquals(new double[] {4, 8}, x.grad().toArray(), 0);
  }

  @Test
  void backwardOnANonScalarNeedsASeed() {
    Tensor x = Tensor.of(1, 2).requiresGrad();
    var e = assertThrows(IllegalStateException.class, () -> x.mul(2).backward());
    assertTrue(e.getMessage().contains("seed"), e.getMessage());
    x.mul(2).backward(Tensor.of(1, 10));
    assertArrayEquals(new double[] {2, 20}, x.grad().toArray(), 0);
    var shape = assertThrows(IllegalArgumentException.class, () -> x.mul(2).backward(Tensor.of(1)));
    assertTrue(shape.getMessage().contains("[1]") && shape.getMessage().contains("[2]"), shape.getMessage());
  }

  @Test
  void backwardOnATensorWithoutGradientIsExplained() {
    var e = assertThrows(IllegalStateException.class, () -> Tensor.of(1).sum().backward());
    assertTrue(e.getMessage().contains("requiresGrad()"), e.getMessage());
  }

  @Test
  void noGradScopeRecordsNothingAndNests() {
    Tensor x = Tensor.of(1, 2).requiresGrad();
    try (var off = Tensor.noGrad()) {
      assertFalse(Tensor.isGradEnabled());
      try (var inner = Tensor.noGrad()) {
        assertFalse(x.mul(2).requiresGradient());
      }
      assertFalse(Tensor.isGradEnabled());
      assertTrue(x.mul(2).isLeaf());
    }
    assertTrue(Tensor.isGradEnabled());
    assertTrue(x.mul(2).requiresGradient());
    assertEquals(6.0, Tensor.noGrad(() -> x.sum().mul(2)).item());
  }

  @Test
  void vjpAndGradientsLeaveGradUntouched() {
    Tensor x = Tensor.of(1, 2, 3).requiresGrad();
    Tensor v = Tensor.of(1, 0, -1);
    // f(x) = x², vᵀ J = v·2x.
    assertArrayEquals(new double[] {2, 0, -6}, Tensor.vjp(t -> t.square(), x, v).toArray(), 0);
    Tensor w = Tensor.of(5).requiresGrad();
    Tensor unused = Tensor.of(7).requiresGrad();
    Tensor y = x.sum().mul(w);
    List<Tensor> g = Tensor.gradients(y, Tensor.of(1), List.of(w, unused));
    assertEquals(6, g.get(0).item(), 0);
    assertEquals(0, g.get(1).item(), 0);
    assertNull(x.grad());
    assertNull(w.grad());
  }

  @Test
  void leavesAreFoundFromTheTape() {
    Tensor a = Tensor.of(1).requiresGrad();
    Tensor b = Tensor.of(2).requiresGrad();
    Tensor constant = Tensor.of(3);
    Tensor y = a.mul(b).add(a).add(constant);
    List<Tensor> leaves = y.leaves();
    assertEquals(2, leaves.size());
    assertTrue(leaves.contains(a) && leaves.contains(b));
    assertSame(a, leaves.stream().filter(t -> t == a).findFirst().orElseThrow());
    assertEquals(List.of(), constant.leaves());
  }

  @Test
  void assignOverwritesLeavesOnly() {
    Tensor w = Tensor.zeros(2).requiresGrad();
    w.assign(new double[] {1, 2});
    assertArrayEquals(new double[] {1, 2}, w.toArray(), 0);
    assertThrows(IllegalStateException.class, () -> w.mul(2).assign(new double[] {0, 0}));
    var e = assertThrows(IllegalArgumentException.class, () -> w.assign(new double[] {1}));
    assertTrue(e.getMessage().contains("[2]"), e.getMessage());
  }

  @Test
  void requiresGradOnlyOnLeavesAndDetachCutsTheGraph() {
    Tensor x = Tensor.of(1).requiresGrad();
    Tensor y = x.mul(3);
    var e = assertThrows(IllegalStateException.class, y::requiresGrad);
    assertTrue(e.getMessage().contains("mul"), e.getMessage());
    assertFalse(y.detach().requiresGradient());
    assertTrue(y.detach().isLeaf());
  }

  @Test
  void longChainsDoNotOverflowTheStack() {
    Tensor x = Tensor.of(1.0).requiresGrad();
    Tensor y = x;
    for (int i = 0; i < 100_000; i++) {
      y = y.mul(1.0);
    }
    y.sum().backward();
    assertEquals(1.0, x.grad().item(), 0);
  }

  @Test
  void customGradientWithWrongCountOrShapeIsReported() {
    Tensor x = Tensor.of(1, 2).requiresGrad();
    Tensor bad = Tensor.custom(x.detach(), List.of(x), g -> List.of());
    assertThrows(IllegalStateException.class, () -> bad.sum().backward());
    Tensor badShape = Tensor.custom(x.detach(), List.of(x), g -> List.of(Tensor.zeros(3)));
    assertThrows(IllegalStateException.class, () -> badShape.sum().backward());
  }
}
