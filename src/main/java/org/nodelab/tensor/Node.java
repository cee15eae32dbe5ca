package org.nodelab.tensor;

/**
 * The tape entry of a tensor computed by an operation: its parents, its backward closure on arrays
 * (the fast first-order path) and the same backward written in differentiable tensor operations
 * (used when gradients are themselves recorded, for derivatives of derivatives).
 */
final class Node {
  /** Propagates the gradient of the node's output into the parents' gradient buffers. */
  @FunctionalInterface
  interface Backward {
    void apply(double[] gradOut, Gradients sink);
  }

  /**
   * The backward pass as tensor operations: the gradient of each parent (shaped like it, or
   * {@code null} where the parent needs none) from the output's gradient, recorded on the tape;
   * {@code wanted[k]} says whether parent k's gradient is asked for (others may be left null).
   */
  @FunctionalInterface
  interface Differentiable {
    Tensor[] apply(Tensor gradOut, boolean[] wanted);
  }

  final String op;
  final Tensor[] parents;
  private Backward backward;
  private final Differentiable differentiable;
  /** Values the backward closure keeps beyond the parents and the output (a fused operation's intermediates). */
  long keptValues;

  Node(String op, Tensor[] parents, Backward backward, Differentiable differentiable) {
    this.op = op;
    this.parents = parents;
    this.backward = backward;
    this.differentiable = differentiable;
  }

  void run(double[] gradOut, Gradients sink, boolean retain) {
    if (backward == null) {
      throw new IllegalStateException(
          "the graph through '" + op + "' was already released by an earlier backward(); "
              + "recompute the forward pass, or call backward(seed, true) (retainGraph) to keep the graph");
    }
    Backward b = backward;
    if (!retain) {
      backward = null;
    }
    b.apply(gradOut, sink);
  }

  /** The parents' gradients as recorded tensor operations ({@code wanted}: which are needed). */
  Tensor[] runDifferentiable(Tensor gradOut, boolean[] wanted) {
    if (backward == null) {
      throw new IllegalStateException(
          "the graph through '" + op + "' was already released by an earlier backward(); "
              + "recompute the forward pass, or call backward(seed, true) (retainGraph) to keep the graph");
    }
    if (differentiable == null) {
      throw new UnsupportedOperationException("'" + op + "' has no differentiable backward pass, so gradients "
          + "through it cannot be differentiated again (createGraph)");
    }
    Tensor[] grads = differentiable.apply(gradOut, wanted);
    if (grads.length != parents.length) {
      throw new IllegalStateException(
          "'" + op + "' gave " + grads.length + " gradients for " + parents.length + " parents");
    }
    return grads;
  }
}
