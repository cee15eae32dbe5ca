/**
 * Neural-network building blocks: {@link org.nodelab.nn.Module} (a differentiable map with named
 * parameters), {@link org.nodelab.nn.Linear}, {@link org.nodelab.nn.Mlp}, {@link
 * org.nodelab.nn.Sequential}, activations as values, seeded initialisation and atomic save/load of
 * named parameters.
 *
 * <p>Weights of a {@link org.nodelab.nn.Linear} layer are stored {@code [in, out]} (the input is
 * multiplied from the left, {@code y = x W + b}), the transpose of PyTorch's layout, so that the
 * fused kernel's inner loop runs over contiguous memory; initialisation follows PyTorch.
 */
package org.nodelab.nn;
