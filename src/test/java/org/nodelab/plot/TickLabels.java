package org.nodelab.plot;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.internal.chartpart.Axis;
import org.knowm.xchart.internal.chartpart.Chart;

/** The tick labels XChart draws on a chart's axes (labelled ticks whose location lies on the axis; log axes leave minor ticks unlabelled). */
final class TickLabels {
  private TickLabels() {}

  static List<String> x(Chart<?, ?> chart) {
    return of(chart, "getXAxis");
  }

  static List<String> y(Chart<?, ?> chart) {
    return of(chart, "getYAxis");
  }

  private static List<String> of(Chart<?, ?> chart, String getter) {
    try {
      Export.png(chart, 1);
      Method m = Chart.class.getDeclaredMethod(getter);
      m.setAccessible(true);
      Axis<?, ?> axis = (Axis<?, ?>) m.invoke(chart);
      double extent = getter.equals("getXAxis") ? axis.getBounds().getWidth() : axis.getBounds().getHeight();
      List<Double> at = axis.getAxisTickCalculator().getTickLocations();
      List<String> labels = axis.getAxisTickCalculator().getTickLabels();
      List<String> drawn = new ArrayList<>();
      for (int i = 0; i < labels.size(); i++) {
        if (labels.get(i) != null && at.get(i) >= -0.5 && at.get(i) <= extent + 0.5) {
          drawn.add(labels.get(i));
        }
      }
      return drawn;
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("XChart's axes are not reachable", e);
    }
  }
}
