package org.nodelab.io;

import java.util.List;
import java.util.Locale;

/**
 * Walks a command's arguments one at a time; every malformed value or unknown option becomes a
 * {@link UsageException} naming it and carrying the command's usage line.
 *
 * <pre>{@code
 * Options o = new Options("./nodelab run NOTEBOOK.ipynb [--timeout SECONDS]", args);
 * while (o.hasNext()) {
 *   switch (o.next()) {
 *     case "--timeout" -> timeout = o.longValue(1);
 *     default -> notebook = o.positional();
 *   }
 * }
 * }</pre>
 */
public final class Options {
  private final String usage;
  private final List<String> args;
  private int index = -1;

  /**
   * @param usage the command's synopsis, shown with every usage error
   * @param args the arguments as given to {@code main}
   */
  public Options(String usage, String... args) {
    this.usage = usage;
    this.args = List.of(args);
  }

  /** @return whether an argument is left */
  public boolean hasNext() {
    return index + 1 < args.size();
  }

  /** @return the next argument (an option name or a positional value) */
  public String next() {
    return args.get(++index);
  }

  /** @return the value after the current option, which must be present */
  public String value() {
    String option = args.get(index);
    if (index + 1 >= args.size()) {
      throw usage(option + " needs a value");
    }
    return args.get(++index);
  }

  /**
   * @param min the smallest value accepted
   * @return the current option's value as a whole number of at least {@code min}
   */
  public long longValue(long min) {
    String option = args.get(index);
    String v = value();
    try {
      long n = Long.parseLong(v.strip());
      if (n >= min) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below with the expected form
    }
    throw usage(option + " takes a whole number of at least " + min + ", got '" + v + "'");
  }

  /**
   * @param min the smallest value accepted
   * @return the current option's value as an {@code int} of at least {@code min}
   */
  public int intValue(int min) {
    long n = longValue(min);
    if (n > Integer.MAX_VALUE) {
      throw usage(args.get(index - 1) + " takes a whole number up to " + Integer.MAX_VALUE + ", got " + n);
    }
    return (int) n;
  }

  /**
   * @param choices the accepted values
   * @return the current option's value, one of {@code choices}
   */
  public String choice(String... choices) {
    String option = args.get(index);
    String v = value();
    if (List.of(choices).contains(v)) {
      return v;
    }
    throw usage(option + " takes " + String.join(" or ", choices) + ", got '" + v + "'");
  }

  /** @return the current argument as a positional value; an unknown {@code --option} is refused */
  public String positional() {
    String a = args.get(index);
    if (a.startsWith("-") && a.length() > 1 && !isNumber(a)) {
      throw usage("unknown option " + a);
    }
    return a;
  }

  /** @return a usage error for the current argument, which is not expected here */
  public UsageException unexpected() {
    String a = args.get(index);
    return usage(a.startsWith("-") ? "unknown option " + a : "unexpected argument '" + a + "'");
  }

  /**
   * @param problem what is wrong
   * @return a usage error naming it, with this command's usage line
   */
  public UsageException usage(String problem) {
    return new UsageException(problem, usage);
  }

  private static boolean isNumber(String a) {
    try {
      Double.parseDouble(a.toLowerCase(Locale.ROOT));
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
