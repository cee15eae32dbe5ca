package org.nodelab.ode;

import java.util.function.DoubleFunction;

/**
 * Finds the first sign change of an event function on a solve's steps: after every accepted step it
 * compares {@code g} at the step's end with its value at the start, and inside a step with a
 * crossing in the wanted direction locates the root on the dense output by the Illinois method (a
 * regula falsi that halves the retained end's value) to a few units in the last place of the time.
 * A zero of {@code g} at a step's start (the initial time included) is no event: the side is taken
 * from the next nonzero value. Two crossings inside one step are not seen (as in every step-end
 * detector).
 */
final class EventLocator {
  private static final int MAX_ITERATIONS = 200;

  private final EventFunction g;
  private final EventDirection direction;
  private double previous;
  private long evaluations;

  EventLocator(EventFunction g, EventDirection direction, double t0, double[] y0) {
    this.g = g;
    this.direction = direction;
    this.previous = value(t0, y0);
  }

  /**
   * The event time inside the accepted step {@code [t, tNew]}, or NaN when there is none.
   *
   * @param stateAt the dense output at {@code θ ∈ [0, 1]} (values, read before the next call)
   * @param yNew the state at {@code tNew}
   */
  double crossing(double t, double tNew, DoubleFunction<double[]> stateAt, double[] yNew) {
    double gNew = value(tNew, yNew);
    double gOld = previous;
    previous = gNew;
    if (gOld == 0 || Math.signum(gNew) == Math.signum(gOld) || !direction.accepts(Math.signum(gOld))) {
      return Double.NaN;
    }
    if (gNew == 0) {
      return tNew;
    }
    return illinois(t, tNew - t, gOld, gNew, stateAt);
  }

  /** Evaluations of {@code g} so far. */
  long evaluations() {
    return evaluations;
  }

  private double illinois(double t, double h, double ga, double gb, DoubleFunction<double[]> stateAt) {
    double a = 0;
    double b = 1;
    double tolerance = 2 * Math.ulp(Math.max(Math.abs(t), Math.abs(t + h))) / Math.abs(h);
    for (int i = 0; i < MAX_ITERATIONS && Math.abs(b - a) > tolerance; i++) {
      double c = b - gb * (b - a) / (gb - ga);
      if (!(c > Math.min(a, b) && c < Math.max(a, b))) {
        c = 0.5 * (a + b);
      }
      double gc = value(t + c * h, stateAt.apply(c));
      if (gc == 0) {
        return t + c * h;
      }
      if (Math.signum(gc) == Math.signum(gb)) {
        ga /= 2;
      } else {
        a = b;
        ga = gb;
      }
      b = c;
      gb = gc;
    }
    double theta = Math.abs(ga) < Math.abs(gb) ? a : b;
    return theta == 1 ? t + h : t + theta * h;
  }

  private double value(double t, double[] y) {
    evaluations++;
    double v = g.value(t, y);
    if (!Double.isFinite(v)) {
      throw new IllegalArgumentException("the event function returned " + v + " at t = " + t
          + ": it must be finite along the solution");
    }
    return v;
  }
}
