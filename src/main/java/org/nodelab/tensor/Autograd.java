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

  /**
   * The gradients of {@code root} (seeded with {@code seed}) with respect to {@code wrt} as tensors
   * on the tape, from the nodes' differentiable backward passes; only nodes on a path to a tensor of
   * {@code wrt} are differentiated. With {@code cutAtWrt} the walk does not go beyond the tensors of
   * {@code wrt} (partial derivatives: for the local backward of a composite operation).
   */
  static List<Tensor> runRecorded(Tensor root, Tensor seed, List<Tensor> wrt, boolean cutAtWrt) {
    List<Tensor> order = recordedOrder(root, wrt, cutAtWrt);
    Map<Tensor, Boolean> relevant = new IdentityHashMap<>();
    for (Tensor t : order) {
      boolean r = isWanted(t, wrt);
      Node node = t.node();
      if (!r && node != null) {
        for (Tensor p : node.parents) {
          if (p != null && relevant.containsKey(p)) {
            r = true;
            break;
          }
        }
      }
      if (r) {
        relevant.put(t, Boolean.TRUE);
      }
    }
    Map<Tensor, Tensor> grads = new IdentityHashMap<>();
    grads.put(root, seed);
    try (NoGrad on = NoGrad.enable()) {
      for (int i = order.size() - 1; i >= 0; i--) {
        Tensor t = order.get(i);
        Node node = t.node();
        boolean wanted = isWanted(t, wrt);
        Tensor g = wanted ? grads.get(t) : grads.remove(t);
        if (node == null || g == null || !relevant.containsKey(t) || (cutAtWrt && wanted)) {
          continue;
        }
        boolean[] needed = new boolean[node.parents.length];
        for (int k = 0; k < needed.length; k++) {
          needed[k] = node.parents[k] != null && relevant.containsKey(node.parents[k]);
        }
        Tensor[] parentGrads = node.runDifferentiable(g, needed);
        for (int k = 0; k < parentGrads.length; k++) {
          Tensor p = node.parents[k];
          Tensor gp = parentGrads[k];
          if (p == null || gp == null || !relevant.containsKey(p)) {
            continue;
          }
          if (!java.util.Arrays.equals(gp.shapeRef(), p.shapeRef())) {
            throw new IllegalStateException("the differentiable backward of '" + node.op + "' gave a gradient of shape "
                + Shapes.str(gp.shapeRef()) + " for parent " + k + " of shape " + Shapes.str(p.shapeRef()));
          }
          grads.merge(p, gp, Tensor::add);
        }
      }
    }
    List<Tensor> out = new ArrayList<>(wrt.size());
    for (Tensor w : wrt) {
      Tensor g = grads.get(w);
      out.add(g == null ? Tensor.zeros(w.shapeRef()) : g);
    }
    return out;
  }

  /** Parents before children, from {@code root}; with {@code cut} the tensors of {@code wrt} are not expanded. */
  private static List<Tensor> recordedOrder(Tensor root, List<Tensor> wrt, boolean cut) {
    List<Tensor> order = new ArrayList<>();
    Map<Tensor, Boolean> visited = new IdentityHashMap<>();
    ArrayList<Tensor> stack = new ArrayList<>();
    int[] next = new int[16];
    visited.put(root, Boolean.TRUE);
    stack.add(root);
    while (!stack.isEmpty()) {
      int top = stack.size() - 1;
      Tensor t = stack.get(top);
      Node node = t.node();
      int i = next[top];
      boolean expand = node != null && !(cut && isWanted(t, wrt));
      if (expand && i < node.parents.length) {
        next[top] = i + 1;
        Tensor p = node.parents[i];
        if (p != null && p.requiresGradient() && visited.put(p, Boolean.TRUE) == null) {
          stack.add(p);
          if (stack.size() > next.length) {
            next = Arrays.copyOf(next, 2 * next.length);
          }
          next[stack.size() - 1] = 0;
        }
      } else {
        stack.remove(top);
        order.add(t);
      }
    }
    return order;
  }
}
