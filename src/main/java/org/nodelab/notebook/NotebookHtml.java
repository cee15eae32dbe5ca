package org.nodelab.notebook;

import com.google.gson.JsonObject;
import java.nio.file.Path;

/**
 * An executed notebook as HTML for pages outside the runner (the documentation site): the same
 * renderer as the runner's report, so a notebook reads the same in both.
 *
 * @param provenance the report's provenance line (versions, machine, commit, seeds, times), as HTML
 * @param cells the cells as HTML: markdown rendered, code in {@code pre}, outputs inline (charts as
 *     {@code data:} PNG images)
 */
public record NotebookHtml(String provenance, String cells) {

  /**
   * Reads and renders a notebook.
   *
   * @param notebook an nbformat 4 {@code .ipynb} file, usually with its executed outputs
   * @return its provenance line and cells as HTML
   * @throws NotebookFormatException if the file is not an nbformat 4 notebook
   * @throws java.io.UncheckedIOException if it cannot be read
   */
  public static NotebookHtml of(Path notebook) {
    JsonObject nb = NotebookJson.read(notebook);
    return new NotebookHtml(HtmlReport.header(nb), HtmlReport.body(nb));
  }
}
