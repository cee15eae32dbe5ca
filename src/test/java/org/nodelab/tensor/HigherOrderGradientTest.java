package org.nodelab.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Recorded gradients ({@code createGraph}) of every operation: Hessian–vector products of a
 * composite scalar {@code Σ sin(c ⊙ op(inputs))} against central differences of the first-order
 * gradient along the same direction (step 1e-5: the quotient errs by O(ε²) plus rounding, about
 * 1e-9 here; tolerance 1e-6 relative to the largest component), and the recorded first-order
 * gradient against the fast array path (1e-12).
 */
class HigherOrderGradientTest {
  private static final double STEP = 1e-5;
  private static final double TOLERANCE = 1e-6;

  private static Tensor a(long seed, int... shape) {
    return Tensor.randn(seed, shape);
  }

  private static Tensor positive(long seed, int... shape) {
    return Tensor.rand(seed, shape).add(0.5);
  }

  private static Tensor awayFromZero(long seed, int... shape) {
    double[] v = Tensor.randn(seed, shape).toArray();
    for (int i = 0; i < v.length; i++) {
      v[i] = v[i] + Math.copySign(0.3, v[i]);
    }
    return Tensor.of(v, shape);
  }

  private static Arguments op(String name, Function<List<Tensor>, Tensor> f, Tensor... inputs) {
    return Arguments.of(name, f, List.of(inputs));
  }

  private static Arguments unary(String name, Function<Tensor, Tensor> f, Tensor x) {
    return op(name, in -> f.apply(in.get(0)), x);
  }

