package org.nodelab.ode.control;

import java.util.Arrays;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * How a solve chooses its steps, as an immutable value: either a fixed step {@code h}, or error
 * control. Every {@code withX}-style method returns a new value.
 *
 * <p>Error control accepts a step when {@code ratio = |h|·‖err / (atol + rtol·max(|y₀|, |y₁|))‖ < 1}
 * ({@code err} the embedded estimate per unit step, the norm {@link ErrorNorm#RMS} by default) and
 * scales the step by {@code clamp(safety·ratio^{−1/(q+1)}, factorMin, factorMax)}, never growing it
 * right after a rejection ({@code q} is the order of the embedded estimate). With the defaults this
 * is exactly scipy's RK45 controller; {@link #pi()} switches to Hairer's PI controller.
 *
 * <p>Defaults: {@code rtol = 1e-7} and {@code atol = 1e-9} (torchdiffeq's, so evaluation counts
 * compare), {@code safety = 0.9}, {@code factorMin = 0.2}, {@code factorMax = 10}, no PI, RMS norm,
 * the first step from Hairer's two-evaluation estimate ({@link InitialStep}), no {@code minStep}
 * (only steps below 10 ulp of {@code t} fail), no {@code maxStep}, at most 100 000 steps (accepted
 * plus rejected) per solve.
 */
public final class StepControl {
  private static final StepControl DEFAULTS = new StepControl(new Settings());

  /** Never modified once a value holds it: edits change a copy. */
  private final Settings s;

  /** The settings, mutable only while a new value is built. */
  private static final class Settings implements Cloneable {
    double fixedStep = Double.NaN;
    double[] rtol = {1e-7};
    double[] atol = {1e-9};
    int maxSteps = 100_000;
    double minStep;
    double maxStep = Double.POSITIVE_INFINITY;
    double safety = 0.9;
    double factorMin = 0.2;
    double factorMax = 10;
    double piBeta1 = Double.NaN;
    double piBeta2;
    ErrorNorm norm = ErrorNorm.RMS;
    double initialStep = Double.NaN;
    int[] blocks;
    int countedBlocks;

    Settings copy() {
      try {
        return (Settings) clone();
      } catch (CloneNotSupportedException e) {
        throw new AssertionError(e);
      }
    }
  }

  private StepControl(Settings settings) {
    this.s = settings;
  }

  /** A new value with {@code change} applied to a copy of these settings (arrays are replaced, never written). */
  private StepControl edit(Consumer<Settings> change) {
    Settings copy = s.copy();
    change.accept(copy);
    return new StepControl(copy);
  }

  /** Error control with the documented defaults. */
  public static StepControl defaults() {
    return DEFAULTS;
  }

  /** Fixed steps of size {@code h > 0} (the last step is shortened to land on the end time). */
  public static StepControl fixed(double h) {
    return DEFAULTS.fixedStep(h);
  }

  // ------------------------------------------------------------------ settings

  /** The same control with fixed steps of size {@code h > 0} instead of error control. */
  public StepControl fixedStep(double h) {
    checkPositive("step", h);
    return edit(x -> x.fixedStep = h);
  }

  /** Error control with relative tolerance {@code rtol ≥ 0} for every component. */
  public StepControl rtol(double rtol) {
    return rtol(new double[] {rtol});
  }

  /** Error control with one relative tolerance per component. */
  public StepControl rtol(double... rtol) {
    double[] checked = checkTolerances("rtol", rtol);
    return edit(x -> {
      x.rtol = checked;
      x.fixedStep = Double.NaN;
    });
  }

  /** Error control with absolute tolerance {@code atol ≥ 0} for every component. */
  public StepControl atol(double atol) {
    return atol(new double[] {atol});
  }

  /** Error control with one absolute tolerance per component. */
  public StepControl atol(double... atol) {
    double[] checked = checkTolerances("atol", atol);
    return edit(x -> {
      x.atol = checked;
      x.fixedStep = Double.NaN;
    });
  }

  /** The first step to try instead of Hairer's estimate (saves one evaluation). */
  public StepControl initialStep(double h) {
    checkPositive("initialStep", h);
    return edit(x -> x.initialStep = h);
  }

  /** At most {@code n} steps (accepted plus rejected) per solve; more fails with a diagnosis. */
  public StepControl maxSteps(int n) {
    if (n <= 0) {
      throw new IllegalArgumentException("maxSteps must be positive, got " + n);
    }
    return edit(x -> x.maxSteps = n);
  }

  /** Fail instead of taking steps smaller than {@code h ≥ 0} (the last, landing step excepted). */
  public StepControl minStep(double h) {
    if (!(h >= 0) || Double.isInfinite(h)) {
      throw new IllegalArgumentException("minStep must be finite and >= 0, got " + h);
    }
    return edit(x -> x.minStep = h);
  }

  /** Never take steps larger than {@code h > 0}. */
  public StepControl maxStep(double h) {
    checkPositive("maxStep", h);
    return edit(x -> x.maxStep = h);
  }

  /** The safety factor in {@code (0, 1]} multiplying the optimal step-size ratio (default 0.9). */
  public StepControl safety(double safety) {
    if (!(safety > 0 && safety <= 1)) {
      throw new IllegalArgumentException("safety must lie in (0, 1], got " + safety);
    }
    return edit(x -> x.safety = safety);
  }

  /** Limits {@code 0 < min < 1 < max} on the step-size ratio per step (defaults 0.2 and 10). */
  public StepControl factors(double min, double max) {
    if (!(min > 0 && min < 1 && max > 1) || Double.isInfinite(max)) {
      throw new IllegalArgumentException("factors need 0 < min < 1 < max < ∞, got min " + min + ", max " + max);
    }
    return edit(x -> {
      x.factorMin = min;
      x.factorMax = max;
    });
  }

  /**
   * PI control {@code factor = safety · ratio^{−β₁} · ratioPrev^{β₂}} (Gustafsson 1991; Hairer &amp;
   * Wanner, Solving ODEs II, IV.2; Söderlind 2002, doi 10.1023/A:1021160023092).
   *
   * @param beta1 exponent of the current error ratio, in {@code (0, 1)}
   * @param beta2 exponent of the previous accepted step's ratio, in {@code (0, beta1)}
   */
  public StepControl pi(double beta1, double beta2) {
    if (!(beta1 > 0 && beta1 < 1 && beta2 > 0 && beta2 < beta1)) {
      throw new IllegalArgumentException("PI control needs 0 < beta2 < beta1 < 1, got beta1 " + beta1
          + ", beta2 " + beta2);
    }
    return edit(x -> {
      x.piBeta1 = beta1;
      x.piBeta2 = beta2;
    });
  }

  /**
   * Hairer's PI control of DOPRI5: {@code β₂ = beta}, {@code β₁ = 1/(q+1) − 0.75·beta} for an
   * embedded estimate of order {@code q}.
   *
   * @param beta in {@code (0, 0.2)}; Hairer recommends 0.04
   */
  public StepControl pi(double beta) {
    if (!(beta > 0 && beta < 0.2)) {
      throw new IllegalArgumentException("PI beta must lie in (0, 0.2), got " + beta);
    }
    return edit(x -> {
      x.piBeta1 = Double.NaN;
      x.piBeta2 = beta;
    });
  }

  /** Hairer's PI control with {@code beta = 0.04}. */
  public StepControl pi() {
    return pi(0.04);
  }

  /** The error norm (default {@link ErrorNorm#RMS}). */
  public StepControl norm(ErrorNorm norm) {
    Objects.requireNonNull(norm, "norm");
    return edit(x -> x.norm = norm);
  }

  /**
   * A mixed norm over consecutive blocks of components: the error is the largest of the blocks' RMS
   * norms, and only the first {@code counted} blocks enter it (torchdiffeq's norm for the adjoint's
   * augmented state; leaving the parameter-gradient block out is the seminorm of Kidger, Chen &amp;
   * Lyons 2021, arXiv:2009.09457).
   *
   * @param blockSizes sizes of consecutive blocks, covering the whole state
   * @param counted how many leading blocks enter the error estimate
   */
  public StepControl blockNorm(int[] blockSizes, int counted) {
    if (blockSizes.length == 0 || counted < 1 || counted > blockSizes.length) {
      throw new IllegalArgumentException("blockNorm needs blocks and 1 <= counted <= " + blockSizes.length
          + ", got " + blockSizes.length + " blocks and counted " + counted);
    }
    for (int size : blockSizes) {
      if (size <= 0) {
        throw new IllegalArgumentException("block sizes must be positive, got " + Arrays.toString(blockSizes));
      }
    }
    int[] sizes = blockSizes.clone();
    return edit(x -> {
      x.blocks = sizes;
      x.countedBlocks = counted;
    });
  }

  // ------------------------------------------------------------------ reading

  /** Whether steps are fixed rather than error-controlled. */
  public boolean isFixedStep() {
    return !Double.isNaN(s.fixedStep);
  }

  /** The fixed step, or NaN under error control. */
  public double fixedStep() {
    return s.fixedStep;
  }

  /** Relative tolerance of component {@code i}. */
  public double relativeTolerance(int i) {
    return s.rtol.length == 1 ? s.rtol[0] : s.rtol[i];
  }

  /** Absolute tolerance of component {@code i}. */
  public double absoluteTolerance(int i) {
    return s.atol.length == 1 ? s.atol[0] : s.atol[i];
  }

  /** 1 for scalar tolerances, else the number of components they were given for. */
  public int toleranceLength() {
    return Math.max(s.rtol.length, s.atol.length);
  }

  /** Step limit per solve. */
  public int maxSteps() {
    return s.maxSteps;
  }

  /** Smallest step the controller may ask for (0: only round-off limits it). */
  public double minStep() {
    return s.minStep;
  }

  /** Largest step. */
  public double maxStep() {
    return s.maxStep;
  }

  /** The first step to try, or NaN for Hairer's estimate. */
  public double initialStep() {
    return s.initialStep;
  }

  /** The error norm. */
  public ErrorNorm norm() {
    return s.norm;
  }

  /** Whether PI control is on. */
  public boolean isPi() {
    return s.piBeta2 > 0;
  }

  /** Components of a state of {@code n} that enter the norm (all, or those of the counted blocks). */
  public int normedComponents(int n) {
    checkStateLength(n);
    if (s.blocks == null) {
      return n;
    }
    int m = 0;
    for (int b = 0; b < s.countedBlocks; b++) {
      m += s.blocks[b];
    }
    return m;
  }

  /**
   * Checks that per-component tolerances and norm blocks fit a state of {@code n} components.
   *
   * @throws IllegalArgumentException naming both lengths
   */
  public void checkStateLength(int n) {
    int len = toleranceLength();
    if (len != 1 && len != n) {
      throw new IllegalArgumentException(
          "per-component tolerances have " + len + " entries but the state has " + n + " components");
    }
    for (int i = 0; i < Math.min(len, n); i++) {
      if (relativeTolerance(i) == 0 && absoluteTolerance(i) == 0) {
        throw new IllegalArgumentException("rtol and atol are both 0" + (len > 1 ? " for component " + i : "")
            + ": no step can meet that; give atol > 0 or rtol > 0");
      }
    }
    if (s.blocks != null && Arrays.stream(s.blocks).sum() != n) {
      throw new IllegalArgumentException("blockNorm blocks cover " + Arrays.stream(s.blocks).sum()
          + " components but the state has " + n);
    }
  }

  // ------------------------------------------------------------------ the control law

  /** The tolerance of component {@code i}: {@code atolᵢ + rtolᵢ·max(|y₀|, |y₁|)}. */
  public double scale(int i, double y0, double y1) {
    return absoluteTolerance(i) + relativeTolerance(i) * Math.max(Math.abs(y0), Math.abs(y1));
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
    if (s.blocks != null) {
      return ErrorNorms.mixed(this, h, estimate, y0, y1, s.blocks, s.countedBlocks);
    }
    return ErrorNorms.single(this, h, estimate, y0, y1, y0.length);
  }

  /** The step-size factor after an accepted step with error {@code ratio < 1}. */
  public double acceptFactor(double ratio, double previousRatio, boolean afterRejection, int errorOrder) {
    double factor;
    if (ratio == 0) {
      factor = s.factorMax;
    } else if (isPi()) {
      factor = s.safety * Math.pow(ratio, -beta1(errorOrder)) * Math.pow(previousRatio, s.piBeta2);
    } else {
      factor = s.safety * Math.pow(ratio, -1.0 / (errorOrder + 1));
    }
    factor = Math.max(s.factorMin, Math.min(s.factorMax, factor));
    return afterRejection ? Math.min(1, factor) : factor;
  }

  /** The step-size factor after a rejected step (at most 1; {@code factorMin} for a non-finite ratio). */
  public double rejectFactor(double ratio, int errorOrder) {
    if (!Double.isFinite(ratio)) {
      return s.factorMin;
    }
    double exponent = isPi() ? beta1(errorOrder) : 1.0 / (errorOrder + 1);
    return Math.min(1, Math.max(s.factorMin, s.safety * Math.pow(ratio, -exponent)));
  }

  private double beta1(int errorOrder) {
    return Double.isNaN(s.piBeta1) ? 1.0 / (errorOrder + 1) - 0.75 * s.piBeta2 : s.piBeta1;
  }

  /** The settings that differ from error control's defaults, e.g. {@code "rtol=1e-06, atol=1e-08"}. */
  @Override
  public String toString() {
    if (isFixedStep()) {
      return "step=" + Numbers.shortest(s.fixedStep);
    }
    StringBuilder sb = new StringBuilder("rtol=").append(list(s.rtol)).append(", atol=").append(list(s.atol));
    if (isPi()) {
      sb.append(", pi");
    }
    if (s.norm != ErrorNorm.RMS) {
      sb.append(", norm=").append(s.norm.name().toLowerCase(java.util.Locale.ROOT));
    }
    return sb.toString();
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

  private static double[] checkTolerances(String name, double[] t) {
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

  private static void checkPositive(String name, double h) {
    if (!(h > 0) || Double.isInfinite(h)) {
      throw new IllegalArgumentException(name + " must be a finite positive number, got " + h);
    }
  }
}
