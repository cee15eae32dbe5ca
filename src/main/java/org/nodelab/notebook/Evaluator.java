package org.nodelab.notebook;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import org.nodelab.ode.Interrupts;

/**
 * Evaluates notebook cells with JShell in this JVM, with {@code import static org.nodelab.Lab.*}
 * and the core packages preloaded. A cell may hold several statements; the value of a final
 * expression is returned as a live object. Compile errors come back with the offending line and a
 * caret, exceptions with the frames of the user's code only. {@code System.exit} is refused.
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
      "import tech.tablesaw.api.*;",
      "import java.util.*;");
  private static final Pattern EXIT = Pattern.compile("\\b(System|Runtime\\.getRuntime\\(\\))\\s*\\.\\s*(exit|halt)\\s*\\(");

  private final JShell shell;
  private final LiveExecutionControl control;
  private final MagicRunner magics = new MagicRunner(this::eval, path -> shell().addToClasspath(path));
  private volatile Thread running;
  private volatile boolean interrupted;

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

  /** Evaluates a cell (Java snippets and {@link Magics magics}). */
  public CellResult eval(String code) {
    if (Magics.present(code)) {
      return magics.run(code);
    }
    if (EXIT.matcher(code).find()) {
      return CellResult.failure("Refused",
          "System.exit would end the whole session (and the kernel); stop with an exception or return instead");
    }
    running = Thread.currentThread();
    interrupted = false;
    try {
      SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
      String remaining = code;
      CellResult last = CellResult.ok(null, false);
      while (!remaining.isBlank()) {
        SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(remaining);
        if (!info.completeness().isComplete()) {
          return CellResult.failure("CompileError", "incomplete input: " + firstLine(remaining.strip()));
        }
        last = evalSnippet(info.source());
        if (last.failed()) {
          return last;
        }
        remaining = info.remaining();
      }
      return last;
    } finally {
      running = null;
      Interrupts.clear(Thread.currentThread());
      Thread.interrupted();
    }
  }

  private CellResult evalSnippet(String source) {
    List<SnippetEvent> events = shell.eval(source);
    Object value = control.takeLastValue();
    if (interrupted) {
      return CellResult.failure("Interrupted", "interrupted");
    }
    boolean hasValue = false;
    for (SnippetEvent e : events) {
      if (e.status() == Snippet.Status.REJECTED) {
        return CellResult.failure("CompileError", diagnostics(e.snippet(), source));
      }
      if (e.exception() != null) {
        return exception(e.exception());
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

  private String diagnostics(Snippet snippet, String source) {
    return shell.diagnostics(snippet).map(d -> describe(d, source)).collect(Collectors.joining("\n"));
  }

  private static String describe(Diag d, String source) {
    int pos = (int) Math.max(0, Math.min(d.getStartPosition(), source.length()));
    int lineStart = source.lastIndexOf('\n', pos - 1) + 1;
    int lineEnd = source.indexOf('\n', pos);
    String line = source.substring(lineStart, lineEnd < 0 ? source.length() : lineEnd);
    return d.getMessage(java.util.Locale.ROOT) + "\n" + line + "\n" + " ".repeat(Math.max(0, pos - lineStart)) + "^";
  }

  private static CellResult exception(Throwable t) {
    String name = t instanceof EvalException ee ? ee.getExceptionClassName() : t.getClass().getName();
    StringBuilder sb = new StringBuilder(name).append(": ").append(t.getMessage());
    for (StackTraceElement f : t.getStackTrace()) {
      String c = f.getClassName();
      if (c.startsWith("jdk.internal.") || c.startsWith("jdk.jshell.") || c.startsWith("java.lang.reflect.")
          || c.startsWith("org.nodelab.notebook.")) {
        continue;
      }
      boolean cell = c.isEmpty() || c.startsWith("REPL.") || c.startsWith("$JShell");
      sb.append("\n    at ").append(cell ? "cell, line " + Math.max(1, f.getLineNumber())
          : c + "." + f.getMethodName() + (f.getLineNumber() > 0 ? ":" + f.getLineNumber() : ""));
    }
    Throwable cause = t.getCause();
    if (cause != null && cause != t) {
      sb.append("\nCaused by: ").append(cause);
    }
    String simple = name.substring(name.lastIndexOf('.') + 1);
    return CellResult.failure(simple, sb.toString());
  }

  /** Whether {@code code} is a complete input (Jupyter's is_complete). */
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

  /** Completion candidates for {@code code} at {@code cursor}, and where the replaced text starts. */
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

  /** Documentation of the symbol at {@code cursor}, or an empty string. */
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
   * Stops the running cell: asks solver and trainer loops to end at their next step ({@link
   * Interrupts}); code still running five seconds later has its thread interrupted.
   */
  public void interrupt() {
    Thread t = running;
    if (t == null) {
      return;
    }
    interrupted = true;
    Interrupts.request(t);
    Thread escalate = new Thread(() -> {
      try {
        Thread.sleep(5000);
      } catch (InterruptedException e) {
        return;
      }
      if (running == t) {
        t.interrupt();
      }
    }, "nodelab-interrupt");
    escalate.setDaemon(true);
    escalate.start();
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
