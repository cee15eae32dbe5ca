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

  /** Command line: {@code FILE.jsh}. */
  public static void main(String[] args) {
    if (args.length != 1 || !Files.isRegularFile(Path.of(args[0]))) {
      System.err.println("usage: ./nodelab jshell FILE.jsh  (" + (args.length == 1 ? "no such file: " + args[0]
          : "expected one script") + ")");
      System.exit(2);
    }
    System.exit(run(Path.of(args[0])));
  }

  /** Runs {@code script} in a fresh session; returns the exit status described above. */
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
