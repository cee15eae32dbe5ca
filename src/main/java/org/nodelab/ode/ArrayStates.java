package org.nodelab.ode;

/** {@link StateSpace} of {@code double[]} states: every operation writes into a reusable buffer. */
final class ArrayStates implements StateSpace<double[]> {
  /** {@code √ε} of doubles, the scale of forward-difference increments. */
  private static final double SQRT_EPS = Math.sqrt(Math.ulp(1.0));

  private final OdeSystem f;
  private double[] shifted;
  private double[] shiftedF;

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

  /**
   * The system's own Jacobian, else forward differences column by column with Hairer's increments
   * {@code δⱼ = √(ε·max(10⁻⁵, |yⱼ|))} (RADAU5), made exactly representable as {@code (yⱼ + δⱼ) − yⱼ}.
   */
  @Override
  public int jacobian(double t, double[] y, double[] fy, double[] jac) {
    if (f.hasJacobian()) {
      f.jacobian(t, y, jac);
      return 0;
    }
    int n = y.length;
    if (shifted == null) {
      shifted = new double[n];
      shiftedF = new double[n];
    }
    System.arraycopy(y, 0, shifted, 0, n);
    for (int j = 0; j < n; j++) {
      double yj = y[j];
      double delta = (yj + SQRT_EPS * Math.sqrt(Math.max(1e-5, Math.abs(yj)))) - yj;
      shifted[j] = yj + delta;
      f.evaluate(t, shifted, shiftedF);
      shifted[j] = yj;
      for (int i = 0; i < n; i++) {
        jac[i * n + j] = (shiftedF[i] - fy[i]) / delta;
      }
    }
    return n;
  }

  @Override
  public double[] solve(Lu lu, double[] rhs, double[] out) {
    System.arraycopy(rhs, 0, out, 0, out.length);
    lu.solve(out);
    return out;
  }

  @Override
  public boolean isTaped(double[] y) {
    return false;
  }

  @Override
  public double[] zeroWithGradient(double[] y) {
    throw new UnsupportedOperationException("arrays are never taped");
  }
}
