package org.nodelab.ode;

import java.util.Objects;

/**
 * An event function with the direction of the crossings that count, as the DSL's {@code
 * event(g).falling()} builds it.
 *
 * @param g the event function
 * @param direction which crossings count
 */
public record Event(TensorEventFunction g, EventDirection direction) {
  /**
   * Checks the parts.
   *
   * @param g the event function
   * @param direction which crossings count
   */
  public Event {
    Objects.requireNonNull(g, "g");
    Objects.requireNonNull(direction, "direction");
  }

  /**
   * An event at any sign change of {@code g}.
   *
   * @param g the event function
   * @return the event, counting crossings in both directions
   */
  public static Event of(TensorEventFunction g) {
    return new Event(g, EventDirection.EITHER);
  }

  /**
   * This event counting only crossings from positive to negative.
   *
   * @return a new event
   */
  public Event falling() {
    return new Event(g, EventDirection.FALLING);
  }

  /**
   * This event counting only crossings from negative to positive.
   *
   * @return a new event
   */
  public Event rising() {
    return new Event(g, EventDirection.RISING);
  }
}
