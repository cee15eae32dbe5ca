/**
 * Training: losses ({@link org.nodelab.train.Losses}) and optimisers with PyTorch's update rules
 * and defaults ({@link org.nodelab.train.Sgd}, {@link org.nodelab.train.RmsProp}, {@link
 * org.nodelab.train.Adam}, {@link org.nodelab.train.AdamW}). An optimiser configuration is an
 * immutable value; {@code on(parameters)} binds it to parameters and returns the stateful {@link
 * org.nodelab.train.Optimizer} that steps. The {@link org.nodelab.train.Trainer} checks the data
 * before the first step, refuses non-finite steps ({@link org.nodelab.train.NonFiniteLossException},
 * keeping the partial {@link org.nodelab.train.History}), follows a learning-rate {@link
 * org.nodelab.train.Schedule}, clips gradients ({@link org.nodelab.train.Clipping}) and stops early
 * ({@link org.nodelab.train.EarlyStopping}).
 */
package org.nodelab.train;
