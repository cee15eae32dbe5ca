package org.nodelab.tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The backward walk: a topological order of the graph, then each node's closure in reverse. A walk
 * marks the computed tensors it visits with its own stamp and their place in the order, so that no
 * hash lookups are needed for them, and puts the previous marks back when it ends (a walk nested in
 * a backward closure leaves the outer walk's marks intact); leaves, which graphs on several threads
 * may share, are tracked in maps of the walk.
 */
final class Autograd {
  private static final AtomicLong WALKS = new AtomicLong();

  private Autograd() {}

  /** One walk: its stamp, its order, and the marks it replaced. */
  static final class Walk {
    final long stamp = WALKS.incrementAndGet();
    final List<Tensor> order = new ArrayList<>();
    private final List<Tensor> marked = new ArrayList<>();
    private long[] previousStamps = new long[16];
    private int[] previousSlots = new int[16];

    private boolean firstVisit(Tensor t, Map<Tensor, Boolean> visitedLeaves) {
      if (t.node() == null) {
        return visitedLeaves.put(t, Boolean.TRUE) == null;
      }
      if (t.walkStamp == stamp) {
        return false;
      }
      int k = marked.size();
      if (k == previousStamps.length) {
        previousStamps = Arrays.copyOf(previousStamps, 2 * k);
        previousSlots = Arrays.copyOf(previousSlots, 2 * k);
      }
      previousStamps[k] = t.walkStamp;
      previousSlots[k] = t.walkSlot;
      marked.add(t);
      t.walkStamp = stamp;
      return true;
    }

    /** Puts back the marks this walk replaced, latest first. */
    void restore() {
      for (int k = marked.size() - 1; k >= 0; k--) {
        Tensor t = marked.get(k);
        t.walkStamp = previousStamps[k];
        t.walkSlot = previousSlots[k];
      }
    }
  }

  /**
   * Tensors requiring a gradient reachable from {@code root}, parents before children (an
   * iterative depth-first search: graphs through long solves are deep).
   */
  static List<Tensor> order(Tensor root) {
    Walk walk = walk(root);
    walk.restore();
    return walk.order;
  }

  private static Walk walk(Tensor root) {
    Walk walk = new Walk();
    List<Tensor> order = walk.order;
    Map<Tensor, Boolean> visitedLeaves = new IdentityHashMap<>();
    ArrayList<Tensor> stack = new ArrayList<>();
    int[] next = new int[16];
    walk.firstVisit(root, visitedLeaves);
    stack.add(root);
    while (!stack.isEmpty()) {
      int top = stack.size() - 1;
      Tensor t = stack.get(top);
      Node node = t.node();
      int i = next[top];
      if (node != null && i < node.parents.length) {
        next[top] = i + 1;
        Tensor p = node.parents[i];
        if (p != null && p.requiresGradient() && walk.firstVisit(p, visitedLeaves)) {
          stack.add(p);
          if (stack.size() > next.length) {
            next = Arrays.copyOf(next, 2 * next.length);
          }
          next[stack.size() - 1] = 0;
        }
      } else {
        stack.remove(top);
        if (node != null) {
          t.walkSlot = order.size();
        }
        order.add(t);
      }
    }
    return walk;
  }

  private static boolean isWanted(Tensor t, List<Tensor> wanted) {
    for (Tensor w : wanted) {
      if (w == t) {
        return true;
      }
    }
    return false;
  }

  /**
   * Runs the backward closures from {@code root} seeded with {@code seed}; returns the gradients,
   * which stay readable for the leaves and for the tensors in {@code wanted} after the walk.
   */
  static Gradients run(Tensor root, double[] seed, boolean retain, List<Tensor> wanted) {
    Walk walk = walk(root);
    try {
      Gradients sink = new Gradients(walk.stamp, walk.order);
      sink.seed(root, seed);
      for (int i = walk.order.size() - 1; i >= 0; i--) {
        Tensor t = walk.order.get(i);
        Node node = t.node();
        if (node == null) {
          continue;
        }
        double[] g = sink.peek(t);
        if (g != null) {
          node.run(g, sink, retain);
          AnomalyMode.backward(node, g, sink);
          if (!isWanted(t, wanted)) {
            sink.release(t);
          }
        }
      }
      sink.keep(wanted);
      return sink;
    } finally {
      walk.restore();
    }
  }
}
