/**
 * Explicit Runge–Kutta solvers: one validated {@link org.nodelab.ode.ButcherTableau} per method
 * ({@link org.nodelab.ode.Tableaus}: euler, midpoint, heun, rk4, bosh3, dopri5, tsit5, dopri8), one
 * stepper and one solve loop for all of them; for stiff problems the Rosenbrock method rodas5
 * ({@link org.nodelab.ode.Rosenbrock}), the ESDIRK method kvaerno5 ({@link org.nodelab.ode.Esdirk}) and the
 * Radau IIA collocation method radau5 ({@link org.nodelab.ode.Radau}),
 * each with its own stepper (Jacobian, LU, Newton) under the same loop; dense output at any requested times, statistics, an
 * optional per-step trace, and failures that say where and why the solve stopped and what to try
 * ({@link org.nodelab.ode.OdeException}).
 *
 * <p>A {@link org.nodelab.ode.Solver} is three immutable parts, as in diffrax: the {@link
 * org.nodelab.ode.Method} (how one step is computed, with its own error estimate: DOP853 combines its
 * two estimates in its tableau), a sealed {@link org.nodelab.ode.control.StepSizeController} (constant
 * step, or the I or PI controller with its tolerances, norm, step limits and Hairer's first step;
 * package {@code control}), and {@link org.nodelab.ode.SolveOptions} (step budget, trace, a
 * termination rule). The one solve loop ({@code Integrator}) drives the method's {@code
 * Stepper}; every solution reports its {@link org.nodelab.ode.Termination}.
 *
 * <p>Two kinds of state share the engine: plain {@code double[]} systems ({@link
 * org.nodelab.ode.OdeSystem}, allocation-free per step) and {@link org.nodelab.tensor.Tensor}
 * states of any shape ({@link org.nodelab.ode.VectorField}), whose stages are recorded on the
 * gradient tape so that gradients flow through the solve; the step-size control is never
 * differentiated. Entry point: {@link org.nodelab.ode.Ode}; solvers: {@link org.nodelab.ode.Solvers}.
 *
 * <h2>Extending</h2>
 * <ul>
 *   <li><b>An explicit method</b> is data: a {@code ButcherTableau} constant in {@code Tableaus}
 *       (copied from the paper; the constructor checks row sums and weights), a factory line in
 *       {@code Solvers}, and one row in each parametrised test ({@code OrderConditionsTest},
 *       {@code ConvergenceOrderTest} with its expected order). The engine is not touched.
 *   <li><b>An implicit method</b> of an existing family is data: a {@code Rosenbrock} (transformed
 *       coefficients, checked against the order conditions) or an {@code Esdirk} constant. A new
 *       family is a new {@code Method} (add it to the sealed list) with its own {@code Stepper}
 *       (Jacobian, LU and Newton live there, as in {@code RosenbrockStep} and {@code EsdirkStep}),
 *       created in {@code Stepper.of}; it reports an {@code ErrorEstimate}, its Jacobian and
 *       factorisation counts, and may keep a factored step ({@code Stepper.keepStep}), so the same
 *       controllers, statistics, diagnosis and dense-output contracts apply. Its linear solves go
 *       through {@code StateSpace.solve}, which on tensors records a backward; an adjoint whose
 *       backward solver is implicit reads the forward trajectory ({@code InterpolatedAdjoint}).
 *   <li><b>A stopping condition</b> checked only at step ends is a {@link
 *       org.nodelab.ode.TerminationRule} in the solve options; an event located inside a step is
 *       described below.
 * </ul>
 *
 * <h2>Events</h2>
 * {@link org.nodelab.ode.Ode#solveUntilEvent} stops at the first sign change of an event function:
 * the solve loop hands every accepted step to an {@code EventLocator}, which compares the function at
 * the step's ends and finds the root on the stepper's dense output (Illinois); the solution ends with
 * {@code STOPPED_AT_EVENT}. On tensors ({@code EventSolve}) an untaped solve locates the event, a
 * recorded solve (direct or adjoint) reaches it, and one custom tape node gives the event time its
 * implicit-function-theorem gradient; a differentiable start time enters as {@code y0 − f(t0, y0)·(t0
 * − t0.value)}. {@link org.nodelab.ode.Ode#solveWithEvents} chains such pieces with a {@link
 * org.nodelab.ode.Jump} between them.
 */
package org.nodelab.ode;
