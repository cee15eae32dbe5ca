package org.nodelab.ode;

/** {@link StateSpace} of {@code double[]} states: every operation writes into a reusable buffer. */
final class ArrayStates implements StateSpace<double[]> {
  private final OdeSystem f;

  ArrayStates(OdeSystem f) {
    this.f = f;
  }

  @Override
  public double[] evaluate(double t, double[] y, double[] out) {
    f.evaluate(t, y, out);
    return out;
  }

  @Override
  public double[] evaluateDetached(double t, double[] y, double[] out) {
    return evaluate(t, y, out);
  }

  @Override
  public double[] combine(double[] base, double[] w, double[][] terms, int n, double[] out) {
    int len = out.length;
    if (base == null) {
      java.util.Arrays.fill(out, 0);
    } else {
      System.arraycopy(base, 0, out, 0, len);
    }
    for (int j = 0; j < n; j++) {
      double wj = w[j];
      if (wj == 0) {
        continue;
      }
      double[] k = terms[j];
      for (int i = 0; i < len; i++) {
        out[i] += wj * k[i];
      }
    }
    return out;
  }

  @Override
  public double[] values(double[] y) {
    return y;
  }

  @Override
  public double[] fromValues(double[] values, double[] like) {
    return values;
  }

  @Override
  public double[] keep(double[] y) {
    return y.clone();
  }

  @Override
  public double[][] newArray(int n) {
    return new double[n][];
  }

  @Override
  public double[] buffer(double[] like) {
    return new double[like.length];
  }
}