  static Stream<Arguments> operations() {
    Tensor x = a(1, 3, 4);
    Tensor p = positive(2, 3, 4);
    Tensor away = awayFromZero(3, 3, 4);
    List<Arguments> ops = new ArrayList<>(List.of(
        op("add, broadcast", in -> in.get(0).add(in.get(1)), a(4, 3, 4), a(5, 4)),
        op("sub, broadcast", in -> in.get(0).sub(in.get(1)), a(6, 2, 3), a(7, 2, 1)),
        op("mul, broadcast", in -> in.get(0).mul(in.get(1)), a(8, 3, 4), a(9, 1, 4)),
        op("div", in -> in.get(0).div(in.get(1)), a(10, 3, 4), positive(11, 3, 4)),
        op("div, broadcast", in -> in.get(0).div(in.get(1)), a(12, 2, 3), positive(13, 3)),
        unary("scalar add, sub, mul, div, neg", t -> t.mul(3).add(1).div(2).sub(0.5).neg(), x),
        unary("pow 3", t -> t.pow(3), x),
        unary("pow 2.5", t -> t.pow(2.5), p),
        unary("square", Tensor::square, x),
        unary("sqrt", Tensor::sqrt, p),
        unary("abs", Tensor::abs, away),
        unary("exp", Tensor::exp, x),
        unary("log", Tensor::log, p),
        unary("sin", Tensor::sin, x),
        unary("cos", Tensor::cos, x),
        unary("tanh", Tensor::tanh, x),
        unary("sigmoid", Tensor::sigmoid, x),
        unary("relu", Tensor::relu, away),
        unary("softplus", Tensor::softplus, x),
        unary("elu", Tensor::elu, away),
        unary("elu 0.7", t -> t.elu(0.7), away),
        op("combine", in -> Tensor.combine(in.get(0), new double[] {0.5, 0, -2}, new Tensor[] {in.get(1), null, in.get(2)}),
            a(14, 3, 4), a(15, 3, 4), a(16, 3, 4)),
        op("combine without base", in -> Tensor.combine(null, new double[] {1.5, 1}, new Tensor[] {in.get(0), in.get(1)}),
            a(17, 2, 3), a(18, 2, 3)),
        op("matmul", in -> in.get(0).matmul(in.get(1)), a(19, 3, 4), a(20, 4, 2)),
        op("matmul, batched", in -> in.get(0).matmul(in.get(1)), a(21, 2, 3, 4), a(22, 2, 4, 2)),
        op("matmul, batch times matrix", in -> in.get(0).matmul(in.get(1)), a(23, 2, 3, 4), a(24, 4, 2)),
        op("matmul, matrix times batch", in -> in.get(0).matmul(in.get(1)), a(25, 3, 4), a(26, 2, 4, 2)),
        op("matmul, vector", in -> in.get(0).matmul(in.get(1)), a(27, 4), a(28, 4, 3)),
        unary("transpose", t -> t.transpose(0, 2), a(29, 2, 3, 4)),
        unary("reshape", t -> t.reshape(4, -1), x),
        unary("slice", t -> t.slice(1, 1, 3), x),
        op("concat", in -> Tensor.concat(1, in.get(0), in.get(1)), a(30, 2, 3), a(31, 2, 2)),
        unary("sum", t -> t.sum().mul(t), x),
        unary("sum along an axis", t -> t.sum(0, false), x),
        unary("sum along an axis, kept", t -> t.sum(1, true).mul(t), x),
        unary("mean", t -> t.mean().mul(t), x),
        unary("mean along an axis", t -> t.mean(1, false), x),
        unary("max along an axis", t -> t.max(1, true).mul(t), x),
        unary("softmax", t -> t.softmax(1), x),
        unary("logSoftmax", t -> t.logSoftmax(0), x),
        op("custom with a tensor vjp", in -> Tensor.custom(in.get(0).square(), List.of(in.get(0)),
            g -> List.of(g.mul(in.get(0)).mul(2))), x),
        unary("avgPool2d", t -> t.avgPool2d(2, 2), a(32, 2, 2, 4, 4)),
        unary("avgPool2d, overlapping", t -> t.avgPool2d(3, 1), a(33, 1, 2, 4, 4)),
        unary("maxPool2d", t -> t.maxPool2d(2, 2), a(34, 2, 2, 4, 4)),
        unary("globalAvgPool", Tensor::globalAvgPool, a(35, 2, 3, 3, 3)),
        op("conv2d, padding 1", in -> in.get(0).conv2d(in.get(1), in.get(2), 1, 1),
            a(36, 2, 2, 5, 5), a(37, 3, 2, 3, 3), a(38, 3)),
        op("conv2d, stride 2", in -> in.get(0).conv2d(in.get(1), null, 2, 0), a(39, 1, 2, 6, 6), a(40, 2, 2, 3, 3)),
        op("groupNorm", in -> in.get(0).groupNorm(2, in.get(1), in.get(2), 1e-5),
            a(41, 2, 4, 3, 3), positive(42, 4), a(43, 4)),
        unary("groupNorm, no affine", t -> t.groupNorm(1, null, null, 1e-5), a(44, 2, 2, 3)),
        op("conv2d with a constant channel", in -> in.get(0).conv2dWithConstantChannel(0.7, in.get(1), in.get(2), 1, 1),
            a(56, 2, 2, 4, 4), a(57, 3, 3, 3, 3), a(58, 3)),
        op("groupNorm with relu", in -> in.get(0).groupNorm(2, in.get(1), in.get(2), 1e-5, Activation.RELU),
            a(48, 2, 4, 3, 3), positive(49, 4), a(52, 4)),
        op("groupNorm with tanh", in -> in.get(0).groupNorm(2, in.get(1), in.get(2), 1e-5, Activation.TANH),
            a(53, 2, 4, 3, 3), positive(54, 4), a(55, 4))));
    for (Activation act : Activation.values()) {
      ops.add(op("affine " + act, in -> in.get(0).affine(in.get(1), in.get(2), act),
          awayFromZero(45, 5, 3), a(46, 3, 4), a(47, 4)));
    }
    for (Activation act : Activation.values()) {
      Tensor y = act == Activation.TANH || act == Activation.SIGMOID ? Tensor.rand(50, 3, 4).mul(0.8).add(0.1)
          : awayFromZero(51, 3, 4);
      ops.add(op("activation gradient " + act, in -> Derivatives.activationGradient(act, in.get(0), in.get(1)),
          y, a(52, 3, 4)));
    }
    ops.add(op("affine, batch of matrices", in -> in.get(0).affine(in.get(1), null, Activation.TANH),
        a(48, 2, 5, 3), a(49, 3, 4)));
    return ops.stream();
  }

  /** {@code Σ sin(c ⊙ y)} with fixed weights c: curved in every direction. */
  private static Tensor score(Tensor y) {
    return y.mul(Tensor.randn(99, y.shape()).add(0.5)).sin().sum();
  }

  private static List<Tensor> leaves(List<Tensor> inputs, List<Tensor> shift, double by) {
    List<Tensor> out = new ArrayList<>();
    for (int i = 0; i < inputs.size(); i++) {
      Tensor v = shift == null ? inputs.get(i) : inputs.get(i).add(shift.get(i).mul(by));
      out.add(v.detach().requiresGrad());
    }
    return out;
  }

