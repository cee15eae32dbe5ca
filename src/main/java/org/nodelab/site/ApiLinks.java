package org.nodelab.site;

/**
 * Links of the form {@code api:org.nodelab.ode.Solvers} or {@code api:org.nodelab.ode.Solvers#rk45()}
 * in the markdown pages, rewritten to the javadoc page of that package, type or member in the site's
 * {@code api/} directory. A member's anchor is javadoc's own: its name and parameter types, fully
 * qualified ({@code #solve(org.nodelab.ode.OdeProblem,org.nodelab.ode.Solver)}).
 */
final class ApiLinks {
  /** The scheme that marks a link into the API reference. */
  static final String SCHEME = "api:";

  private ApiLinks() {}

  /**
   * The site-relative path of an {@code api:} link.
   *
   * @param link a destination starting with {@code api:}: a package, a type (nested types by their
   *     dotted name, {@code Outer.Inner}), optionally followed by {@code #member}
   * @return the path under the site root, such as {@code api/org/nodelab/ode/Solvers.html#rk45()}
   * @throws IllegalArgumentException if the link names no package or type
   */
  static String path(String link) {
    if (!link.startsWith(SCHEME) || link.length() == SCHEME.length()) {
      throw new IllegalArgumentException("expected an API link such as api:org.nodelab.ode.Solvers, got '" + link + "'");
    }
    String target = link.substring(SCHEME.length());
    int hash = target.indexOf('#');
    String name = hash < 0 ? target : target.substring(0, hash);
    String fragment = hash < 0 ? "" : target.substring(hash);
    String[] parts = name.split("\\.");
    int firstType = 0;
    while (firstType < parts.length && !parts[firstType].isEmpty() && Character.isLowerCase(parts[firstType].charAt(0))) {
      firstType++;
    }
    if (name.isEmpty() || name.contains("..") || name.startsWith(".") || name.endsWith(".")) {
      throw new IllegalArgumentException("the API link '" + link + "' does not name a package or type");
    }
    String pkg = String.join("/", java.util.Arrays.copyOfRange(parts, 0, firstType));
    if (firstType == parts.length) {
      return "api/" + pkg + "/package-summary.html" + fragment;
    }
    String type = String.join(".", java.util.Arrays.copyOfRange(parts, firstType, parts.length));
    return "api/" + (pkg.isEmpty() ? "" : pkg + "/") + type + ".html" + fragment;
  }
}
