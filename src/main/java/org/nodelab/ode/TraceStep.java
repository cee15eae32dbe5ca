package org.nodelab.ode;

/**
 * One attempted step of a traced solve.
 *
 * @param t time at the start of the step
 * @param h signed step size tried
 * @param errorRatio error norm relative to the tolerance (accepted below 1; NaN for fixed steps)
 * @param accepted whether the step was kept
 */
public record TraceStep(double t, double h, double errorRatio, boolean accepted) {}
