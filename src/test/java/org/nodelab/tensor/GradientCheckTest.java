package org.nodelab.tensor;

import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nodelab.testing.GradCheck;

/**
 * Every differentiable operation against central differences along random directions
 * (tolerance 1e-7 relative: the difference quotient errs by O(ε²) ≈ 1e-12 plus rounding ≈ 1e-10).
 */
class GradientCheckTest {
  private static final Tensor A = Tensor.randn(1, 3, 4);
  private static final Tensor POSITIVE = Tensor.rand(2, 3, 4).add(0.5);

  static Stream<Arguments> unaryOps() {
    return Stream.of(
        op("neg", Tensor::neg, A),
        op("add scalar", x -> x.add(2.5), A),
        op("sub scalar", x -> x.sub(2.5), A),
        op("mul scalar", x -> x.mul(-3), A),
        op("div scalar", x -> x.div(4), A),
        op("pow 3", x -> x.pow(3), A),
        op("pow 0.5", x -> x.pow(0.5), POSITIVE),
        op("square", Tensor::square, A),
        op("sqrt", Tensor::sqrt, POSITIVE),
        op("abs", Tensor::abs, A),
        op("exp", Tensor::exp, A),
        op("log", Tensor::log, POSITIVE),
        op("tanh", Tensor::tanh, A.mul(2)),
        op("sigmoid", Tensor::sigmoid, A.mul(2)),
        op("relu", Tensor::relu, A),
        op("softplus", Tensor::softplus, A.mul(3)),
        op("elu", Tensor::elu, A),
        op("elu 0.5", x -> x.elu(0.5), A),
        op("sin", Tensor::sin, A),
        op("cos", Tensor::cos, A),
        op("transpose", Tensor::transpose, A),
        op("transpose 3-D", x -> x.reshape(2, 3, 2).transpose(0, 2), A),
        op("reshape", x -> x.reshape(2, -1), A),
        op("slice", x -> x.slice(1, 1, 3), A),
        op("slice rows", x -> x.slice(0, 1, 3), A),
        op("sum", Tensor::sum, A),
        op("mean", Tensor::mean, A),
        op("sum axis 0", x -> x.sum(0, false), A),
        op("sum axis 1 keep", x -> x.sum(1, true), A),
        op("mean axis -1", x -> x.mean(-1, false), A),
        op("max axis 1", x -> x.max(1, false), A),
        op("max axis 0 keep", x -> x.max(0, true), A),
        op("softmax 1", x -> x.softmax(1), A),
        op("softmax 0", x -> x.softmax(0), A),
        op("logSoftmax 1", x -> x.logSoftmax(1), A),
        op("logSoftmax 0", x -> x.logSoftmax(0), A),
        op("self product", x -> x.mul(x).add(x), A),
        op("matmul with own transpose", x -> x.matmul(x.transpose()), A));
  }

