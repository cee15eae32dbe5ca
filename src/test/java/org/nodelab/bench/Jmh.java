package org.nodelab.bench;

import org.nodelab.io.UsageException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;

/**
 * {@code ./nodelab bench jmh [REGEX] [JMH OPTIONS]}: JMH's own runner, with its options checked first so
 * that a bad one is a usage error (status 2) like every other command's.
 */
public final class Jmh {
  private Jmh() {}

  /** Checks {@code args} as JMH reads them, then runs JMH with them. */
  public static void main(String[] args) throws Exception {
    try {
      new CommandLineOptions(args);
    } catch (CommandLineOptionException e) {
      throw new UsageException(e.getMessage().strip().replaceAll("\\s+", " "),
          "./nodelab bench jmh [REGEX] [JMH OPTIONS] (./nodelab bench jmh -h lists them)");
    }
    org.openjdk.jmh.Main.main(args);
  }
}
