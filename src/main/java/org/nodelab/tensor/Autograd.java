package org.nodelab.tensor;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/** The backward walk: a topological order of the graph, then each node's closure in reverse. */
final class Autograd {
  private Autograd() {}

  /**
   * Tensors requiring a gradient reachable from {@code root}, parents before children (an
   * iterative depth-first search: graphs through long solves are deep).
   */
  static List<Tensor> order(Tensor root) {
    List<Tensor> order = new ArrayList<>();
    Map<Tensor, Boolean> visited = new IdentityHashMap<>();
    ArrayList<Tensor> stack = new ArrayList<>();
    ArrayList<Integer> next = new ArrayList<>();
    stack.add(root);
    next.add(0);
    visited.put(root, Boolean.TRUE);
    while (!stack.isEmpty()) {
      int top = stack.size() - 1;
      Tensor t = stack.get(top);
      Node node = t.node();
      int i = next.get(top);
      if (node != null && i < node.parents.length) {
        next.set(top, i + 1);
        Tensor p = node.parents[i];
        if (p != null && p.requiresGradient() && visited.put(p, Boolean.TRUE) == null) {
          stack.add(p);
          next.add(0);
        }
      } else {
        stack.remove(top);
        next.remove(top);
        order.add(t);
      }
    }
    return order;
  }

  /** Runs the backward closures from {@code root} seeded with {@code seed}; returns the order used. */
  static List<Tensor> run(Tensor root, double[] seed, Gradients sink, boolean retain) {
    List<Tensor> order = order(root);
    sink.seed(root, seed);
    for (int i = order.size() - 1; i >= 0; i--) {
      Tensor t = order.get(i);
      Node node = t.node();
      if (node == null) {
        continue;
      }
      double[] g = sink.peek(t);
      if (g != null) {
        node.run(g, sink, retain);
      }
    }
    return order;
  }
}
