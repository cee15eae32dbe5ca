package org.nodelab.notebook;

import java.util.HashMap;
import java.util.Map;
import jdk.jshell.EvalException;

/**
 * Reports an exception thrown by a cell as the user's own: each exception of the cause chain with
 * its class and message (never JShell's {@link EvalException} wrapper), and stack lines of cell code
 * given as line numbers of the cell that holds them (methods and classes defined in earlier cells
 * included). Frames of JShell, reflection and the kernel are left out.
 */
final class CellErrors {
  private final Map<String, Origin> origins = new HashMap<>();
  private int cells;

  /** Where a snippet's first line sits: in which cell (counted from 1) and on which line of it. */
  record Origin(int cell, int firstLine, String cellStart) {}

  /** Starts a new cell; returns its number. */
  int newCell() {
    return ++cells;
  }

  /** Records that snippet {@code id} starts on line {@code firstLine} of cell {@code cell}. */
  void place(String id, int cell, int firstLine, String cellSource) {
    origins.put(id, new Origin(cell, firstLine, firstLine(cellSource.strip())));
  }

  /** The class name of {@code t} as thrown. */
  static String className(Throwable t) {
    return t instanceof EvalException e ? e.getExceptionClassName() : t.getClass().getName();
  }

  /** The simple name of {@code t}'s class as thrown (what Jupyter shows as the error's name). */
  static String simpleName(Throwable t) {
    String name = className(t);
    return name.substring(Math.max(name.lastIndexOf('.'), name.lastIndexOf('$')) + 1);
  }

  /** The report of {@code t}, thrown while cell {@code cell} ran. */
  String report(Throwable t, int cell) {
    StringBuilder sb = new StringBuilder();
    Throwable e = t;
    for (int depth = 0; e != null && depth < 20; depth++) {
      if (depth > 0) {
        sb.append("\nCaused by: ");
      }
      sb.append(readable(className(e)));
      if (e.getMessage() != null) {
        sb.append(": ").append(e.getMessage());
      }
      frames(sb, e, cell);
      e = e.getCause() == e ? null : e.getCause();
    }
    return sb.toString();
  }

  private void frames(StringBuilder sb, Throwable t, int cell) {
    for (StackTraceElement f : t.getStackTrace()) {
      String c = f.getClassName();
      if (c.startsWith("jdk.internal.") || c.startsWith("jdk.jshell.") || c.startsWith("java.lang.reflect.")
          || c.startsWith("org.nodelab.notebook.")) {
        continue;
      }
      String file = f.getFileName();
      Origin o = file != null && file.startsWith("#") ? origins.get(file.substring(1)) : null;
      if (o != null || c.isEmpty() || c.startsWith("REPL.")) {
        sb.append("\n    at ").append(cellFrame(f, o, cell));
      } else {
        sb.append("\n    at ").append(c).append('.').append(f.getMethodName())
            .append(f.getLineNumber() > 0 ? ":" + f.getLineNumber() : "");
      }
    }
  }

  private static String cellFrame(StackTraceElement f, Origin o, int cell) {
    String where = f.getClassName().isEmpty() ? "" : readable(f.getClassName()) + ".";
    String method = f.getMethodName().isEmpty() ? "" : where + f.getMethodName() + ", ";
    if (o == null) {
      return method + "cell line " + Math.max(1, f.getLineNumber());
    }
    int line = o.firstLine() + Math.max(1, f.getLineNumber()) - 1;
    return method + (o.cell() == cell ? "line " + line : "line " + line + " of the cell starting \"" + o.cellStart() + "\"");
  }

  /** A cell's class name without JShell's wrapper prefix ({@code REPL.$JShell$12$Point} becomes {@code Point}). */
  static String readable(String className) {
    return className.startsWith("REPL.") ? className.replaceAll("^REPL\\.(\\$JShell\\$\\d+\\$)?", "") : className;
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    String line = nl < 0 ? s : s.substring(0, nl);
    return line.length() > 40 ? line.substring(0, 40) + "..." : line;
  }
}
