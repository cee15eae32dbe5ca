package org.nodelab.train;

/**
 * PyTorch's {@code ReduceLROnPlateau} (mode and threshold mode as given, threshold relative): each
 * validation reports the monitored value; a value better than {@code best·(1 − threshold)} (lower,
 * or {@code best·(1 + threshold)} and higher when higher is better) resets the count of bad
 * validations, and after more than {@code patience} bad ones the rate becomes {@code max(η·factor,
 * minLr)} (if that changes it by more than 1e-8), followed by {@code cooldown} validations in which
 * bad ones are not counted. Monitors {@code val_loss} by default; without a validation set the
 * trainer reports the mean training loss of each validation interval instead.
 *
 * @param monitor the history column watched, e.g. {@code "val_loss"} or {@code "val_accuracy"}
 * @param higherIsBetter whether larger values are improvements (PyTorch's mode {@code "max"})
 * @param factor the factor applied on a plateau, in (0, 1)
 * @param patience bad validations tolerated before reducing
 * @param threshold relative improvement needed to count as better
 * @param cooldown validations after a reduction in which bad ones are not counted
 * @param minLr the lowest rate
 */
public record ReduceOnPlateau(String monitor, boolean higherIsBetter, double factor, int patience, double threshold,
    int cooldown, double minLr) implements Schedule {

  /**
   * Checks the settings.
   *
   * @param monitor the history column watched, e.g. {@code "val_loss"} or {@code "val_accuracy"}
   * @param higherIsBetter whether larger values are improvements (PyTorch's mode {@code "max"})
   * @param factor the factor applied on a plateau, in (0, 1)
   * @param patience bad validations tolerated before reducing
   * @param threshold relative improvement needed to count as better
   * @param cooldown validations after a reduction in which bad ones are not counted
   * @param minLr the lowest rate
   */
  public ReduceOnPlateau {
    java.util.Objects.requireNonNull(monitor, "monitor");
    if (!(factor > 0 && factor < 1)) {
      throw new IllegalArgumentException("factor must lie in (0, 1), got " + factor);
    }
    if (patience < 0 || cooldown < 0) {
      throw new IllegalArgumentException("patience and cooldown must be at least 0, got " + patience + " and " + cooldown);
    }
    OptimizerSpec.check("threshold", threshold, 0);
    OptimizerSpec.check("minLr", minLr, 0);
  }

  /**
   * PyTorch's defaults on {@code val_loss}: factor 0.1, patience 10, threshold 1e-4, no cooldown, minLr 0.
   *
   * @return the rule
   */
  public static ReduceOnPlateau defaults() {
    return new ReduceOnPlateau("val_loss", false, 0.1, 10, 1e-4, 0, 0);
  }

  /**
   * The same watching {@code column}; higher is better when its name ends in {@code accuracy}.
   *
   * @param column the history column watched
   * @return a new rule
   */
  public ReduceOnPlateau monitor(String column) {
    return new ReduceOnPlateau(column, column.endsWith("accuracy"), factor, patience, threshold, cooldown, minLr);
  }

  /**
   * The same with reduction factor {@code f}.
   *
   * @param f the factor, in (0, 1)
   * @return a new rule
   */
  public ReduceOnPlateau factor(double f) {
    return new ReduceOnPlateau(monitor, higherIsBetter, f, patience, threshold, cooldown, minLr);
  }

  /**
   * The same with {@code n} bad validations tolerated.
   *
   * @param n the number of bad validations tolerated
   * @return a new rule
   */
  public ReduceOnPlateau patience(int n) {
    return new ReduceOnPlateau(monitor, higherIsBetter, factor, n, threshold, cooldown, minLr);
  }

  /**
   * The same with {@code n} cooldown validations after each reduction.
   *
   * @param n the number of validations, at least 0
   * @return a new rule
   */
  public ReduceOnPlateau cooldown(int n) {
    return new ReduceOnPlateau(monitor, higherIsBetter, factor, patience, threshold, n, minLr);
  }

  /**
   * The same with the lowest rate {@code lr}.
   *
   * @param lr the lowest rate, at least 0
   * @return a new rule
   */
  public ReduceOnPlateau minLr(double lr) {
    return new ReduceOnPlateau(monitor, higherIsBetter, factor, patience, threshold, cooldown, lr);
  }

  @Override
  public Run start(double baseLr) {
    return new Run() {
      private double lr = baseLr;
      private double best = higherIsBetter ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
      private int bad;
      private int cooling;

      @Override
      public double lr(long n) {
        return lr;
      }

      @Override
      public void observe(double value) {
        boolean better = higherIsBetter ? value > best * (1 + threshold) : value < best * (1 - threshold);
        if (better) {
          best = value;
          bad = 0;
        } else {
          bad++;
        }
        if (cooling > 0) {
          cooling--;
          bad = 0;
        }
        if (bad > patience) {
          double reduced = Math.max(lr * factor, minLr);
          if (lr - reduced > 1e-8) {
            lr = reduced;
          }
          cooling = cooldown;
          bad = 0;
        }
      }
    };
  }
}
