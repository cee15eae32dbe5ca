/**
 * Dense row-major {@code double} tensors with reverse-mode automatic differentiation on a
 * define-by-run tape.
 *
 * <p>{@link org.nodelab.tensor.Tensor} is immutable from the outside (leaves can be overwritten
 * through {@code assign}, for optimisers). An operation on tensors that require a gradient
 * records a node holding its parents and a backward closure written next to the forward code;
 * {@code backward()} walks the graph in reverse topological order. Each node also carries its
 * backward pass in differentiable tensor operations, which {@code gradients(output, seed, wrt,
 * true)} runs to record gradients on the tape (derivatives of derivatives). The hot loops live in
 * one package-private kernel class working on {@code double[]}.
 */
package org.nodelab.tensor;
