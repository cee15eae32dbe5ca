package org.nodelab.notebook;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runs a JShell script non-interactively with the notebook session (Lab DSL imported, magics
 * available): {@code ./nodelab jshell FILE.jsh}. The exit status is 0 when every snippet ran, 1 when
 * one failed to compile or threw (its error goes to standard error), 2 for a bad command line, or
 * the status of the script's {@code /exit STATUS} line.
 */
public final class ScriptRunner {
  private ScriptRunner() {}

  /**
   * Command line: {@code FILE.jsh}.
   *
   * @param args the script's path
   */
  public static void main(String[] args) {
    org.nodelab.io.Options o = new org.nodelab.io.Options("./nodelab jshell [FILE.jsh]", args);
    if (args.length != 1) {
      throw o.usage(args.length == 0 ? "no script given" : "one script at a time, got " + args.length + " arguments");
    }
    o.next();
    Path script = Path.of(o.positional());
    if (!Files.exists(script)) {
      throw new java.io.UncheckedIOException("cannot run the script " + script,
          new java.nio.file.NoSuchFileException(script.toString()));
    }
    if (!Files.isRegularFile(script)) {
      throw new IllegalArgumentException("cannot run the script " + script + ": it is not a file");
    }
    System.exit(run(script));
  }

  /**
   * Runs {@code script} in a fresh session; returns the exit status described above.
   *
   * @param script the {@code .jsh} file
   * @return the exit status
   */
  public static int run(Path script) {
    JshScript parsed;
    try {
      parsed = JshScript.read(script);
    } catch (RuntimeException e) {
      System.err.println(e.getMessage());
      return 1;
    }
    try (Evaluator evaluator = new Evaluator()) {
      CellResult r = evaluator.eval(parsed.code());
      System.out.flush();
      if (r.failed()) {
        String error = r.error().startsWith(r.errorName()) || r.error().contains("." + r.errorName() + ":")
            ? r.error() : r.errorName() + ": " + r.error();
        System.err.println(script + ": " + error);
        return 1;
      }
    }
    return parsed.exitStatus();
  }
}
