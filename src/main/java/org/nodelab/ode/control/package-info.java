/**
 * Step-size control as immutable values: a sealed {@link org.nodelab.ode.control.StepSizeController}
 * ({@link org.nodelab.ode.control.ConstantStep}, or error control by the {@link
 * org.nodelab.ode.control.IController} or the {@link org.nodelab.ode.control.PiController}), the
 * {@link org.nodelab.ode.control.Tolerances} and norms an error-controlled step must meet, the
 * {@link org.nodelab.ode.control.StepLimits} on steps and their changes, and Hairer's starting-step
 * estimate ({@link org.nodelab.ode.control.InitialStep}). Nothing here knows a method's coefficients
 * or the kind of state: a stepper hands over its {@link org.nodelab.ode.control.ErrorEstimate}
 * (which combines its own estimates, as DOP853 does) and states as plain arrays.
 */
package org.nodelab.ode.control;
