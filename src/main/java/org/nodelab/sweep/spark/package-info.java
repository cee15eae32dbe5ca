/**
 * The Spark-facing part of sweeps: a Spark job per sweep, the JVM's one Spark context and the jars
 * shipped to a cluster's executors. Loaded only when a Spark master is asked for, from the class
 * path or from Spark's jars resolved through Maven; nothing else in nodelab refers to it.
 */
package org.nodelab.sweep.spark;
