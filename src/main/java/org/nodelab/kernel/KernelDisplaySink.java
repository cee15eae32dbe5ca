package org.nodelab.kernel;

import java.util.Map;
import org.dflib.jjava.jupyter.kernel.DisplayStream;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.nodelab.notebook.DisplaySink;

/**
 * Displays through Jupyter: {@code display_data} with a display id, then {@code
 * update_display_data} for that id. Output arriving when no cell runs is dropped (it would land in
 * no cell or the wrong one).
 */
final class KernelDisplaySink implements DisplaySink {
  private final DisplayStream stream;

  KernelDisplaySink(DisplayStream stream) {
    this.stream = stream;
  }

  @Override
  public void display(String id, Map<String, String> bundle) {
    if (stream.isAttached()) {
      DisplayData d = data(bundle);
      d.setDisplayId(id);
      stream.display(d);
    }
  }

  @Override
  public void update(String id, Map<String, String> bundle) {
    if (stream.isAttached()) {
      stream.updateDisplay(id, data(bundle));
    }
  }

  /** A jjava display bundle with the same MIME entries. */
  static DisplayData data(Map<String, String> bundle) {
    DisplayData d = new DisplayData();
    bundle.forEach(d::putData);
    return d;
  }
}
