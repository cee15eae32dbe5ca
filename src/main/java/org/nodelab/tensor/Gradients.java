package org.nodelab.tensor;

import java.util.IdentityHashMap;
import java.util.Map;

/** Gradient buffers of one backward pass, keyed by tensor identity. */
final class Gradients {
  private final Map<Tensor, double[]> buffers = new IdentityHashMap<>();

  /** The buffer to accumulate into for {@code t}, or {@code null} if {@code t} needs no gradient. */
  double[] of(Tensor t) {
    if (!t.requiresGradient()) {
      return null;
    }
    return buffers.computeIfAbsent(t, k -> new double[k.size()]);
  }

  double[] peek(Tensor t) {
    return buffers.get(t);
  }

  void seed(Tensor t, double[] g) {
    buffers.put(t, g);
  }

  void drop(Tensor t) {
    buffers.remove(t);
  }
}
