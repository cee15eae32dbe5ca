/** Small runnable programs that show the library end to end; {@code ./nodelab} runs one of them. */
package org.nodelab.examples;
