package org.nodelab.ode.control;

/**
 * How the scaled errors {@code errᵢ / (atolᵢ + rtolᵢ·max(|y₀ᵢ|, |y₁ᵢ|))} of the components are
 * combined into one number that a step must keep below 1.
 */
public enum ErrorNorm {
  /** Root mean square {@code √(mean(eᵢ²))}: scipy, diffrax, Hipparchus, torchdiffeq (the default). */
  RMS,
  /** Largest component {@code max |eᵢ|}: stricter, every component meets its tolerance. */
  MAX
}
