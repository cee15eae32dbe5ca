package org.nodelab.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Tensor operations on generated shapes: NumPy's broadcasting rule for every elementwise binary
 * operation (the shape, and each element against an index computed here), the documented {@link
 * IllegalArgumentException} and nothing else for shapes that do not broadcast or axes out of range,
 * and reverse mode against forward finite differences through the identity {@code ⟨Jᵀu, v⟩ = ⟨u, Jv⟩}.
 */
class TensorPropertiesTest {
  private static final List<String> BINARY = List.of("add", "sub", "mul", "div", "tanh-mul", "softmax-of-sum");
  private static final List<String> UNARY = List.of("sin", "exp", "tanh", "sigmoid", "softplus", "log", "sqrt",
      "pow3", "sum-axis", "mean-axis", "max-axis", "log-softmax", "transpose", "sum");

  /** Two shapes that broadcast together, and the shape they broadcast to (computed while generating). */
  record Pair(int[] a, int[] b, int[] out) {
    @Override
    public String toString() {
      return Arrays.toString(a) + " and " + Arrays.toString(b) + " -> " + Arrays.toString(out);
    }
  }

  @Provide
  Arbitrary<Pair> broadcastable() {
    Arbitrary<int[]> out = Arbitraries.integers().between(1, 4).array(int[].class).ofMinSize(0).ofMaxSize(4);
    return Combinators.combine(out, Arbitraries.longs()).as((o, seed) -> {
      SplittableRandom r = new SplittableRandom(seed);
      int[] a = operand(o, r);
      int[] b = operand(o, r);
      int rank = Math.max(a.length, b.length);
      int[] expected = new int[rank];
      for (int i = 0; i < rank; i++) {
        int da = i < rank - a.length ? 1 : a[i - rank + a.length];
        int db = i < rank - b.length ? 1 : b[i - rank + b.length];
        expected[i] = Math.max(da, db);
      }
      return new Pair(a, b, expected);
    });
  }

  /** A trailing part of {@code out} with some dimensions set to 1. */
  private static int[] operand(int[] out, SplittableRandom r) {
    int rank = r.nextInt(out.length + 1);
    int[] s = Arrays.copyOfRange(out, out.length - rank, out.length);
    for (int i = 0; i < s.length; i++) {
      if (r.nextInt(3) == 0) {
        s[i] = 1;
      }
    }
    return s;
  }

  private static Tensor random(int[] shape, long seed, double lo, double hi) {
    double[] v = new double[Arrays.stream(shape).reduce(1, (x, y) -> x * y)];
    SplittableRandom r = new SplittableRandom(seed);
    for (int i = 0; i < v.length; i++) {
      v[i] = lo + (hi - lo) * r.nextDouble();
    }
    return Tensor.of(v, shape);
  }

  private static BinaryOperator<Tensor> binary(String op) {
    return switch (op) {
      case "add" -> Tensor::add;
      case "sub" -> Tensor::sub;
      case "mul" -> Tensor::mul;
      case "div" -> Tensor::div;
      case "tanh-mul" -> (a, b) -> a.tanh().mul(b);
      case "softmax-of-sum" -> (a, b) -> a.add(b).rank() == 0 ? a.add(b).exp() : a.add(b).softmax(-1);
      default -> throw new IllegalArgumentException(op);
    };
  }

  /** The value at {@code index} of the output, read from an operand of shape {@code s} as broadcasting reads it. */
  private static double at(Tensor t, int[] outIndex) {
    int[] s = t.shape();
    int[] idx = new int[s.length];
    for (int i = 0; i < s.length; i++) {
      idx[i] = s[i] == 1 ? 0 : outIndex[outIndex.length - s.length + i];
    }
    return t.get(idx);
  }

  @Property(tries = 150, seed = "20")
  void elementwiseOperationsBroadcastAsNumPyDoes(@ForAll("broadcastable") Pair p, @ForAll long seed) {
    Tensor a = random(p.a(), seed, -2, 2);
    Tensor b = random(p.b(), seed + 1, 0.5, 2);
    for (String op : List.of("add", "sub", "mul", "div")) {
      Tensor y = binary(op).apply(a, b);
      assertArrayEquals(p.out(), y.shape(), op + " " + p);
      int[] index = new int[p.out().length];
      for (int k = 0; k < y.size(); k++) {
        double x = at(a, index);
        double w = at(b, index);
        double expected = switch (op) {
          case "add" -> x + w;
          case "sub" -> x - w;
          case "mul" -> x * w;
          default -> x / w;
        };
        assertEquals(expected, y.get(index), 0.0, op + " " + p + " at " + Arrays.toString(index));
        increment(index, p.out());
      }
    }
  }

