package org.nodelab.sweep;

import java.io.Serializable;

/**
 * One unit of a sweep: its index in the sweep's table and the configuration it runs.
 *
 * @param index the row of the result table, from 0
 * @param config the configuration
 *
 * @serial exclude
 */
public record Task(int index, Config config) implements Serializable {}
