/**
 * Explicit Runge–Kutta solvers: one validated {@link org.nodelab.ode.ButcherTableau} per method
 * ({@link org.nodelab.ode.Tableaus}: euler, midpoint, heun, rk4, bosh3, dopri5, tsit5, dopri8), one
 * stepper and one solve loop for all of them, step-size control as an immutable value ({@link
 * org.nodelab.ode.control.StepControl}: scipy's RK45 controller by default, optionally PI), dense
 * output at any requested times, statistics, an optional per-step trace, and failures that say
 * where and why the solve stopped and what to try ({@link org.nodelab.ode.OdeException}).
 *
 * <p>Two kinds of state share the engine: plain {@code double[]} systems ({@link
 * org.nodelab.ode.OdeSystem}, allocation-free per step) and {@link org.nodelab.tensor.Tensor}
 * states of any shape ({@link org.nodelab.ode.VectorField}), whose stages are recorded on the
 * gradient tape so that gradients flow through the solve; the step-size control is never
 * differentiated. Entry point: {@link org.nodelab.ode.Ode}; solvers: {@link org.nodelab.ode.Solvers}.
 */
package org.nodelab.ode;
