package org.nodelab.notebook;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Expands a path that may hold glob wildcards ({@code *}, {@code ?}, {@code **}, {@code {a,b}},
 * {@code [..]}), as in {@code %jars lib/*.jar}; relative paths start at the working directory.
 */
final class PathGlob {
  private PathGlob() {}

  /** The existing files and directories {@code pattern} names, sorted; fails if there are none. */
  static List<Path> expand(String pattern) {
    String expanded = pattern.startsWith("~/") ? System.getProperty("user.home") + pattern.substring(1) : pattern;
    int wildcard = firstWildcard(expanded);
    if (wildcard < 0) {
      Path p = Path.of(expanded).toAbsolutePath().normalize();
      if (!Files.exists(p)) {
        throw new IllegalArgumentException("no such file or directory: " + pattern);
      }
      return List.of(p);
    }
    int slash = expanded.lastIndexOf('/', wildcard);
    Path base = Path.of(slash < 0 ? "." : slash == 0 ? "/" : expanded.substring(0, slash)).toAbsolutePath().normalize();
    String rest = expanded.substring(slash + 1);
    PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + rest);
    if (!Files.isDirectory(base)) {
      throw new IllegalArgumentException("no file matches " + pattern + ": " + base + " is not a directory");
    }
    try (Stream<Path> walk = Files.walk(base)) {
      List<Path> found = walk.filter(p -> !p.equals(base) && matcher.matches(base.relativize(p)))
          .sorted().collect(Collectors.toList());
      if (found.isEmpty()) {
        throw new IllegalArgumentException("no file matches " + pattern);
      }
      return found;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + base, e);
    }
  }

  private static int firstWildcard(String s) {
    for (int i = 0; i < s.length(); i++) {
      if ("*?[{".indexOf(s.charAt(i)) >= 0) {
        return i;
      }
    }
    return -1;
  }
}
