package org.nodelab.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.nodelab.tensor.Tensor;

/**
 * Random-direction gradient checks (HIPS autograd's {@code check_grads}): for random {@code u}
 * and {@code v}, the reverse-mode {@code ⟨Jᵀu, v⟩} must equal the central difference {@code
 * ⟨u, (f(x+εv) − f(x−εv)) / 2ε⟩}.
 */
public final class GradCheck {
  /** Step of the central difference. */
  public static final double EPS = 1e-6;

  private GradCheck() {}

  /**
   * Checks {@code f} at {@code inputs} along seeded random directions, to relative tolerance
   * {@code tol} (of the larger side, with an absolute floor of {@code tol}).
   */
  public static void check(Function<List<Tensor>, Tensor> f, long seed, double tol, Tensor... inputs) {
    List<Tensor> leaves = new ArrayList<>();
    for (Tensor x : inputs) {
      leaves.add(x.detach().requiresGrad());
    }
    Tensor y = f.apply(leaves);
    Tensor u = Tensor.randn(seed, y.shape());
    List<Tensor> grads = Tensor.gradients(y, u, leaves);
    double reverse = 0;
    List<Tensor> directions = new ArrayList<>();
    for (int i = 0; i < inputs.length; i++) {
      Tensor v = Tensor.randn(seed + 1 + i, inputs[i].shape());
      directions.add(v);
      reverse += dot(grads.get(i), v);
    }
    List<Tensor> plus = new ArrayList<>();
    List<Tensor> minus = new ArrayList<>();
    for (int i = 0; i < inputs.length; i++) {
      plus.add(inputs[i].add(directions.get(i).mul(EPS)));
      minus.add(inputs[i].sub(directions.get(i).mul(EPS)));
    }
    double forward;
    try (var off = Tensor.noGrad()) {
      forward = (dot(f.apply(plus), u) - dot(f.apply(minus), u)) / (2 * EPS);
    }
    double scale = Math.max(1, Math.max(Math.abs(reverse), Math.abs(forward)));
    assertEquals(forward, reverse, tol * scale, "⟨Jᵀu, v⟩ (reverse mode) against ⟨u, Jv⟩ (central differences)");
  }

  /** The same for a single-input function. */
  public static void check(Function<Tensor, Tensor> f, Tensor x, long seed) {
    check(xs -> f.apply(xs.get(0)), seed, 1e-7, x);
  }

  private static double dot(Tensor a, Tensor b) {
    double[] x = a.toArray();
    double[] y = b.toArray();
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      s += x[i] * y[i];
    }
    return s;
  }
}
