package org.nodelab.tensor;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Gradient buffers of one backward walk: computed tensors of the walk by their place in its order
 * (valid while the walk runs), anything else (leaves) by identity.
 */
final class Gradients {
  private final long stamp;
  private final List<Tensor> order;
  private final double[][] computed;
  private final Map<Tensor, double[]> others = new IdentityHashMap<>();

  Gradients(long stamp, List<Tensor> order) {
    this.stamp = stamp;
    this.order = order;
    this.computed = new double[order.size()][];
  }

  /** The walk's order: parents before children. */
  List<Tensor> order() {
    return order;
  }

  /** The buffer to accumulate into for {@code t}, or {@code null} if {@code t} needs no gradient. */
  double[] of(Tensor t) {
    if (!t.requiresGradient()) {
      return null;
    }
    if (inWalk(t)) {
      double[] g = computed[t.walkSlot];
      if (g == null) {
        g = new double[t.size()];
        computed[t.walkSlot] = g;
      }
      return g;
    }
    return others.computeIfAbsent(t, k -> new double[k.size()]);
  }

  double[] peek(Tensor t) {
    return inWalk(t) ? computed[t.walkSlot] : others.get(t);
  }

  void seed(Tensor t, double[] g) {
    if (inWalk(t)) {
      computed[t.walkSlot] = g;
    } else {
      others.put(t, g);
    }
  }

  /** Keeps the buffers of {@code wanted} readable by identity once the walk's marks are gone. */
  void keep(List<Tensor> wanted) {
    for (Tensor t : wanted) {
      if (inWalk(t) && computed[t.walkSlot] != null) {
        others.put(t, computed[t.walkSlot]);
      }
    }
  }

  private boolean inWalk(Tensor t) {
    return t.node() != null && t.walkStamp == stamp;
  }
}
