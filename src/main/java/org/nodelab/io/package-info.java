/**
 * File output shared by every layer: {@link org.nodelab.io.AtomicFile}, the one writer of
 * parameters, checkpoints, charts, notebooks and reports. It sits below {@code tensor} and uses
 * nothing else from the project.
 */
package org.nodelab.io;
