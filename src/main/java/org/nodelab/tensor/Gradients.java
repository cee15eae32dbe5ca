package org.nodelab.tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Gradient buffers of one backward walk: computed tensors of the walk by their place in its order
 * (valid while the walk runs), anything else (leaves) by identity: the first {@link #FEW} in a
 * list searched in order (a model's few parameters, found without hashing), the rest in a map.
 * The buffer of a computed tensor whose closure has run is spent and serves again (zeroed) as
 * another tensor's buffer or as a closure's temporary array, so a long walk such as the backward
 * pass through a solve reuses a few arrays that stay in cache.
 */
final class Gradients {
  private final long stamp;
  private final List<Tensor> order;
  private final double[][] computed;
  private static final int FEW = 16;
  private final Tensor[] fewKeys = new Tensor[FEW];
  private final double[][] fewBuffers = new double[FEW][];
  private int few;
  private final Map<Tensor, double[]> others = new IdentityHashMap<>();
  /** Spent buffers, searched from the latest by length. */
  private final ArrayList<double[]> spent = new ArrayList<>();

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
        g = reuse(t.size());
        if (g == null) {
          g = new double[t.size()];
        } else {
          Arrays.fill(g, 0.0);
        }
        computed[t.walkSlot] = g;
      }
      return g;
    }
    double[] g = other(t);
    if (g == null) {
      g = new double[t.size()];
      put(t, g);
    }
    return g;
  }

  /**
   * Adds {@code w·g} to the gradient of {@code t} (nothing if {@code t} needs none); a buffer the
   * walk has not given out yet is written rather than zeroed and added to.
   */
  void add(Tensor t, double w, double[] g) {
    if (!t.requiresGradient()) {
      return;
    }
    double[] buffer = peek(t);
    if (buffer != null) {
      Kernels.axpy(w, g, buffer);
      return;
    }
    buffer = inWalk(t) ? reuse(t.size()) : null;
    if (buffer == null) {
      buffer = new double[t.size()];
    }
    if (w == 1) {
      System.arraycopy(g, 0, buffer, 0, g.length);
    } else {
      for (int i = 0; i < g.length; i++) {
        buffer[i] = w * g[i];
      }
    }
    seed(t, buffer);
  }

  double[] peek(Tensor t) {
    return inWalk(t) ? computed[t.walkSlot] : other(t);
  }

  void seed(Tensor t, double[] g) {
    if (inWalk(t)) {
      computed[t.walkSlot] = g;
    } else {
      put(t, g);
    }
  }

  /** Marks the buffer of {@code t}, a computed tensor of the walk whose closure has run, as spent. */
  void release(Tensor t) {
    if (inWalk(t) && computed[t.walkSlot] != null) {
      spent.add(computed[t.walkSlot]);
      computed[t.walkSlot] = null;
    }
  }

  /** An array of length {@code n} with arbitrary contents, for a closure's temporary values. */
  double[] temporary(int n) {
    double[] a = reuse(n);
    return a == null ? new double[n] : a;
  }

  /** Returns an array from {@link #temporary} once the closure no longer reads it. */
  void recycle(double[] a) {
    spent.add(a);
  }

  private double[] reuse(int n) {
    for (int i = spent.size() - 1, seen = 0; i >= 0 && seen < 8; i--, seen++) {
      if (spent.get(i).length == n) {
        double[] a = spent.get(i);
        spent.set(i, spent.get(spent.size() - 1));
        spent.remove(spent.size() - 1);
        return a;
      }
    }
    return null;
  }

  private double[] other(Tensor t) {
    for (int i = 0; i < few; i++) {
      if (fewKeys[i] == t) {
        return fewBuffers[i];
      }
    }
    return few < FEW ? null : others.get(t);
  }

  /** Stores the buffer of a tensor not stored yet (or replaces it). */
  private void put(Tensor t, double[] g) {
    for (int i = 0; i < few; i++) {
      if (fewKeys[i] == t) {
        fewBuffers[i] = g;
        return;
      }
    }
    if (few < FEW) {
      fewKeys[few] = t;
      fewBuffers[few++] = g;
    } else {
      others.put(t, g);
    }
  }

  /** Keeps the buffers of {@code wanted} readable by identity once the walk's marks are gone. */
  void keep(List<Tensor> wanted) {
    for (Tensor t : wanted) {
      if (inWalk(t) && computed[t.walkSlot] != null) {
        put(t, computed[t.walkSlot]);
      }
    }
  }

  private boolean inWalk(Tensor t) {
    return t.node() != null && t.walkStamp == stamp;
  }
}
