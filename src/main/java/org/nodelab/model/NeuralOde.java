package org.nodelab.model;

import org.nodelab.tensor.Tensor;

/**
 * The seed's neural ODE block (eq. 4): {@code x -> fOut(h(T))} with {@code h(t0) = fIn(x)} and
 * {@code dh/dt = f(t, h)}. A {@link org.nodelab.nn.Module}: it trains like any layer, with the
 * parameters of {@code fIn}, {@code f} and {@code fOut}; built by {@code ode(f)...until(T)}.
 */
public final class NeuralOde extends OdeBlock {
  private final double tEnd;

  NeuralOde(OdeSpec spec, double tEnd) {
    super(spec);
    if (!Double.isFinite(tEnd)) {
      throw new IllegalArgumentException("end time must be finite, got " + tEnd);
    }
    this.tEnd = tEnd;
  }

  /**
   * The end time T.
   *
   * @return T
   */
  public double endTime() {
    return tEnd;
  }

  /**
   * {@code fOut(h(T))}.
   *
   * @param x input, e.g. {@code [batch, features]}
   */
  @Override
  public Tensor apply(Tensor x) {
    double t0 = spec().t0();
    if (tEnd == t0) {
      return spec().out().apply(initialState(x));
    }
    return spec().out().apply(solve(x, new double[] {t0, tEnd}).last());
  }

  /**
   * The seed's ResNet view (eq. 2–3): the same field run as {@code n} explicit Euler steps of size
   * {@code (T − t0)/n}, i.e. a residual network of depth n with shared weights {@code h ← h + Δt·f(h)}.
   *
   * @param n the number of Euler steps, at least 1
   * @return a model sharing this one's parameters
   */
  public NeuralOde asResNet(int n) {
    if (n <= 0) {
      throw new IllegalArgumentException("a ResNet needs at least one block, got " + n);
    }
    return spec().solve(org.nodelab.ode.Solvers.euler().step((tEnd - spec().t0()) / n)).until(tEnd);
  }

  @Override
  public NeuralOde withGradients(org.nodelab.ode.GradientMethod method) {
    return spec().gradients(method).until(tEnd);
  }

  @Override
  public String toString() {
    return "NeuralOde(t = " + spec().t0() + " .. " + tEnd + ", " + spec().solver() + ", " + spec().gradients()
        + (spec().augment() > 0 ? ", augment " + spec().augment() : "") + ")";
  }
}
