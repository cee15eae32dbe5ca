package org.nodelab.tensor;

import java.util.Arrays;

/** Shape-changing operations (reshape, transpose, slice, concat) with their backward passes. */
final class Reshaping {
  private Reshaping() {}

  static Tensor reshape(Tensor a, int[] requested) {
    int[] shape = requested.clone();
    int inferred = -1;
    long known = 1;
    for (int i = 0; i < shape.length; i++) {
      if (shape[i] == -1) {
        if (inferred >= 0) {
          throw new IllegalArgumentException("reshape: only one -1 allowed in " + Arrays.toString(requested));
        }
        inferred = i;
      } else if (shape[i] < 0) {
        throw new IllegalArgumentException("reshape: negative dimension in " + Arrays.toString(requested));
      } else {
        known *= shape[i];
      }
    }
    if (inferred >= 0 && known > 0 && a.size() % known == 0) {
      shape[inferred] = (int) (a.size() / known);
    }
    if (inferred >= 0 && shape[inferred] < 0 || Shapes.size(shape) != a.size()) {
      throw new IllegalArgumentException(
          "reshape: cannot view shape " + Shapes.str(a.shapeRef()) + " (" + a.size() + " elements) as "
              + Arrays.toString(requested));
    }
    Tensor out = Tensor.result(a.data().clone(), shape);
    if (!Tensor.recording(a)) {
      return out;
    }
    int[] original = a.shapeRef().clone();
    return out.record("reshape", new Tensor[] {a}, (g, s) -> Kernels.scatterAdd(g, null, s.of(a)),
        (g, wanted) -> new Tensor[] {g.reshape(original)});
  }

  static Tensor transpose(Tensor a, int axis1, int axis2) {
    int rank = a.rank();
    int p = Shapes.axis(axis1, rank, "transpose");
    int q = Shapes.axis(axis2, rank, "transpose");
    int[] perm = new int[rank];
    for (int i = 0; i < rank; i++) {
      perm[i] = i;
    }
    perm[p] = q;
    perm[q] = p;
    int[] src = a.shapeRef();
    int[] shape = new int[rank];
    for (int i = 0; i < rank; i++) {
      shape[i] = src[perm[i]];
    }
    int[] map = permutationMap(src, perm, shape);
    double[] x = a.data();
    double[] y = new double[x.length];
    for (int i = 0; i < y.length; i++) {
      y[i] = x[map[i]];
    }
    Tensor out = Tensor.result(y, shape);
    if (!Tensor.recording(a)) {
      return out;
    }
    return out.record("transpose", new Tensor[] {a}, (g, s) -> Kernels.scatterAdd(g, map, s.of(a)),
        (g, wanted) -> new Tensor[] {g.transpose(p, q)});
  }

  /** For each flat index of the permuted tensor, the flat index in the source. */
  private static int[] permutationMap(int[] src, int[] perm, int[] shape) {
    int[] srcStrides = Shapes.strides(src);
    int rank = shape.length;
    int[] stride = new int[rank];
    for (int i = 0; i < rank; i++) {
      stride[i] = srcStrides[perm[i]];
    }
    return Shapes.offsets(shape, stride);
  }

  static Tensor slice(Tensor a, int axis, int from, int to) {
    int[] src = a.shapeRef();
    int ax = Shapes.axis(axis, src.length, "slice");
    if (from < 0 || to > src[ax] || from > to) {
      throw new IllegalArgumentException(
          "slice: range [" + from + ", " + to + ") is outside axis " + axis + " of length " + src[ax]
              + " (shape " + Shapes.str(src) + ")");
    }
    int outer = Shapes.product(src, 0, ax);
    int inner = Shapes.product(src, ax + 1, src.length);
    int len = to - from;
    int[] shape = src.clone();
    shape[ax] = len;
    double[] x = a.data();
    double[] y = new double[outer * len * inner];
    for (int o = 0; o < outer; o++) {
      System.arraycopy(x, (o * src[ax] + from) * inner, y, o * len * inner, len * inner);
    }
    Tensor out = Tensor.result(y, shape);
    if (!Tensor.recording(a)) {
      return out;
    }
    return out.record("slice", new Tensor[] {a}, (g, s) -> {
      double[] gx = s.of(a);
      for (int o = 0; o < outer; o++) {
        int dst = (o * src[ax] + from) * inner;
        int srcOff = o * len * inner;
        for (int i = 0; i < len * inner; i++) {
          gx[dst + i] += g[srcOff + i];
        }
      }
    }, (g, wanted) -> new Tensor[] {pad(g, ax, from, src[ax] - to)});
  }

  /** {@code g} with {@code before} and {@code after} zero slices along {@code ax} (the adjoint of a slice). */
  private static Tensor pad(Tensor g, int ax, int before, int after) {
    java.util.List<Tensor> parts = new java.util.ArrayList<>();
    int[] shape = g.shapeRef().clone();
    if (before > 0) {
      shape[ax] = before;
      parts.add(Tensor.zeros(shape));
    }
    parts.add(g);
    if (after > 0) {
      shape[ax] = after;
      parts.add(Tensor.zeros(shape));
    }
    return parts.size() == 1 ? g : concat(ax, parts.toArray(new Tensor[0]));
  }

  static Tensor concat(int axis, Tensor... parts) {
    if (parts.length == 0) {
      throw new IllegalArgumentException("concat needs at least one tensor");
    }
    int[] first = parts[0].shapeRef();
    int ax = Shapes.axis(axis, first.length, "concat");
    int total = 0;
    for (int p = 0; p < parts.length; p++) {
      int[] s = parts[p].shapeRef();
      boolean ok = s.length == first.length;
      for (int i = 0; ok && i < s.length; i++) {
        ok = i == ax || s[i] == first[i];
      }
      if (!ok) {
        throw new IllegalArgumentException(
            "concat along axis " + axis + ": part " + p + " has shape " + Shapes.str(s)
                + ", incompatible with part 0 of shape " + Shapes.str(first));
      }
      total += s[ax];
    }
    int outer = Shapes.product(first, 0, ax);
    int inner = Shapes.product(first, ax + 1, first.length);
    int[] shape = first.clone();
    shape[ax] = total;
    double[] y = new double[outer * total * inner];
    int[] offsets = new int[parts.length];
    int at = 0;
    for (int p = 0; p < parts.length; p++) {
      offsets[p] = at;
      int len = parts[p].shapeRef()[ax];
      double[] x = parts[p].data();
      for (int o = 0; o < outer; o++) {
        System.arraycopy(x, o * len * inner, y, (o * total + at) * inner, len * inner);
      }
      at += len;
    }
    Tensor out = Tensor.result(y, shape);
    if (!Tensor.recording(parts)) {
      return out;
    }
    Tensor[] parents = parts.clone();
    final int totalLength = total;
    return out.record("concat", parents, (g, s) -> {
      for (int p = 0; p < parents.length; p++) {
        double[] gp = s.of(parents[p]);
        if (gp == null) {
          continue;
        }
        int len = parents[p].shapeRef()[ax];
        for (int o = 0; o < outer; o++) {
          int src = (o * totalLength + offsets[p]) * inner;
          int dst = o * len * inner;
          for (int i = 0; i < len * inner; i++) {
            gp[dst + i] += g[src + i];
          }
        }
      }
    }, (g, wanted) -> {
      Tensor[] grads = new Tensor[parents.length];
      for (int p = 0; p < parents.length; p++) {
        if (wanted[p]) {
          grads[p] = slice(g, ax, offsets[p], offsets[p] + parents[p].shapeRef()[ax]);
        }
      }
      return grads;
    });
  }
}
