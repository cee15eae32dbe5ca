package org.nodelab.ode.control;

/**
 * How a solve chooses its steps, as an immutable value: a {@link ConstantStep}, or error control
 * ({@link AdaptiveController}: the {@link IController} or the {@link PiController}), which carries
 * its {@link Tolerances} and {@link StepLimits}. Sealed, so the solve loop knows every case.
 */
public sealed interface StepSizeController permits ConstantStep, AdaptiveController {}
