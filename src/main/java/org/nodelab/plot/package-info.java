/**
 * XChart figures a researcher would otherwise draw by hand: loss curves, trajectories against
 * data, phase portraits with the learned vector field, the flow of a point cloud from 0 to T,
 * decision regions, work–precision and step-size traces, learned densities and samples of a flow
 * ({@link org.nodelab.plot.DensityCharts}); PNG and SVG export. Every helper returns
 * the chart for further tweaking (title, styler, extra series); the notebook kernel renders charts
 * inline. {@link org.nodelab.plot.Theme} is the one place that sets fonts, colours, size and PNG
 * scale; {@link org.nodelab.plot.NiceTicks} writes tick labels with no more digits than needed.
 */
package org.nodelab.plot;
