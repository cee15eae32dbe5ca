/**
 * Data: synthetic sets (concentric circles, two moons), the 2-D density targets of {@link
 * org.nodelab.data.Densities2d}, the real sets shipped in {@code
 * datasets/} (lynx–hare pelts, UCI digits), any CSV through Tablesaw into tensors, seeded
 * train/test splits and mini-batches. Tablesaw stays in this package; the numerical core never
 * imports it.
 */
package org.nodelab.data;
