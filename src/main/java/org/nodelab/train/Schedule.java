package org.nodelab.train;

/**
 * A learning-rate schedule as a value, with PyTorch's definitions ({@code torch.optim.lr_scheduler}):
 * the rate of optimiser step {@code n + 1} is the scheduler's rate after {@code n} calls of its
 * {@code step()}, i.e. the schedule counts optimiser steps, not epochs. Given to {@code
 * Trainer.schedule(...)}; the rate each step used is the history's {@code lr} column.
 *
 * <pre>{@code
 * Schedule.step(100, 0.5)                  // η·0.5^⌊n/100⌋            (StepLR)
 * Schedule.exponential(0.99)               // η·0.99^n                 (ExponentialLR)
 * Schedule.cosine(1000, 1e-5)              // cosine from η to 1e-5 in 1000 steps (CosineAnnealingLR)
 * Schedule.cosine(1000, 0).warmup(50, 0.1) // linear from 0.1η to η in 50 steps, then the cosine
 * Schedule.reduceOnPlateau()               // ×0.1 after 10 validations without improvement
 * }</pre>
 */
public interface Schedule {

  /**
   * A fresh run of this schedule for an optimiser whose initial (base) learning rate is {@code baseLr}.
   *
   * @param baseLr the base rate η
   * @return the run, with its own state
   */
  Run start(double baseLr);

  /** The schedule's state during one training run. */
  interface Run {
    /**
     * The learning rate of the step after {@code n} steps (0 for the first step).
     *
     * @param n the number of steps taken
     * @return the rate, positive
     */
    double lr(long n);

    /**
     * Reports the monitored value of a validation (only {@link ReduceOnPlateau} uses it).
     *
     * @param value the monitored column's value
     */
    default void observe(double value) {}
  }

  /** A schedule whose rate at count {@code n} is a closed form of {@code n} and the base rate. */
  @FunctionalInterface
  interface ClosedForm extends Schedule {
    /**
     * The rate after {@code n} steps for base rate {@code base}.
     *
     * @param n the number of steps taken
     * @param base the base rate η
     * @return the rate, positive
     */
    double lr(long n, double base);

    @Override
    default Run start(double baseLr) {
      return n -> lr(n, baseLr);
    }

    /**
     * This schedule after a linear warm-up of {@code steps} steps from {@code startFactor·η} to
     * {@code η} (PyTorch's {@code SequentialLR([LinearLR(startFactor, 1, steps), this], [steps])}):
     * {@code η(f + (1 − f) n/steps)} for {@code n < steps}, then this schedule at {@code n − steps}.
     *
     * @param steps warm-up length, positive
     * @param startFactor f in (0, 1]
     * @return the schedule with the warm-up
     */
    default ClosedForm warmup(long steps, double startFactor) {
      if (steps <= 0) {
        throw new IllegalArgumentException("warm-up steps must be positive, got " + steps);
      }
      if (!(startFactor > 0 && startFactor <= 1)) {
        throw new IllegalArgumentException("warm-up start factor must lie in (0, 1], got " + startFactor);
      }
      ClosedForm after = this;
      return (n, base) -> n < steps ? base * (startFactor + (1 - startFactor) * n / steps) : after.lr(n - steps, base);
    }
  }

  /**
   * The base rate throughout.
   *
   * @return the constant schedule
   */
  static ClosedForm constant() {
    return (n, base) -> base;
  }

  /**
   * {@code η·γ^⌊n/stepSize⌋} ({@code StepLR}).
   *
   * @param stepSize steps between decays, positive
   * @param gamma factor per decay, in (0, 1]
   * @return the step schedule
   */
  static ClosedForm step(long stepSize, double gamma) {
    if (stepSize <= 0) {
      throw new IllegalArgumentException("stepSize must be positive, got " + stepSize);
    }
    checkFactor("gamma", gamma);
    return (n, base) -> base * Math.pow(gamma, n / stepSize);
  }

  /**
   * {@code η·γ^n} ({@code ExponentialLR}).
   *
   * @param gamma factor per step, in (0, 1]
   * @return the exponential schedule
   */
  static ClosedForm exponential(double gamma) {
    checkFactor("gamma", gamma);
    return (n, base) -> base * Math.pow(gamma, n);
  }

  /**
   * Cosine annealing ({@code CosineAnnealingLR}, Loshchilov &amp; Hutter 2017, SGDR):
   * {@code η_min + (η − η_min)(1 + cos(π n / T))/2}; as PyTorch's, past {@code T} it rises
   * again (period 2T), so T is usually the length of the run.
   *
   * @param period T, the steps from η to η_min, positive
   * @param minLr η_min, at least 0
   * @return the cosine schedule
   */
  static ClosedForm cosine(long period, double minLr) {
    if (period <= 0) {
      throw new IllegalArgumentException("cosine period must be positive, got " + period);
    }
    OptimizerSpec.check("minLr", minLr, 0);
    return (n, base) -> minLr + (base - minLr) * (1 + Math.cos(Math.PI * n / period)) / 2;
  }

  /**
   * Reduce-on-plateau with PyTorch's defaults: ×0.1 after 10 validations without a relative improvement of
   * 1e-4.
   *
   * @return the rule, for {@code train(...).schedule(...)}
   */
  static ReduceOnPlateau reduceOnPlateau() {
    return ReduceOnPlateau.defaults();
  }

  private static void checkFactor(String name, double value) {
    if (!(value > 0 && value <= 1)) {
      throw new IllegalArgumentException(name + " must lie in (0, 1], got " + value);
    }
  }
}
