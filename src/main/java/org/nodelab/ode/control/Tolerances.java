package org.nodelab.ode.control;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * What an error-controlled step must meet, as an immutable value: relative and absolute tolerances
 * (one for all components, or one per component), and the norm that joins the scaled component
 * errors {@code errᵢ / (atolᵢ + rtolᵢ·max(|y₀ᵢ|, |y₁ᵢ|))} into one number (RMS, max, or a mixed
 * norm over blocks). Defaults {@code rtol = 1e-7}, {@code atol = 1e-9} (torchdiffeq's), RMS norm.
 */
public final class Tolerances {
  private static final Tolerances DEFAULTS = new Tolerances(new double[] {1e-7}, new double[] {1e-9},
      ErrorNorm.RMS, null, 0);

  private final double[] rtol;
  private final double[] atol;
  private final ErrorNorm norm;
  private final int[] blocks;
  private final int countedBlocks;

  private Tolerances(double[] rtol, double[] atol, ErrorNorm norm, int[] blocks, int countedBlocks) {
    this.rtol = rtol;
    this.atol = atol;
    this.norm = norm;
    this.blocks = blocks;
    this.countedBlocks = countedBlocks;
  }

  /**
   * {@code rtol = 1e-7}, {@code atol = 1e-9}, RMS norm.
   *
   * @return the tolerances
   */
  public static Tolerances defaults() {
    return DEFAULTS;
  }

  /**
   * These tolerances with one relative tolerance {@code ≥ 0} per component (or one for all).
   *
   * @param values one value, or one per component
   * @return tolerances with those relative tolerances
   */
  public Tolerances rtol(double... values) {
    return new Tolerances(check("rtol", values), atol, norm, blocks, countedBlocks);
  }

  /**
   * These tolerances with one absolute tolerance {@code ≥ 0} per component (or one for all).
   *
   * @param values one value, or one per component
   * @return tolerances with those absolute tolerances
   */
  public Tolerances atol(double... values) {
    return new Tolerances(rtol, check("atol", values), norm, blocks, countedBlocks);
  }

  /**
   * These tolerances under another norm (default {@link ErrorNorm#RMS}).
   *
   * @param newNorm the norm
   * @return tolerances under {@code newNorm}
   */
  public Tolerances norm(ErrorNorm newNorm) {
    return new Tolerances(rtol, atol, Objects.requireNonNull(newNorm, "norm"), blocks, countedBlocks);
  }

  /**
   * A mixed norm over consecutive blocks of components: the error is the largest of the blocks' RMS
   * norms, and only the first {@code counted} blocks enter it (torchdiffeq's norm for the adjoint's
   * augmented state; leaving the parameter-gradient block out is the seminorm of Kidger, Chen &amp;
   * Lyons 2021, arXiv:2009.09457).
   *
   * @param blockSizes sizes of consecutive blocks, covering the whole state
   * @param counted how many leading blocks enter the error estimate
   * @return the new tolerances
   */
  public Tolerances blockNorm(int[] blockSizes, int counted) {
    if (blockSizes.length == 0 || counted < 1 || counted > blockSizes.length) {
      throw new IllegalArgumentException("blockNorm needs blocks and 1 <= counted <= " + blockSizes.length
          + ", got " + blockSizes.length + " blocks and counted " + counted);
    }
    for (int size : blockSizes) {
      if (size <= 0) {
        throw new IllegalArgumentException("block sizes must be positive, got " + Arrays.toString(blockSizes));
      }
    }
    return new Tolerances(rtol, atol, norm, blockSizes.clone(), counted);
  }

  /**
   * Relative tolerance of component {@code i}.
   *
   * @param i the component's index
   * @return rtol of that component
   */
  public double relative(int i) {
    return rtol.length == 1 ? rtol[0] : rtol[i];
  }

  /**
   * Absolute tolerance of component {@code i}.
   *
   * @param i the component's index
   * @return atol of that component
   */
  public double absolute(int i) {
    return atol.length == 1 ? atol[0] : atol[i];
  }

  /**
   * 1 for scalar tolerances, else the number of components they were given for.
   *
   * @return 1, or the number of components
   */
  public int length() {
    return Math.max(rtol.length, atol.length);
  }

  /**
   * The norm over the whole state (a block norm, when set, takes its place).
   *
   * @return the RMS or max norm
   */
  public ErrorNorm norm() {
    return norm;
  }

  /**
   * The tolerance of component {@code i}: {@code atolᵢ + rtolᵢ·max(|y₀|, |y₁|)}.
   *
   * @param i the component's index
   * @param y0 the component at the step's start
   * @param y1 the component at the step's end
   * @return the tolerance, positive unless both tolerances are 0
   */
  public double scale(int i, double y0, double y1) {
    return absolute(i) + relative(i) * Math.max(Math.abs(y0), Math.abs(y1));
  }

  /**
   * Components of a state of {@code n} that enter the norm (all, or those of the counted blocks).
   *
   * @param n the state's length
   * @return the number of components in the norm
   */
  public int normedComponents(int n) {
    checkStateLength(n);
    if (blocks == null) {
      return n;
    }
    int m = 0;
    for (int b = 0; b < countedBlocks; b++) {
      m += blocks[b];
    }
    return m;
  }

  /**
   * Checks that per-component tolerances and norm blocks fit a state of {@code n} components.
   *
   * @param n the state's length
   * @throws IllegalArgumentException naming both lengths
   */
  public void checkStateLength(int n) {
    int len = length();
    if (len != 1 && len != n) {
      throw new IllegalArgumentException(
          "per-component tolerances have " + len + " entries but the state has " + n + " components");
    }
    for (int i = 0; i < Math.min(len, n); i++) {
      if (relative(i) == 0 && absolute(i) == 0) {
        throw new IllegalArgumentException("rtol and atol are both 0" + (len > 1 ? " for component " + i : "")
            + ": no step can meet that; give atol > 0 or rtol > 0");
      }
    }
    if (blocks != null && Arrays.stream(blocks).sum() != n) {
      throw new IllegalArgumentException("blockNorm blocks cover " + Arrays.stream(blocks).sum()
          + " components but the state has " + n);
    }
  }

  /**
   * The error ratio of a step (accept when below 1): {@code |h|·‖err/scale‖}, the norm taken over
   * the whole state or block-wise, each group's sums combined by the method ({@link
   * ErrorEstimate#combine}; DOP853 joins its two estimates there).
   *
   * @param h the signed step
   * @param estimate the method's error estimate per unit step
   * @param y0 state at the start of the step
   * @param y1 state at its end
   * @return the ratio; NaN or infinite when the step produced non-finite values
   */
  public double errorRatio(double h, ErrorEstimate estimate, double[] y0, double[] y1) {
    if (blocks != null) {
      return ErrorNorms.mixed(this, h, estimate, y0, y1, blocks, countedBlocks);
    }
    return ErrorNorms.single(this, h, estimate, y0, y1, y0.length);
  }

  /** E.g. {@code "rtol=1e-06, atol=1e-08"}, with {@code ", norm=max"} when not RMS. */
  @Override
  public String toString() {
    String s = "rtol=" + list(rtol) + ", atol=" + list(atol);
    return norm == ErrorNorm.RMS ? s : s + ", norm=" + norm.name().toLowerCase(Locale.ROOT);
  }

  private static String list(double[] v) {
    if (v.length == 1) {
      return Numbers.shortest(v[0]);
    }
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < v.length; i++) {
      sb.append(i == 0 ? "" : ", ").append(Numbers.shortest(v[i]));
    }
    return sb.append(']').toString();
  }

  private static double[] check(String name, double[] t) {
    if (t == null || t.length == 0) {
      throw new IllegalArgumentException(name + " needs at least one value");
    }
    for (int i = 0; i < t.length; i++) {
      if (!(t[i] >= 0) || Double.isInfinite(t[i])) {
        throw new IllegalArgumentException(
            name + " must be finite and >= 0, got " + t[i] + (t.length > 1 ? " at component " + i : ""));
      }
    }
    return t.clone();
  }
}
