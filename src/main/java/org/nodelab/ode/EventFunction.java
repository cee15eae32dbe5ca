package org.nodelab.ode;

/**
 * An event on plain arrays: the event happens where {@code g(t, y)} changes sign. Example (a ball
 * of radius 0.2 reaching the floor, {@code y = [height, velocity]}): {@code (t, y) -> y[0] - 0.2}.
 */
@FunctionalInterface
public interface EventFunction {

  /**
   * The event function's value.
   *
   * @param t time
   * @param y state (read only)
   * @return a finite value whose sign change marks the event
   */
  double value(double t, double[] y);
}
