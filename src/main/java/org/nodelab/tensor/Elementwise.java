package org.nodelab.tensor;

import java.util.function.BinaryOperator;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/** Element-wise operations with their backward passes (broadcasting and unbroadcasting). */
final class Elementwise {
  private Elementwise() {}

  static final int ADD = 0;
  static final int SUB = 1;
  static final int MUL = 2;
  static final int DIV = 3;
  private static final String[] NAMES = {"add", "sub", "mul", "div"};

  static Tensor binary(Tensor a, Tensor b, int op) {
    String name = NAMES[op];
    Tensor.nonNull(b, name + " operand");
    int[] shape = Shapes.broadcast(name, a.shapeRef(), b.shapeRef());
    int[] ia = Shapes.indexMap(a.shapeRef(), shape);
    int[] ib = Shapes.indexMap(b.shapeRef(), shape);
    double[] x = Kernels.gather(a.data(), ia);
    double[] y = Kernels.gather(b.data(), ib);
    double[] z = new double[x.length];
    switch (op) {
      case ADD:
        for (int i = 0; i < z.length; i++) {
          z[i] = x[i] + y[i];
        }
        break;
      case SUB:
        for (int i = 0; i < z.length; i++) {
          z[i] = x[i] - y[i];
        }
        break;
      case MUL:
        for (int i = 0; i < z.length; i++) {
          z[i] = x[i] * y[i];
        }
        break;
      default:
        for (int i = 0; i < z.length; i++) {
          z[i] = x[i] / y[i];
        }
    }
    Tensor out = Tensor.result(z, shape == a.shapeRef() ? shape.clone() : shape);
    if (!Tensor.recording(a, b)) {
      return out;
    }
    return out.record(name, new Tensor[] {a, b}, (g, s) -> {
      double[] ga = s.of(a);
      double[] gb = s.of(b);
      if (ga != null) {
        double[] d = g;
        if (op == MUL || op == DIV) {
          d = new double[g.length];
          for (int i = 0; i < d.length; i++) {
            d[i] = op == MUL ? g[i] * y[i] : g[i] / y[i];
          }
        }
        Kernels.scatterAdd(d, ia, ga);
      }
      if (gb != null) {
        double[] d = new double[g.length];
        for (int i = 0; i < d.length; i++) {
          switch (op) {
            case ADD:
              d[i] = g[i];
              break;
            case SUB:
              d[i] = -g[i];
              break;
            case MUL:
              d[i] = g[i] * x[i];
              break;
            default:
              d[i] = -g[i] * x[i] / (y[i] * y[i]);
          }
        }
        Kernels.scatterAdd(d, ib, gb);
      }
    }, (g, wanted) -> binaryGradients(a, b, op, g, wanted));
  }

  /** The gradients of {@code a op b} as tensor operations, summed back to the operands' shapes. */
  private static Tensor[] binaryGradients(Tensor a, Tensor b, int op, Tensor g, boolean[] wanted) {
    Tensor ga = null;
    Tensor gb = null;
    if (wanted[0]) {
      ga = op == MUL ? g.mul(b) : op == DIV ? g.div(b) : g;
      ga = Derivatives.sumTo(ga, a.shapeRef());
    }
    if (wanted[1]) {
      switch (op) {
        case ADD:
          gb = g;
          break;
        case SUB:
          gb = g.neg();
          break;
        case MUL:
          gb = g.mul(a);
          break;
        default:
          gb = g.mul(a).div(b.square()).neg();
      }
      gb = Derivatives.sumTo(gb, b.shapeRef());
    }
    return new Tensor[] {ga, gb};
  }

  /** {@code scale·x + shift}. */
  static Tensor affine(Tensor a, double scale, double shift, String name) {
    double[] x = a.data();
    double[] z = new double[x.length];
    for (int i = 0; i < z.length; i++) {
      z[i] = scale * x[i] + shift;
    }
    Tensor out = Tensor.result(z, a.shape());
    if (!Tensor.recording(a)) {
      return out;
    }
    return out.record(name, new Tensor[] {a}, (g, s) -> Kernels.axpy(scale, g, s.of(a)),
        (g, wanted) -> new Tensor[] {affine(g, scale, 0, "mul")});
  }

  /**
   * {@code y = f(x)} with derivative {@code d(x, y)}, and the same derivative as tensor operations
   * {@code dt(x, y)} for recorded gradients.
   */
  static Tensor unary(Tensor a, String name, DoubleUnaryOperator f, DoubleBinaryOperator d,
      BinaryOperator<Tensor> dt) {
    double[] x = a.data();
    double[] y = new double[x.length];
    for (int i = 0; i < y.length; i++) {
      y[i] = f.applyAsDouble(x[i]);
    }
    Tensor out = Tensor.result(y, a.shape());
    if (!Tensor.recording(a)) {
      return out;
    }
    return out.record(name, new Tensor[] {a}, (g, s) -> {
      double[] gx = s.of(a);
      for (int i = 0; i < gx.length; i++) {
        gx[i] += g[i] * d.applyAsDouble(x[i], y[i]);
      }
    }, (g, wanted) -> new Tensor[] {g.mul(dt.apply(a, out))});
  }
}
