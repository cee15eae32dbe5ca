package org.nodelab.notebook;

/**
 * The outcome of one cell.
 *
 * @param value the value of the last expression (live object), or null
 * @param hasValue whether the cell ended with an expression that has a value
 * @param error a short report of a compile error or exception in the user's code, or null
 * @param errorName the exception's class name (or "CompileError", "Interrupted"), or null
 */
public record CellResult(Object value, boolean hasValue, String error, String errorName) {

  /**
   * Whether the cell failed.
   *
   * @return true when {@link #error()} is set
   */
  public boolean failed() {
    return error != null;
  }

  static CellResult ok(Object value, boolean hasValue) {
    return new CellResult(value, hasValue, null, null);
  }

  static CellResult failure(String name, String message) {
    return new CellResult(null, false, message, name);
  }
}
