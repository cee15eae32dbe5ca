package org.nodelab.model;

import java.util.ArrayList;
import java.util.List;
import org.nodelab.ode.VectorField;
import org.nodelab.tensor.Tensor;

/**
 * The augmented field of a continuous normalizing flow on rows {@code [z, ℓ, (K, J)]}: {@code dz/dt
 * = f(t, z)}, {@code dℓ/dt = tr(∂f/∂z)}, and with regularisation {@code dK/dt = ‖f‖²} and {@code
 * dJ/dt = ‖∂f/∂z‖²_F} (exact with the exact trace, {@code ‖εᵀ∂f/∂z‖²} with Hutchinson's noise; Finlay
 * et al. 2020). The trace is computed from a local graph rooted at a copy of {@code z}, with the
 * vector–Jacobian products recorded; that graph is joined to the solve's tape by one node, so the
 * solver's backward pass (direct or adjoint) differentiates the trace without walking the tape of
 * earlier steps at every evaluation.
 */
final class CnfDynamics implements VectorField {
  private final VectorField f;
  private final int dim;
  private final Tensor noise;
  private final boolean regularise;

  /**
   * @param noise Hutchinson's noise {@code [batch, dim]}, or null for the exact trace
   */
  CnfDynamics(VectorField f, int dim, Tensor noise, boolean regularise) {
    this.f = f;
    this.dim = dim;
    this.noise = noise;
    this.regularise = regularise;
  }

  /** Columns of the augmented state: {@code dim + 1}, or {@code dim + 3} with regularisation. */
  static int width(int dim, boolean regularise) {
    return dim + (regularise ? 3 : 1);
  }

  @Override
  public Tensor apply(double t, Tensor state) {
    boolean taping = Tensor.isGradEnabled();
    Tensor z = state.slice(1, 0, dim);
    Tensor local;
    Tensor zLocal;
    try (var on = Tensor.enableGrad()) {
      zLocal = z.detach().requiresGrad();
      local = columns(t, zLocal);
    }
    if (!taping || !local.requiresGradient()) {
      return local.detach();
    }
    List<Tensor> inputs = new ArrayList<>();
    inputs.add(z);
    List<Tensor> wrt = new ArrayList<>();
    wrt.add(zLocal);
    for (Tensor leaf : local.leaves()) {
      if (leaf != zLocal) {
        inputs.add(leaf);
        wrt.add(leaf);
      }
    }
    final Tensor joined = local;
    return Tensor.custom(local, inputs, g -> Tensor.gradients(joined, g, wrt));
  }

  private Tensor columns(double t, Tensor z) {
    if (noise == null && !regularise && f instanceof DivergenceField closedForm) {
      Tensor both = closedForm.columns(t, z);
      if (both.rank() != 2 || both.dim(0) != z.dim(0) || both.dim(1) != dim + 1) {
        throw new IllegalArgumentException("the flow's field must return [" + z.dim(0) + ", " + (dim + 1)
            + "] for the field and its divergence, got " + java.util.Arrays.toString(both.shape()));
      }
      return both;
    }
    Tensor dz = f.apply(t, z);
    checkShape(dz, z);
    Tensor trace;
    Tensor frobenius = null;
    if (noise == null) {
      trace = null;
      int batch = z.dim(0);
      for (int i = 0; i < dim; i++) {
        double[] e = new double[batch * dim];
        for (int b = 0; b < batch; b++) {
          e[b * dim + i] = 1;
        }
        Tensor row = Tensor.gradients(dz, Tensor.of(e, batch, dim), List.of(z), true).get(0);
        Tensor diagonal = row.slice(1, i, i + 1);
        trace = trace == null ? diagonal : trace.add(diagonal);
        if (regularise) {
          Tensor squares = row.square().sum(1, true);
          frobenius = frobenius == null ? squares : frobenius.add(squares);
        }
      }
    } else {
      if (noise.dim(0) != z.dim(0)) {
        throw new IllegalStateException("noise for " + noise.dim(0) + " rows, state has " + z.dim(0));
      }
      Tensor vjp = Tensor.gradients(dz, noise, List.of(z), true).get(0);
      trace = vjp.mul(noise).sum(1, true);
      if (regularise) {
        frobenius = vjp.square().sum(1, true);
      }
    }
    if (!regularise) {
      return Tensor.concat(1, dz, trace);
    }
    return Tensor.concat(1, dz, trace, dz.square().sum(1, true), frobenius);
  }

  private static void checkShape(Tensor dz, Tensor z) {
    if (!java.util.Arrays.equals(dz.shape(), z.shape())) {
      throw new IllegalArgumentException("the flow's field must return its state's shape "
          + java.util.Arrays.toString(z.shape()) + ", got " + java.util.Arrays.toString(dz.shape()));
    }
  }
}