  private static void increment(int[] index, int[] shape) {
    for (int i = index.length - 1; i >= 0; i--) {
      if (++index[i] < shape[i]) {
        return;
      }
      index[i] = 0;
    }
  }

  @Property(tries = 100, seed = "21")
  void shapesThatDoNotBroadcastGiveTheDocumentedErrorAndNoOther(@ForAll("broadcastable") Pair p,
      @ForAll @IntRange(min = 2, max = 5) int d1, @ForAll @IntRange(min = 2, max = 5) int d2) {
    if (d1 == d2) {
      d2 = d1 + 1;
    }
    int[] a = p.out().length == 0 ? new int[] {d1} : p.out().clone();
    int[] b = a.clone();
    int axis = a.length - 1;
    a[axis] = d1;
    b[axis] = d2;
    for (String op : BINARY) {
      Tensor x = Tensor.zeros(a);
      Tensor w = Tensor.ones(b);
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> binary(op).apply(x, w), op);
      assertTrue(e.getMessage().contains("cannot be broadcast"), e.getMessage());
    }
  }

  @Property(tries = 100, seed = "22")
  void reductionsTakeEveryAxisInRangeAndRefuseTheOthersWithTheDocumentedError(
      @ForAll("shapes") int[] shape, @ForAll @IntRange(min = -6, max = 6) int axis, @ForAll boolean keep) {
    Tensor t = random(shape, axis, -1, 1);
    boolean inRange = axis >= -shape.length && axis < shape.length;
    for (UnaryOperator<Tensor> op : List.<UnaryOperator<Tensor>>of(x -> x.sum(axis, keep), x -> x.mean(axis, keep),
        x -> x.max(axis, keep), x -> x.softmax(axis), x -> x.logSoftmax(axis))) {
      if (!inRange) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> op.apply(t));
        assertTrue(e.getMessage().contains("axis " + axis), e.getMessage());
        continue;
      }
      Tensor y = op.apply(t);
      int a = axis < 0 ? axis + shape.length : axis;
      assertTrue(y.rank() == shape.length || y.rank() == shape.length - 1, Arrays.toString(y.shape()));
      for (int i = 0, j = 0; i < shape.length; i++) {
        if (i == a && y.rank() < shape.length) {
          continue;
        }
        assertEquals(i == a && y.rank() == shape.length && y.size() < t.size() ? 1 : shape[i], y.dim(j++));
      }
    }
  }

  @Provide
  Arbitrary<int[]> shapes() {
    return Arbitraries.integers().between(1, 4).array(int[].class).ofMinSize(0).ofMaxSize(4);
  }

  @Property(tries = 150, seed = "23")
  void reverseModeAgreesWithFiniteDifferencesForBinaryOperations(@ForAll("broadcastable") Pair p,
      @ForAll("binaryOps") String op, @ForAll long seed) {
    BinaryOperator<Tensor> f = binary(op);
    Tensor a = random(p.a(), seed, -1, 1);
    Tensor b = random(p.b(), seed + 1, 0.5, 2);
    Tensor va = random(p.a(), seed + 2, -1, 1);
    Tensor vb = random(p.b(), seed + 3, -1, 1);
    Tensor u = random(p.out(), seed + 4, -1, 1);
    Tensor ga = a.detach().requiresGrad();
    Tensor gb = b.detach().requiresGrad();
    f.apply(ga, gb).backward(u);
    double reverse = dot(ga.grad(), va) + dot(gb.grad(), vb);
    double h = 1e-5;
    Tensor jv = f.apply(a.add(va.mul(h)), b.add(vb.mul(h))).sub(f.apply(a.sub(va.mul(h)), b.sub(vb.mul(h)))).div(2 * h);
    double forward = dot(u, jv);
    assertEquals(forward, reverse, 1e-6 * (1 + Math.abs(forward)), op + " " + p);
  }

  @Provide
  Arbitrary<String> binaryOps() {
    return Arbitraries.of(BINARY);
  }

  @Provide
  Arbitrary<String> unaryOps() {
    return Arbitraries.of(UNARY);
  }

  private static UnaryOperator<Tensor> unary(String op, int rank) {
    int axis = rank == 0 ? 0 : rank - 1;
    return switch (op) {
      case "sin" -> Tensor::sin;
      case "exp" -> Tensor::exp;
      case "tanh" -> Tensor::tanh;
      case "sigmoid" -> Tensor::sigmoid;
      case "softplus" -> Tensor::softplus;
      case "log" -> Tensor::log;
      case "sqrt" -> Tensor::sqrt;
      case "pow3" -> x -> x.pow(3);
      case "sum-axis" -> x -> rank == 0 ? x : x.sum(axis, false);
      case "mean-axis" -> x -> rank == 0 ? x : x.mean(0, true);
      case "max-axis" -> x -> rank == 0 ? x : x.max(axis, false);
      case "log-softmax" -> x -> rank == 0 ? x : x.logSoftmax(axis);
      case "transpose" -> x -> rank < 2 ? x : x.transpose();
      case "sum" -> Tensor::sum;
      default -> throw new IllegalArgumentException(op);
    };
  }

  @Property(tries = 150, seed = "24")
  void reverseModeAgreesWithFiniteDifferencesForUnaryOperations(@ForAll("shapes") int[] shape,
      @ForAll("unaryOps") String op, @ForAll long seed) {
    UnaryOperator<Tensor> f = unary(op, shape.length);
    // Positive inputs keep log and sqrt defined; distinct values keep max differentiable.
    Tensor x = random(shape, seed, 0.5, 2);
    Tensor v = random(shape, seed + 1, -1, 1);
    Tensor y = f.apply(x);
    Tensor u = random(y.shape(), seed + 2, -1, 1);
    Tensor gx = x.detach().requiresGrad();
    f.apply(gx).backward(u);
    double h = 1e-5;
    double forward = dot(u, f.apply(x.add(v.mul(h))).sub(f.apply(x.sub(v.mul(h)))).div(2 * h));
    assertEquals(forward, dot(gx.grad(), v), 1e-6 * (1 + Math.abs(forward)), op + " on " + Arrays.toString(shape));
  }

  @Property(tries = 100, seed = "25")
  void matrixProductsMatchTheSumOfProductsAndTheirGradientsTheIdentity(@ForAll @IntRange(min = 1, max = 5) int m,
      @ForAll @IntRange(min = 1, max = 5) int k, @ForAll @IntRange(min = 1, max = 5) int n,
      @ForAll @IntRange(min = 0, max = 3) int batch, @ForAll boolean batchedRight, @ForAll long seed) {
    int[] sa = batch == 0 ? new int[] {m, k} : new int[] {batch, m, k};
    int[] sb = batch > 0 && batchedRight ? new int[] {batch, k, n} : new int[] {k, n};
    Tensor a = random(sa, seed, -1, 1);
    Tensor b = random(sb, seed + 1, -1, 1);
    Tensor c = a.matmul(b);
    int bs = Math.max(batch, 1);
    assertArrayEquals(batch == 0 ? new int[] {m, n} : new int[] {batch, m, n}, c.shape());
    double[] av = a.toArray();
    double[] bv = b.toArray();
    double[] cv = c.toArray();
    for (int s = 0; s < bs; s++) {
      for (int i = 0; i < m; i++) {
        for (int j = 0; j < n; j++) {
          double sum = 0;
          for (int q = 0; q < k; q++) {
            sum += av[s * m * k + i * k + q] * bv[(sb.length == 3 ? s * k * n : 0) + q * n + j];
          }
          assertEquals(sum, cv[s * m * n + i * n + j], 1e-12 * (1 + Math.abs(sum)));
        }
      }
    }
    Tensor ga = a.detach().requiresGrad();
    Tensor gb = b.detach().requiresGrad();
    Tensor u = random(c.shape(), seed + 2, -1, 1);
    ga.matmul(gb).backward(u);
    Tensor va = random(sa, seed + 3, -1, 1);
    Tensor vb = random(sb, seed + 4, -1, 1);
    // The product is bilinear: its derivative along (va, vb) is va·b + a·vb exactly.
    double forward = dot(u, va.matmul(b).add(a.matmul(vb)));
    assertEquals(forward, dot(ga.grad(), va) + dot(gb.grad(), vb), 1e-10 * (1 + Math.abs(forward)));
    Tensor wrong = Tensor.zeros(k + 1, n);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> a.matmul(wrong));
    assertTrue(e.getMessage().contains(Arrays.toString(sa)) || e.getMessage().contains("matmul"), e.getMessage());
  }

  private static double dot(Tensor x, Tensor y) {
    assertArrayEquals(x.shape(), y.shape());
    double[] a = x.toArray();
    double[] b = y.toArray();
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }
}
