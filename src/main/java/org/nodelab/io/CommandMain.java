package org.nodelab.io;

import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The launcher's entry point: runs a command's {@code main} and turns whatever escapes it into one
 * or two lines on standard error, the problem and its fix, with exit status 2 for a {@link
 * UsageException} and 1 for any other failure. The stack trace is printed only with {@code --debug}
 * (taken out of the arguments) or the environment variable {@code NODELAB_DEBUG=1}. Run: {@code java
 * org.nodelab.io.CommandMain MAIN_CLASS [ARGS...]}.
 */
public final class CommandMain {
  /** Exit status of a command line that cannot be run as given. */
  public static final int USAGE = 2;
  /** Exit status of a command that failed. */
  public static final int FAILURE = 1;
  private static final String DEBUG_HINT = "(run with --debug or NODELAB_DEBUG=1 for the stack trace)";

  private CommandMain() {}

  /**
   * Runs {@code args[0]}'s {@code main} with the remaining arguments; exits with its status.
   *
   * @param args the class name of the command, then its arguments
   */
  public static void main(String[] args) {
    if (args.length == 0) {
      System.err.println("usage: java org.nodelab.io.CommandMain MAIN_CLASS [ARGS...]");
      System.exit(USAGE);
    }
    boolean debug = "1".equals(System.getenv("NODELAB_DEBUG"));
    List<String> rest = new ArrayList<>();
    for (int i = 1; i < args.length; i++) {
      if (args[i].equals("--debug")) {
        debug = true;
      } else {
        rest.add(args[i]);
      }
    }
    if (debug) {
      System.setProperty("nodelab.debug", "true");
    }
    int status = run(args[0], rest.toArray(String[]::new), System.err, debug);
    if (status != 0) {
      System.exit(status);
    }
  }

  /**
   * Calls {@code mainClass.main(args)} and reports what escapes it on {@code err}.
   *
   * @param mainClass the command's class
   * @param args its arguments
   * @param err where problems are reported
   * @param debug whether to print stack traces too
   * @return 0 if {@code main} returned, else {@link #USAGE} or {@link #FAILURE}
   */
  public static int run(String mainClass, String[] args, PrintStream err, boolean debug) {
    Method main;
    try {
      main = Class.forName(mainClass).getMethod("main", String[].class);
    } catch (ReflectiveOperationException | LinkageError e) {
      err.println("nodelab: no command class " + mainClass + " (" + e + "); rebuild with mvn -B package");
      return FAILURE;
    }
    try {
      main.invoke(null, (Object) args);
      return 0;
    } catch (InvocationTargetException e) {
      return report(e.getCause(), err, debug);
    } catch (IllegalAccessException e) {
      return report(e, err, debug);
    }
  }

  /**
   * Prints {@code failure} as the problem and its fix (and its stack trace when {@code debug}).
   *
   * @return the exit status it calls for
   */
  static int report(Throwable failure, PrintStream err, boolean debug) {
    err.println("nodelab: " + describe(failure));
    int status = failure instanceof UsageException ? USAGE : FAILURE;
    String fix = fix(failure);
    if (debug) {
      failure.printStackTrace(err);
    } else if (fix != null) {
      err.println(fix);
    }
    return status;
  }

  /** The messages of {@code failure}'s chain, each said once, file-system causes in words. */
  static String describe(Throwable failure) {
    StringBuilder sb = new StringBuilder();
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      String part = explain(t);
      if (sb.indexOf(part) >= 0) {
        continue;
      }
      if (t instanceof NoSuchFileException f && f.getFile() != null && sb.indexOf(f.getFile()) >= 0) {
        part = "no such file";
      }
      sb.append(sb.length() == 0 ? "" : ": ").append(part);
    }
    return sb.toString();
  }

  private static String explain(Throwable t) {
    if (t instanceof NoSuchFileException f) {
      return "no such file " + f.getFile();
    }
    if (t instanceof AccessDeniedException f) {
      return "permission denied: " + f.getFile();
    }
    if (t instanceof FileSystemException f) {
      return (f.getReason() != null ? f.getReason() : t.getClass().getSimpleName()) + ": " + f.getFile();
    }
    if (t instanceof CharacterCodingException) {
      return "not UTF-8 text";
    }
    if (t instanceof OutOfMemoryError) {
      return "out of memory";
    }
    String m = t.getMessage();
    return m == null || m.isBlank() ? t.getClass().getSimpleName() : m.strip();
  }

  /** The second line: how to fix {@code failure}, or null when its message says it already. */
  private static String fix(Throwable failure) {
    if (failure instanceof UsageException u) {
      return "usage: " + u.usage();
    }
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    if (root instanceof NoSuchFileException) {
      return "check the path (relative paths start at " + Path.of("").toAbsolutePath() + ")";
    }
    if (root instanceof AccessDeniedException) {
      return "check the permissions of the file and its directory";
    }
    if (root instanceof OutOfMemoryError) {
      return "give the JVM more memory, e.g. JAVA_TOOL_OPTIONS=-Xmx4g";
    }
    if (failure instanceof IllegalArgumentException || failure instanceof IllegalStateException
        || failure instanceof java.io.UncheckedIOException || failure instanceof java.io.IOException) {
      return null;
    }
    return "an unexpected " + failure.getClass().getSimpleName() + " " + DEBUG_HINT;
  }
}
