package org.nodelab.notebook;

import java.util.Map;

/**
 * Where displayed objects go: the kernel sends Jupyter {@code display_data} and {@code
 * update_display_data} messages, the runner writes {@code display_data} outputs. Installed with
 * {@link Display#install}.
 */
public interface DisplaySink {

  /**
   * Shows a new output with the MIME {@code bundle} (type → content), to be updated under {@code id}.
   *
   * @param id the output's display id
   * @param bundle MIME type to content
   */
  void display(String id, Map<String, String> bundle);

  /**
   * Replaces the content of the output shown under {@code id}.
   *
   * @param id the output's display id
   * @param bundle MIME type to content
   */
  void update(String id, Map<String, String> bundle);
}
