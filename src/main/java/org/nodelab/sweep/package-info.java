/**
 * Experiment sweeps: an experiment run over a grid, a list or random samples of named parameters,
 * repeated over seeds, on threads of this JVM or on Apache Spark ({@code local[N]} or a cluster),
 * collected into one Tablesaw table. Classes defined in notebook cells travel to other JVMs as
 * bytecode ({@link org.nodelab.sweep.Shipment}).
 */
package org.nodelab.sweep;
