package org.nodelab.io;

/**
 * A command line that cannot be run as given (an unknown option, a missing or malformed value): the
 * launcher prints the problem and the command's usage and exits with status 2.
 */
public final class UsageException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;
  /** The command's synopsis, printed after the problem. */
  private final String usage;

  /**
   * @param problem what is wrong, naming the offending argument
   * @param usage the command's synopsis, e.g. {@code ./nodelab run NOTEBOOK.ipynb [--out DIR]}
   */
  public UsageException(String problem, String usage) {
    super(problem);
    this.usage = usage;
  }

  /** @return the command's synopsis */
  public String usage() {
    return usage;
  }
}