  private static Arguments op(String name, Function<Tensor, Tensor> f, Tensor x) {
    return Arguments.of(name, f, x);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("unaryOps")
  void unaryOperationMatchesCentralDifferences(String name, Function<Tensor, Tensor> f, Tensor x) {
    GradCheck.check(f, x, 11);
  }

  static Stream<Arguments> binaryShapes() {
    return Stream.of(
        Arguments.of(new int[] {3, 4}, new int[] {3, 4}),
        Arguments.of(new int[] {3, 4}, new int[] {4}),
        Arguments.of(new int[] {4}, new int[] {3, 4}),
        Arguments.of(new int[] {3, 1}, new int[] {1, 4}),
        Arguments.of(new int[] {2, 3, 4}, new int[] {3, 1}),
        Arguments.of(new int[] {3, 4}, new int[] {}));
  }

  @ParameterizedTest
  @MethodSource("binaryShapes")
  void broadcastingBinaryOperationsMatchCentralDifferences(int[] sa, int[] sb) {
    Tensor a = Tensor.randn(3, sa);
    Tensor b = Tensor.rand(4, sb).add(0.5);
    GradCheck.check(xs -> xs.get(0).add(xs.get(1)), 5, 1e-7, a, b);
    GradCheck.check(xs -> xs.get(0).sub(xs.get(1)), 6, 1e-7, a, b);
    GradCheck.check(xs -> xs.get(0).mul(xs.get(1)), 7, 1e-7, a, b);
    GradCheck.check(xs -> xs.get(0).div(xs.get(1)), 8, 1e-7, a, b);
  }

  @Test
  void matmulInEveryLayoutMatchesCentralDifferences() {
    GradCheck.check(xs -> xs.get(0).matmul(xs.get(1)), 1, 1e-7, Tensor.randn(1, 3, 4), Tensor.randn(2, 4, 5));
    GradCheck.check(xs -> xs.get(0).matmul(xs.get(1)), 2, 1e-7, Tensor.randn(1, 2, 3, 4), Tensor.randn(2, 2, 4, 5));
    GradCheck.check(xs -> xs.get(0).matmul(xs.get(1)), 3, 1e-7, Tensor.randn(1, 2, 3, 4), Tensor.randn(2, 4, 5));
    GradCheck.check(xs -> xs.get(0).matmul(xs.get(1)), 4, 1e-7, Tensor.randn(1, 3, 4), Tensor.randn(2, 2, 4, 5));
    GradCheck.check(xs -> xs.get(0).matmul(xs.get(1)), 5, 1e-7, Tensor.randn(1, 4), Tensor.randn(2, 4, 5));
    GradCheck.check(xs -> xs.get(0).matmul(xs.get(1)), 6, 1e-7, Tensor.randn(1, 3, 4), Tensor.randn(2, 4));
  }

  @Test
  void fusedAffineWithEveryActivationMatchesCentralDifferences() {
    for (Activation act : Activation.values()) {
      GradCheck.check(
          xs -> xs.get(0).affine(xs.get(1), xs.get(2), act), 9, 1e-7,
          Tensor.randn(1, 5, 3), Tensor.randn(2, 3, 4), Tensor.randn(3, 4));
      GradCheck.check(
          xs -> xs.get(0).affine(xs.get(1), null, act), 10, 1e-7,
          Tensor.randn(4, 2, 5, 3), Tensor.randn(5, 3, 4));
    }
  }

  @Test
  void combineMatchesCentralDifferences() {
    GradCheck.check(
        xs -> Tensor.combine(xs.get(0), new double[] {0.5, 0, -2}, new Tensor[] {xs.get(1), null, xs.get(2)}),
        12, 1e-7, Tensor.randn(1, 3, 2), Tensor.randn(2, 3, 2), Tensor.randn(3, 3, 2));
    GradCheck.check(
        xs -> Tensor.combine(null, new double[] {1.5, 2}, new Tensor[] {xs.get(0), xs.get(1)}),
        13, 1e-7, Tensor.randn(4, 6), Tensor.randn(5, 6));
  }

  @Test
  void concatMatchesCentralDifferences() {
    GradCheck.check(xs -> Tensor.concat(1, xs.get(0), xs.get(1)), 14, 1e-7, Tensor.randn(1, 3, 2), Tensor.randn(2, 3, 4));
    GradCheck.check(xs -> Tensor.concat(0, xs.get(0), xs.get(1)).tanh(), 15, 1e-7, Tensor.randn(1, 1, 3), Tensor.randn(2, 2, 3));
  }

  @Test
  void customGradientNodeFeedsItsInputs() {
    // f(a, b) = a·b element-wise, with its gradient supplied by hand.
    Function<List<Tensor>, Tensor> f = xs -> Tensor.custom(
        Tensor.noGrad(() -> xs.get(0).mul(xs.get(1))), xs,
        g -> List.of(g.mul(xs.get(1).detach()), g.mul(xs.get(0).detach())));
    GradCheck.check(f, 16, 1e-7, Tensor.randn(1, 4), Tensor.randn(2, 4));
  }

  @Test
  void deepCompositeMatchesCentralDifferences() {
    GradCheck.check(
        xs -> xs.get(0).affine(xs.get(1), xs.get(2), Activation.TANH).affine(xs.get(3), null, Activation.IDENTITY)
            .logSoftmax(1).mean(),
        17, 1e-7,
        Tensor.randn(1, 6, 2), Tensor.randn(2, 2, 8), Tensor.randn(3, 8), Tensor.randn(4, 8, 3));
  }
}
