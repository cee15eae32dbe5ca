/**
 * Notebook evaluation shared by the Jupyter kernel and the headless runner: a JShell {@link
 * org.nodelab.notebook.Evaluator} that keeps live result objects, a {@link
 * org.nodelab.notebook.Renderer} turning them into MIME bundles (charts as PNG, tables as HTML,
 * everything with a text fallback), and the {@link org.nodelab.notebook.NotebookRunner} that
 * executes an {@code .ipynb} without Python and writes the executed notebook and an HTML report.
 */
package org.nodelab.notebook;
