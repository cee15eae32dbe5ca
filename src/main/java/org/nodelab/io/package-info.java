/**
 * File output shared by every layer: {@link org.nodelab.io.AtomicFile}, the one writer of
 * parameters, checkpoints, charts, notebooks and reports; and the command line's edge: {@link
 * org.nodelab.io.CommandMain} runs every {@code ./nodelab} command and reports what escapes it in a
 * line or two, {@link org.nodelab.io.Options} reads arguments. It sits below {@code tensor} and
 * uses nothing else from the project.
 */
package org.nodelab.io;
