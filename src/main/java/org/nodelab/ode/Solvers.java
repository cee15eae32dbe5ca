package org.nodelab.ode;

/** Factories of the built-in solvers, each with the defaults documented in {@link Solver}. */
public final class Solvers {
  private Solvers() {}

  /** Forward Euler (order 1, fixed step). */
  public static Solver euler() {
    return Solver.of(Tableaus.EULER);
  }

  /** Explicit midpoint (order 2, fixed step). */
  public static Solver midpoint() {
    return Solver.of(Tableaus.MIDPOINT);
  }

  /** Heun (order 2, fixed step). */
  public static Solver heun() {
    return Solver.of(Tableaus.HEUN);
  }

  /** Classical Runge–Kutta (order 4, fixed step). */
  public static Solver rk4() {
    return Solver.of(Tableaus.RK4);
  }

  /** Bogacki–Shampine 3(2), adaptive. */
  public static Solver bosh3() {
    return Solver.of(Tableaus.BOSH3);
  }

  /** Dormand–Prince 5(4), adaptive; the same as {@link #dopri5()}. */
  public static Solver rk45() {
    return dopri5();
  }

  /** Dormand–Prince 5(4), adaptive, Dormand and Prince's error estimator. */
  public static Solver dopri5() {
    return Solver.of(Tableaus.DOPRI5);
  }

  /** Tsitouras 5(4), adaptive. */
  public static Solver tsit5() {
    return Solver.of(Tableaus.TSIT5);
  }

  /** Dormand–Prince 8(5,3), adaptive, for tight tolerances. */
  public static Solver dopri8() {
    return Solver.of(Tableaus.DOPRI8);
  }
}
