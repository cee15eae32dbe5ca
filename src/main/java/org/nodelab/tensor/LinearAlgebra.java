package org.nodelab.tensor;

/** Matrix products (plain and batched) with their backward passes. */
final class LinearAlgebra {
  private LinearAlgebra() {}

  /**
   * {@code a·b}: 2-D × 2-D; batched [..., n, k] × [..., k, m] with equal batch axes; or a batch
   * against a 2-D matrix on either side. A 1-D operand is a row (left) or column (right) vector,
   * its axis dropped from the result, as {@code torch.matmul} does.
   */
  static Tensor matmul(Tensor a, Tensor b) {
    Tensor.nonNull(b, "matmul operand");
    if (a.rank() == 1) {
      Tensor r = matmul(a.reshape(1, a.size()), b);
      int[] s = r.shape();
      return r.reshape(dropAxis(s, s.length - 2));
    }
    if (b.rank() == 1) {
      Tensor r = matmul(a, b.reshape(b.size(), 1));
      int[] s = r.shape();
      return r.reshape(dropAxis(s, s.length - 1));
    }
    int[] as = a.shapeRef();
    int[] bs = b.shapeRef();
    int n = as[as.length - 2];
    int k = as[as.length - 1];
    int m = bs[bs.length - 1];
    if (bs[bs.length - 2] != k) {
      throw mismatch(a, b);
    }
    int batchA = Shapes.product(as, 0, as.length - 2);
    int batchB = Shapes.product(bs, 0, bs.length - 2);
    int[] outShape;
    if (bs.length == 2) {
      outShape = as.clone();
    } else if (as.length == 2) {
      outShape = bs.clone();
      outShape[outShape.length - 2] = n;
    } else if (java.util.Arrays.equals(
        java.util.Arrays.copyOf(as, as.length - 2), java.util.Arrays.copyOf(bs, bs.length - 2))) {
      outShape = as.clone();
    } else {
      throw mismatch(a, b);
    }
    outShape[outShape.length - 1] = m;
    int batch = Math.max(batchA, batchB);
    double[] ad = a.data();
    double[] bd = b.data();
    double[] c = new double[batch * n * m];
    for (int q = 0; q < batch; q++) {
      int aOff = batchA == 1 ? 0 : q * n * k;
      int bOff = batchB == 1 ? 0 : q * k * m;
      if (bs.length == 2 && as.length > 2) {
        Kernels.matmul(ad, 0, bd, 0, c, 0, batch * n, k, m);
        break;
      }
      Kernels.matmul(ad, aOff, bd, bOff, c, q * n * m, n, k, m);
    }
    Tensor out = Tensor.result(c, outShape);
    if (!Tensor.recording(a, b)) {
      return out;
    }
    final boolean flatA = bs.length == 2 && as.length > 2;
    return out.record("matmul", new Tensor[] {a, b}, (g, s) -> {
      double[] ga = s.of(a);
      double[] gb = s.of(b);
      if (flatA) {
        if (ga != null) {
          Kernels.matmulGradA(g, 0, bd, 0, ga, 0, batch * n, k, m);
        }
        if (gb != null) {
          Kernels.matmulGradB(ad, 0, g, 0, gb, 0, batch * n, k, m);
        }
        return;
      }
      for (int q = 0; q < batch; q++) {
        int aOff = batchA == 1 ? 0 : q * n * k;
        int bOff = batchB == 1 ? 0 : q * k * m;
        if (ga != null) {
          Kernels.matmulGradA(g, q * n * m, bd, bOff, ga, aOff, n, k, m);
        }
        if (gb != null) {
          Kernels.matmulGradB(ad, aOff, g, q * n * m, gb, bOff, n, k, m);
        }
      }
    }, (g, wanted) -> new Tensor[] {
        wanted[0] ? Derivatives.sumTo(g.matmul(b.transpose()), as) : null,
        wanted[1] ? Derivatives.sumTo(a.transpose().matmul(g), bs) : null});
  }

  private static int[] dropAxis(int[] s, int axis) {
    int[] r = new int[s.length - 1];
    for (int i = 0, j = 0; i < s.length; i++) {
      if (i != axis) {
        r[j++] = s[i];
      }
    }
    return r;
  }

  private static IllegalArgumentException mismatch(Tensor a, Tensor b) {
    return new IllegalArgumentException(
        "matmul: shapes " + Shapes.str(a.shapeRef()) + " and " + Shapes.str(b.shapeRef())
            + " do not fit ([..., n, k] x [..., k, m] with equal or absent batch axes)");
  }
}
