package org.nodelab.tensor;

import java.util.Locale;

/** Readable text for tensors: shape, then nested values, long axes abbreviated with "...". */
final class TensorFormat {
  private static final int EDGE = 3;
  private static final int FULL_AXIS = 8;

  private TensorFormat() {}

  static String format(Tensor t) {
    StringBuilder sb = new StringBuilder("Tensor").append(Shapes.str(t.shapeRef())).append(' ');
    int[] shape = t.shapeRef();
    if (shape.length == 0) {
      sb.append(number(t.data()[0]));
    } else {
      append(sb, t.data(), shape, 0, 0);
    }
    if (t.requiresGradient()) {
      sb.append(t.isLeaf() ? " requiresGrad" : " grad_fn=" + t.node().op);
    }
    return sb.toString();
  }

  private static void append(StringBuilder sb, double[] d, int[] shape, int axis, int offset) {
    int len = shape[axis];
    int stride = Shapes.product(shape, axis + 1, shape.length);
    sb.append('[');
    boolean abbreviate = len > FULL_AXIS;
    for (int i = 0; i < len; i++) {
      if (abbreviate && i == EDGE) {
        sb.append("..., ");
        i = len - EDGE;
      }
      if (axis == shape.length - 1) {
        sb.append(number(d[offset + i]));
      } else {
        append(sb, d, shape, axis + 1, offset + i * stride);
      }
      if (i < len - 1) {
        sb.append(", ");
      }
    }
    sb.append(']');
  }

  private static String number(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return String.format(Locale.ROOT, "%.1f", v);
    }
    return String.format(Locale.ROOT, "%.6g", v);
  }
}
