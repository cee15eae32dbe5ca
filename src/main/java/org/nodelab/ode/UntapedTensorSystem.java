package org.nodelab.ode;

import java.util.Arrays;
import org.nodelab.tensor.Tensor;

/**
 * A {@link VectorField} seen as an {@link OdeSystem}, for tensor solves that record no gradient:
 * the engine then runs on its reusable arrays, and each array is shown to the field through one
 * tensor that shares it, made once. The field must not keep its argument beyond the call.
 */
final class UntapedTensorSystem implements OdeSystem {
  private final VectorField f;
  private final int[] shape;
  private final double[][] arrays = new double[16][];
  private final Tensor[] views = new Tensor[16];
  private int viewCount;

  UntapedTensorSystem(VectorField f, int[] shape) {
    this.f = f;
    this.shape = shape.clone();
  }

  @Override
  public void evaluate(double t, double[] y, double[] dydt) {
    Tensor dy = f.apply(t, view(y));
    if (dy == null || !hasShape(dy)) {
      throw new IllegalArgumentException(
          "the vector field must return the state's shape " + Arrays.toString(shape) + ", got "
              + (dy == null ? "null" : Arrays.toString(dy.shape())) + " at t = " + t);
    }
    dy.copyTo(dydt);
  }

  /** Always: by automatic differentiation ({@link AutoJacobian}). */
  @Override
  public boolean hasJacobian() {
    return true;
  }

  @Override
  public void jacobian(double t, double[] y, double[] dfdy) {
    AutoJacobian.evaluate(f, t, y, shape, dfdy);
  }

  private boolean hasShape(Tensor t) {
    if (t.rank() != shape.length) {
      return false;
    }
    for (int i = 0; i < shape.length; i++) {
      if (t.dim(i) != shape[i]) {
        return false;
      }
    }
    return true;
  }

  /** The tensor sharing {@code y}: found by identity among the engine's buffers, else made and kept. */
  private Tensor view(double[] y) {
    for (int i = 0; i < viewCount; i++) {
      if (arrays[i] == y) {
        return views[i];
      }
    }
    Tensor view = Tensor.sharing(y, shape);
    if (viewCount < arrays.length) {
      arrays[viewCount] = y;
      views[viewCount++] = view;
    }
    return view;
  }
}
