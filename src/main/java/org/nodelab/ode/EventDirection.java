package org.nodelab.ode;

/** Which zero crossings of an event function count as the event. */
public enum EventDirection {
  /** {@code g} goes from negative to zero or positive. */
  RISING,
  /** {@code g} goes from positive to zero or negative (a ball reaching the floor: height − radius). */
  FALLING,
  /** Any sign change. */
  EITHER;

  /** Whether a crossing that starts on the side of sign {@code fromSign} counts. */
  boolean accepts(double fromSign) {
    return this == EITHER || (this == RISING ? fromSign < 0 : fromSign > 0);
  }
}
