package org.nodelab.ode;

import java.util.Arrays;
import java.util.List;
import org.nodelab.tensor.Tensor;

/**
 * {@link StateSpace} of {@link Tensor} states: stage combinations use the differentiable {@link
 * Tensor#combine}, so a solve is recorded on the tape when its inputs require gradients.
 */
final class TensorStates implements StateSpace<Tensor> {
  private final VectorField f;
  private Lu source;
  private Lu snapshot;

  TensorStates(VectorField f) {
    this.f = f;
  }

  @Override
  public Tensor evaluate(double t, Tensor y, Tensor out) {
    Tensor dy = f.apply(t, y);
    if (dy == null || !Arrays.equals(dy.shape(), y.shape())) {
      throw new IllegalArgumentException(
          "the vector field must return the state's shape " + Arrays.toString(y.shape()) + ", got "
              + (dy == null ? "null" : Arrays.toString(dy.shape())) + " at t = " + t);
    }
    return dy;
  }

  @Override
  public Tensor evaluateDetached(double t, Tensor y, Tensor out) {
    try (var off = Tensor.noGrad()) {
      return evaluate(t, y, out);
    }
  }

  @Override
  public Tensor combine(Tensor base, double[] w, Tensor[] terms, int n, Tensor out) {
    double[] weights = w.length == n ? w : Arrays.copyOf(w, n);
    boolean any = base != null;
    for (int j = 0; j < n && !any; j++) {
      any = weights[j] != 0;
    }
    if (!any) {
      return Tensor.zeros(terms[0].shape());
    }
    return Tensor.combine(base, weights, terms);
  }

  @Override
  public double[] values(Tensor y) {
    return y.toArray();
  }

  @Override
  public Tensor fromValues(double[] values, Tensor like) {
    return Tensor.of(values, like.shape());
  }

  @Override
  public Tensor keep(Tensor y) {
    return y;
  }

  @Override
  public Tensor[] newArray(int n) {
    return new Tensor[n];
  }

  @Override
  public Tensor buffer(Tensor like) {
    return null;
  }

  /** By automatic differentiation, see {@link AutoJacobian}: one evaluation (and one backward pass per row). */
  @Override
  public int jacobian(double t, Tensor y, Tensor fy, double[] jac) {
    AutoJacobian.evaluate(f, t, y.toArray(), y.shape(), jac);
    return 1;
  }

  /** Recorded on the tape: the backward solves {@code Aᵀ·ḡ = g} with the same factors. */
  @Override
  public Tensor solve(Lu lu, Tensor rhs, Tensor out) {
    if (snapshot == null || source != lu || snapshot.version() != lu.version()) {
      source = lu;
      snapshot = lu.copy();
    }
    Lu factors = snapshot;
    double[] x = rhs.toArray();
    factors.solve(x);
    int[] shape = rhs.shape();
    return Tensor.custom(Tensor.sharing(x, shape), List.of(rhs), g -> {
      double[] back = g.toArray();
      factors.solveTransposed(back);
      return List.of(Tensor.sharing(back, shape));
    });
  }

  @Override
  public boolean isTaped(Tensor y) {
    return y.requiresGradient();
  }

  @Override
  public Tensor zeroWithGradient(Tensor y) {
    return y.sub(y.detach());
  }
}