  private static List<Tensor> firstOrder(Function<List<Tensor>, Tensor> f, List<Tensor> at) {
    return Tensor.gradients(score(f.apply(at)), Tensor.scalar(1), at);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("operations")
  void hessianVectorProductMatchesDifferencesOfTheGradient(String name, Function<List<Tensor>, Tensor> f,
      List<Tensor> inputs) {
    List<Tensor> x = leaves(inputs, null, 0);
    List<Tensor> v = new ArrayList<>();
    for (int i = 0; i < x.size(); i++) {
      v.add(Tensor.randn(200 + i, x.get(i).shape()));
    }
    List<Tensor> grads = Tensor.gradients(score(f.apply(x)), Tensor.scalar(1), x, true);
    List<Tensor> fast = firstOrder(f, leaves(inputs, null, 0));
    Tensor gv = Tensor.scalar(0);
    for (int i = 0; i < x.size(); i++) {
      assertClose(fast.get(i), grads.get(i), 1e-12, name + ": recorded gradient " + i);
      gv = gv.add(grads.get(i).mul(v.get(i)).sum());
    }
    List<Tensor> hv = Tensor.gradients(gv, Tensor.scalar(1), x);
    List<Tensor> plus = firstOrder(f, leaves(inputs, v, STEP));
    List<Tensor> minus = firstOrder(f, leaves(inputs, v, -STEP));
    double largest = 0;
    for (int i = 0; i < x.size(); i++) {
      Tensor fd = plus.get(i).sub(minus.get(i)).div(2 * STEP);
      largest = Math.max(largest, maxAbs(fd));
      assertClose(fd, hv.get(i), TOLERANCE * (1 + maxAbs(fd)), name + ": Hessian-vector product " + i);
    }
    assertTrue(largest > 1e-3, name + ": the Hessian-vector product should not vanish, largest component " + largest);
  }

  @Test
  void thirdDerivativeOfTanhThroughAffine() {
    Tensor x = Tensor.of(new double[] {0.3, -0.7}, 1, 2).requiresGrad();
    Tensor w = Tensor.of(new double[] {0.5, -1.2, 0.8, 0.4}, 2, 2);
    Function<Tensor, Tensor> f = t -> t.affine(w, null, Activation.TANH).sum();
    Tensor g1 = Tensor.gradients(f.apply(x), Tensor.scalar(1), List.of(x), true).get(0);
    Tensor g2 = Tensor.gradients(g1.sum(), Tensor.scalar(1), List.of(x), true).get(0);
    Tensor g3 = Tensor.gradients(g2.sum(), Tensor.scalar(1), List.of(x)).get(0);
    // Closed form: f = Σ_j tanh(u_j), u = xW; d³/dx_i ... summed: Σ_j tanh'''(u_j)·W_ij·(Σ_k W_kj)².
    double[] xs = {0.3, -0.7};
    double[][] wm = {{0.5, -1.2}, {0.8, 0.4}};
    for (int i = 0; i < 2; i++) {
      double expected = 0;
      for (int j = 0; j < 2; j++) {
        double u = xs[0] * wm[0][j] + xs[1] * wm[1][j];
        double t = Math.tanh(u);
        double third = -2 * (1 - t * t) * (1 - 3 * t * t);
        double colSum = wm[0][j] + wm[1][j];
        expected += third * wm[i][j] * colSum * colSum;
      }
      assertEquals(expected, g3.get(0, i), 1e-12);
    }
  }

  @Test
  void noPathGivesZerosAndPartialsStopAtTheirInputs() {
    Tensor a = Tensor.of(1.0, 2.0).requiresGrad();
    Tensor b = Tensor.of(3.0, 4.0).requiresGrad();
    Tensor unrelated = Tensor.of(5.0).requiresGrad();
    Tensor y = a.mul(b).sum();
    List<Tensor> g = Tensor.gradients(y, Tensor.scalar(1), List.of(a, unrelated), true);
    assertClose(b, g.get(0), 0, "d(a·b)/da");
    assertClose(Tensor.zeros(1), g.get(1), 0, "no path");
    Tensor c = a.mul(2);
    Tensor z = c.mul(a).sum();
    assertClose(a, Tensor.partials(z, Tensor.scalar(1), List.of(c, a)).get(0), 0, "partial in c");
    assertClose(c, Tensor.partials(z, Tensor.scalar(1), List.of(c, a)).get(1), 0, "partial in a, c held");
    assertClose(a.mul(4), Tensor.gradients(z, Tensor.scalar(1), List.of(a), true).get(0), 0, "total in a");
  }

  private static double maxAbs(Tensor t) {
    double m = 0;
    for (double v : t.toArray()) {
      m = Math.max(m, Math.abs(v));
    }
    return m;
  }

  private static void assertClose(Tensor expected, Tensor actual, double tol, String what) {
    assertEquals(java.util.Arrays.toString(expected.shape()), java.util.Arrays.toString(actual.shape()), what + " shape");
    double[] e = expected.toArray();
    double[] x = actual.toArray();
    for (int i = 0; i < e.length; i++) {
      assertEquals(e[i], x[i], tol, what + " at " + i);
    }
  }
}
