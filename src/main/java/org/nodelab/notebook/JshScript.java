package org.nodelab.notebook;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A JShell script ({@code .jsh}) read for evaluation: its Java snippets and magics up to an optional
 * {@code /exit [STATUS]} line. Other JShell commands ({@code /open}, {@code /vars}, ...) are refused
 * with the line that holds them.
 *
 * @param code the code to evaluate (before any {@code /exit})
 * @param exitStatus the status of an {@code /exit} line, 0 if there is none
 */
public record JshScript(String code, int exitStatus) {
  private static final Pattern COMMAND = Pattern.compile("^[ \\t]*/([A-Za-z!?][\\w-]*)\\b[ \\t]*(.*?)[ \\t]*$");

  /**
   * Reads {@code file}.
   *
   * @param file the {@code .jsh} file
   * @return its code before any {@code /exit} and the exit status
   */
  public static JshScript read(Path file) {
    try {
      return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the script " + file, e);
    }
  }

  /**
   * Parses a script's text; {@code name} names it in errors.
   *
   * @param text the script's text
   * @param name the script's name
   * @return its code before any {@code /exit} and the exit status
   */
  public static JshScript parse(String text, String name) {
    StringBuilder code = new StringBuilder();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      Matcher m = COMMAND.matcher(lines[i]);
      if (m.matches()) {
        if (!m.group(1).equals("exit")) {
          throw new IllegalArgumentException(name + ", line " + (i + 1) + ": the JShell command /" + m.group(1)
              + " is not supported in scripts (only /exit [STATUS]; use %load FILE to run another script)");
        }
        return new JshScript(code.toString(), status(m.group(2), name, i + 1));
      }
      code.append(lines[i]).append('\n');
    }
    return new JshScript(code.toString(), 0);
  }

  private static int status(String argument, String name, int line) {
    if (argument.isEmpty()) {
      return 0;
    }
    try {
      return Integer.parseInt(argument.replaceAll(";$", "").trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + ", line " + line + ": /exit takes an integer status, got '" + argument + "'");
    }
  }
}
