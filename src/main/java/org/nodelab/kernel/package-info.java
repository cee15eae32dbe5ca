/**
 * The Jupyter kernel {@code nodelab} ("Java (nodelab)"): jjava-jupyter's messaging with the
 * notebook {@link org.nodelab.notebook.Evaluator} and {@link org.nodelab.notebook.Renderer}. It
 * refuses non-loopback addresses and empty keys, survives messages with bad signatures, exits when
 * its parent dies, interrupts at step boundaries and refuses {@code System.exit}.
 */
package org.nodelab.kernel;
