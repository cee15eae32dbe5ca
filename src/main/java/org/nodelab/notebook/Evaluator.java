package org.nodelab.notebook;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import jdk.jshell.Diag;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;

/**
 * Evaluates notebook cells with JShell in this JVM, with {@code import static org.nodelab.Lab.*}
 * and the core packages preloaded. A cell may hold several statements; the value of a final
 * expression is returned as a live object. Compile errors come back with the offending line and a
 * caret, exceptions as thrown (with their causes) and with the frames of the user's code only,
 * numbered by the lines of the cells. Calls that would end the JVM are refused ({@link ExitCalls});
 * an interrupt stops the running snippet only ({@link SnippetThread}).
 */
public final class Evaluator implements AutoCloseable {
  /** The imports every session starts with (also the JShell startup script). */
  public static final List<String> STARTUP_IMPORTS = List.of(
      "import static org.nodelab.Lab.*;",
      "import org.nodelab.tensor.*;",
      "import org.nodelab.nn.*;",
      "import org.nodelab.nn.Module;",
      "import org.nodelab.ode.*;",
      "import org.nodelab.model.*;",
      "import org.nodelab.train.*;",
      "import org.nodelab.data.*;",
      "import org.nodelab.plot.*;",
      "import org.nodelab.sweep.*;",
      "import tech.tablesaw.api.*;",
      "import java.util.*;");

  private final JShell shell;
  private final LiveExecutionControl control;
  private final MagicRunner magics = new MagicRunner(this::eval, path -> shell().addToClasspath(path));
  private final CellErrors errors = new CellErrors();

  /** A fresh session with the startup imports evaluated. */
  public Evaluator() {
    LiveExecutionControl.Provider provider = new LiveExecutionControl.Provider();
    control = provider.control();
    shell = JShell.builder().executionEngine(provider, java.util.Map.of()).build();
    shell.addToClasspath(System.getProperty("java.class.path"));
    for (String line : STARTUP_IMPORTS) {
      CellResult r = eval(line);
      if (r.failed()) {
        throw new IllegalStateException("startup import failed: " + line + ": " + r.error());
      }
    }
  }

  /**
   * Evaluates a cell (Java snippets and {@link Magics magics}).
   *
   * @param code the cell's source
   * @return the value of its last expression, or its error
   */
  public CellResult eval(String code) {
    if (Magics.present(code)) {
      return magics.run(code);
    }
    control.thread().reset();
    int cell = errors.newCell();
    try {
      SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
      String remaining = code;
      CellResult last = CellResult.ok(null, false);
      while (!remaining.isBlank()) {
        SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(remaining);
        if (!info.completeness().isComplete()) {
          return CellResult.failure("CompileError", "incomplete input: " + firstLine(remaining.strip()));
        }
        // Leading blank lines would shift JShell's line numbers inside methods: the snippet starts at its text.
        String source = info.source().stripLeading();
        int at = code.length() - remaining.length() + remaining.indexOf(source.isEmpty() ? info.source() : source);
        int firstLine = 1 + (int) code.substring(0, Math.max(0, at)).chars().filter(ch -> ch == '\n').count();
        last = evalSnippet(source, cell, firstLine, code);
        if (last.failed()) {
          return last;
        }
        remaining = info.remaining();
      }
      return last;
    } finally {
      control.takeRefused();
    }
  }

  private CellResult evalSnippet(String source, int cell, int firstLine, String code) {
    List<SnippetEvent> events = shell.eval(source);
    Object value = control.takeLastValue();
    for (SnippetEvent e : events) {
      errors.place(e.snippet().id(), cell, firstLine, code);
    }
    String refused = control.takeRefused();
    if (refused != null) {
      return CellResult.failure("Refused", refused + " would end the whole session (and the kernel), so it is not run;"
          + " stop with an exception or return instead");
    }
    if (control.thread().stopRequested()) {
      return CellResult.failure("Interrupted", "interrupted: the cell was stopped; variables and definitions made before are kept");
    }
    boolean hasValue = false;
    for (SnippetEvent e : events) {
      if (e.status() == Snippet.Status.REJECTED) {
        return CellResult.failure("CompileError", diagnostics(e.snippet(), source, firstLine));
      }
      if (e.exception() != null) {
        return CellResult.failure(CellErrors.simpleName(e.exception()), errors.report(e.exception(), cell));
      }
      if (e.causeSnippet() == null) {
        Snippet s = e.snippet();
        hasValue = s.kind() == Snippet.Kind.EXPRESSION
            || (s.kind() == Snippet.Kind.VAR && s.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND);
      }
    }
    // printf returns its stream, display(...) its id: not results anyone wants displayed.
    if (value instanceof java.io.PrintStream || value instanceof DisplayId) {
      hasValue = false;
    }
    return CellResult.ok(hasValue ? value : null, hasValue && lastHasValue(events));
  }

