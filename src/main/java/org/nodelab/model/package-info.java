/**
 * Neural ODE models, the seed's {@code h(0) = f_in(x)}, {@code dh/dt = f_θ(t, h)}, {@code out =
 * f_out(h(T))}: the immutable builder {@link org.nodelab.model.OdeSpec} behind the DSL {@code
 * ode(f).from(fIn).to(fOut).solve(rk45).until(T)}, the resulting {@link
 * org.nodelab.model.NeuralOde} (a {@link org.nodelab.nn.Module}) and the {@link
 * org.nodelab.model.TrajectoryModel} returned by {@code .at(t0, ..., tn)}; the continuous
 * normalizing flow {@link org.nodelab.model.Cnf} built by {@code cnf(f)}. No numerics here: every
 * model calls {@link org.nodelab.ode.Ode#solve}.
 */
package org.nodelab.model;
