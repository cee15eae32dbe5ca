package org.nodelab.ode;

import java.util.Optional;

/**
 * What a solve does besides stepping, as an immutable value: the step budget, whether to keep a
 * per-step trace, and an optional {@link TerminationRule} that may end it early. The output times
 * are the {@code times} argument of {@link Ode#solve}. Defaults: at most 100 000 steps (accepted
 * plus rejected), no trace, no termination rule.
 *
 * @param maxSteps most steps (accepted plus rejected) per solve; more fails with a diagnosis
 * @param trace whether solutions keep every attempted step
 * @param termination a rule that ends the solve early, if any
 */
public record SolveOptions(int maxSteps, boolean trace, Optional<TerminationRule> termination) {
  private static final SolveOptions DEFAULTS = new SolveOptions(100_000, false, Optional.empty());

  /**
   * Checks the budget.
   *
   * @param maxSteps most steps (accepted plus rejected) per solve; more fails with a diagnosis
   * @param trace whether solutions keep every attempted step
   * @param termination a rule that ends the solve early, if any
   */
  public SolveOptions {
    if (maxSteps <= 0) {
      throw new IllegalArgumentException("maxSteps must be positive, got " + maxSteps);
    }
    if (termination == null) {
      throw new IllegalArgumentException("termination must be a rule or Optional.empty()");
    }
  }

  /**
   * The documented defaults.
   *
   * @return the options: at most 100 000 steps, no trace, no termination rule
   */
  public static SolveOptions defaults() {
    return DEFAULTS;
  }

  /**
   * These options with another step budget.
   *
   * @param n the budget, at least 1
   * @return options with at most {@code n} steps
   */
  public SolveOptions withMaxSteps(int n) {
    return new SolveOptions(n, trace, termination);
  }

  /**
   * These options with the trace on or off.
   *
   * @param on whether to keep the trace
   * @return options keeping the trace, or not
   */
  public SolveOptions withTrace(boolean on) {
    return new SolveOptions(maxSteps, on, termination);
  }

  /**
   * These options ending the solve when {@code rule} holds after an accepted step.
   *
   * @param rule the rule
   * @return options with the rule
   */
  public SolveOptions until(TerminationRule rule) {
    return new SolveOptions(maxSteps, trace, Optional.of(rule));
  }

  /**
   * These options without a termination rule.
   *
   * @return options with no rule
   */
  public SolveOptions withoutTermination() {
    return new SolveOptions(maxSteps, trace, Optional.empty());
  }
}