  private static boolean lastHasValue(List<SnippetEvent> events) {
    return !events.isEmpty() && events.get(events.size() - 1).value() != null;
  }

  private String diagnostics(Snippet snippet, String source, int firstLine) {
    return shell.diagnostics(snippet).map(d -> describe(d, source, firstLine)).collect(Collectors.joining("\n"));
  }

  private static String describe(Diag d, String source, int firstLine) {
    int pos = (int) Math.max(0, Math.min(d.getStartPosition(), source.length()));
    int lineStart = source.lastIndexOf('\n', pos - 1) + 1;
    int lineEnd = source.indexOf('\n', pos);
    String line = source.substring(lineStart, lineEnd < 0 ? source.length() : lineEnd);
    int lineNumber = firstLine + (int) source.substring(0, pos).chars().filter(ch -> ch == '\n').count();
    // JShell's wrapper class has no name: say where in the cell instead of "location: class ".
    String message = d.getMessage(java.util.Locale.ROOT).replaceAll("location: class\\s*$", "location: line " + lineNumber + " of the cell");
    return "line " + lineNumber + ": " + message + "\n" + line + "\n" + " ".repeat(Math.max(0, pos - lineStart)) + "^";
  }

  /**
   * Whether {@code code} is a complete input (Jupyter's is_complete).
   *
   * @param code the input so far
   * @return false when more lines are needed (an open block, a missing semicolon)
   */
  public boolean isComplete(String code) {
    if (Magics.present(code)) {
      return true;
    }
    String remaining = code;
    while (!remaining.isBlank()) {
      SourceCodeAnalysis.CompletionInfo info = shell.sourceCodeAnalysis().analyzeCompletion(remaining);
      if (!info.completeness().isComplete()) {
        return false;
      }
      remaining = info.remaining();
    }
    return true;
  }

  /**
   * Completion candidates for {@code code} at {@code cursor}, and where the replaced text starts.
   *
   * @param code the cell's source
   * @param cursor the cursor's offset in {@code code}
   * @return the candidates and the range they replace
   */
  public Completion complete(String code, int cursor) {
    int[] anchor = new int[1];
    List<String> names = new ArrayList<>();
    for (SourceCodeAnalysis.Suggestion s : shell.sourceCodeAnalysis().completionSuggestions(code, cursor, anchor)) {
      if (!names.contains(s.continuation())) {
        names.add(s.continuation());
      }
    }
    return new Completion(names, anchor[0], cursor);
  }

  /** Completion candidates replacing {@code code[start, end)}. */
  public record Completion(List<String> candidates, int start, int end) {}

  /**
   * Documentation of the symbol at {@code cursor}, or an empty string.
   *
   * @param code the cell's source
   * @param cursor the cursor's offset in {@code code}
   * @return each matching signature with its Javadoc
   */
  public String inspect(String code, int cursor) {
    String doc = documentation(code, cursor);
    if (doc.isEmpty()) {
      int end = Math.min(Math.max(cursor, 0), code.length());
      while (end < code.length() && Character.isJavaIdentifierPart(code.charAt(end))) {
        end++;
      }
      String call = code.substring(0, end) + "(";
      doc = documentation(call, call.length());
    }
    return doc;
  }

  private String documentation(String code, int cursor) {
    return shell.sourceCodeAnalysis().documentation(code, cursor, true).stream()
        .map(d -> JavadocIndex.entry(d.signature(), d.javadoc()))
        .collect(Collectors.joining("\n\n"));
  }

  /**
   * Stops the running cell and only it: library loops end at their next step, anything else is
   * stopped a second later; the session's variables and definitions are kept.
   */
  public void interrupt() {
    control.stop();
  }

  private JShell shell() {
    return shell;
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl) + " ...";
  }

  @Override
  public void close() {
    shell.close();
  }
}
