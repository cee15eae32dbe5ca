/**
 * Training: losses ({@link org.nodelab.train.Losses}) and optimisers with PyTorch's update rules
 * and defaults ({@link org.nodelab.train.Sgd}, {@link org.nodelab.train.RmsProp}, {@link
 * org.nodelab.train.Adam}, {@link org.nodelab.train.AdamW}). An optimiser configuration is an
 * immutable value; {@code on(parameters)} binds it to parameters and returns the stateful {@link
 * org.nodelab.train.Optimizer} that steps.
 */
package org.nodelab.train;
