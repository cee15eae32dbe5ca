package org.nodelab.tensor;

/** The tape entry of a tensor computed by an operation: its parents and its backward closure. */
final class Node {
  /** Propagates the gradient of the node's output into the parents' gradient buffers. */
  @FunctionalInterface
  interface Backward {
    void apply(double[] gradOut, Gradients sink);
  }

  final String op;
  final Tensor[] parents;
  private Backward backward;

  Node(String op, Tensor[] parents, Backward backward) {
    this.op = op;
    this.parents = parents;
    this.backward = backward;
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
}
