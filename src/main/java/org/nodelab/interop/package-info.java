/**
 * Bridges to other array libraries. {@link org.nodelab.interop.Nd4jBridge} converts between
 * {@link org.nodelab.tensor.Tensor} and ND4J's {@code INDArray}; ND4J is an optional dependency,
 * loaded only when the bridge is used (measured here, its native calls cost 30–75 µs per small
 * operation, so it is an interchange format, not nodelab's engine).
 */
package org.nodelab.interop;
