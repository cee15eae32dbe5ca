/**
 * Step-size control as immutable values: {@link org.nodelab.ode.control.StepControl} (a fixed step,
 * or error control with rtol/atol, Hairer's initial step, safety factor, growth and shrink limits,
 * optional PI control, step limits), the error norms it measures a step with ({@link
 * org.nodelab.ode.control.ErrorNorm}), and Hairer's starting-step estimate ({@link
 * org.nodelab.ode.control.InitialStep}). Nothing here knows a method's coefficients or the kind of
 * state: the Runge–Kutta engine hands over error vectors and states as plain arrays.
 */
package org.nodelab.ode.control;
