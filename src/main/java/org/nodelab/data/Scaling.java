package org.nodelab.data;

import java.util.Arrays;
import org.nodelab.tensor.Tensor;

/**
 * A per-component affine change of units {@code scaled = (raw − shift) / divisor} that remembers
 * how to undo itself ({@code raw = scaled · divisor + shift}), so that a model fitted in scaled
 * units is charted in the data's own units.
 *
 * @param shift subtracted from each component first
 * @param divisor then divided into it (non-zero)
 */
public record Scaling(double[] shift, double[] divisor) {

  /**
   * Checks that both arrays have one finite entry per component and no divisor is zero.
   *
   * @param shift subtracted from each component first
   * @param divisor then divided into it (non-zero)
   */
  public Scaling {
    if (shift.length != divisor.length) {
      throw new IllegalArgumentException("shift and divisor need one entry per component, got " + shift.length
          + " and " + divisor.length);
    }
    for (int d = 0; d < shift.length; d++) {
      if (!Double.isFinite(shift[d]) || !Double.isFinite(divisor[d]) || divisor[d] == 0) {
        throw new IllegalArgumentException("component " + d + ": expected a finite shift and a finite non-zero "
            + "divisor, got " + shift[d] + " and " + divisor[d]);
      }
    }
    shift = shift.clone();
    divisor = divisor.clone();
  }

  /**
   * No change of units for {@code dim} components.
   *
   * @param dim the number of components
   * @return the scaling with shift 0 and divisor 1
   */
  public static Scaling identity(int dim) {
    double[] ones = new double[dim];
    Arrays.fill(ones, 1);
    return new Scaling(new double[dim], ones);
  }

  /**
   * Number of components.
   *
   * @return the number of components
   */
  public int dim() {
    return shift.length;
  }

  /**
   * {@code (raw − shift) / divisor} on the last axis of {@code raw}.
   *
   * @param raw values in raw units, last axis {@link #dim()}
   * @return the scaled values
   */
  public Tensor apply(Tensor raw) {
    return raw.sub(Tensor.of(shift)).div(Tensor.of(divisor));
  }

  /**
   * {@code scaled · divisor + shift} on the last axis of {@code scaled}: back to the raw units.
   *
   * @param scaled values in scaled units, last axis {@link #dim()}
   * @return the values in raw units
   */
  public Tensor undo(Tensor scaled) {
    return scaled.mul(Tensor.of(divisor)).add(Tensor.of(shift));
  }

  /**
   * This scaling followed by {@code next}: one affine map from the raw units to {@code next}'s.
   *
   * @param next the scaling applied after this one
   * @return the combined scaling
   */
  public Scaling then(Scaling next) {
    if (next.dim() != dim()) {
      throw new IllegalArgumentException("cannot chain scalings of " + dim() + " and " + next.dim() + " components");
    }
    double[] s = new double[dim()];
    double[] v = new double[dim()];
    for (int d = 0; d < dim(); d++) {
      s[d] = shift[d] + divisor[d] * next.shift[d];
      v[d] = divisor[d] * next.divisor[d];
    }
    return new Scaling(s, v);
  }

  /**
   * Whether this scaling changes nothing.
   *
   * @return true for shift 0 and divisor 1 everywhere
   */
  public boolean isIdentity() {
    return Arrays.stream(shift).allMatch(x -> x == 0) && Arrays.stream(divisor).allMatch(x -> x == 1);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Scaling s && Arrays.equals(shift, s.shift) && Arrays.equals(divisor, s.divisor);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(shift) + Arrays.hashCode(divisor);
  }

  @Override
  public String toString() {
    return "Scaling(shift " + Arrays.toString(shift) + ", divisor " + Arrays.toString(divisor) + ")";
  }
}
