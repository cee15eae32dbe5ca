package org.nodelab.notebook;

/** A file that is not an nbformat 4 notebook; the message names the file and what in it is wrong. */
public final class NotebookFormatException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** @param message the file and what is wrong with it */
  public NotebookFormatException(String message) {
    super(message);
  }
}
