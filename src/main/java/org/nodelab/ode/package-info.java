/**
 * Explicit Runge–Kutta solvers: one validated {@link org.nodelab.ode.ButcherTableau} per method
 * ({@link org.nodelab.ode.Tableaus}), one stepper and one solve loop for all of them, error control
 * with rtol/atol (scipy's RK45 controller, optionally PI), dense output at any requested times,
 * statistics and diagnosing failures.
 *
 * <p>Two kinds of state share the engine: plain {@code double[]} systems ({@link
 * org.nodelab.ode.OdeSystem}, allocation-free per step) and {@link org.nodelab.tensor.Tensor}
 * states of any shape ({@link org.nodelab.ode.VectorField}), whose stages are recorded on the
 * gradient tape so that gradients flow through the solve. Step-size control is never
 * differentiated. Entry point: {@link org.nodelab.ode.Ode}.
 */
package org.nodelab.ode;
