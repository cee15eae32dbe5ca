package org.nodelab.notebook;

import java.util.Map;

/**
 * Where displayed objects go: the kernel sends Jupyter {@code display_data} and {@code
 * update_display_data} messages, the runner writes {@code display_data} outputs. Installed with
 * {@link Display#install}.
 */
public interface DisplaySink {

  /** Shows a new output with the MIME {@code bundle} (type → content), to be updated under {@code id}. */
  void display(String id, Map<String, String> bundle);

  /** Replaces the content of the output shown under {@code id}. */
  void update(String id, Map<String, String> bundle);
}
