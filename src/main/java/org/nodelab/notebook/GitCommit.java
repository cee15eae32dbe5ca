package org.nodelab.notebook;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The commit checked out in the git repository holding a file, read from {@code .git} without
 * running git: {@code HEAD}, a loose ref or {@code packed-refs}; worktrees ({@code .git} as a file
 * naming the git directory, with a {@code commondir}) included.
 */
final class GitCommit {
  private GitCommit() {}

  /** The commit of the repository containing {@code file}, if any. */
  static Optional<String> of(Path file) {
    try {
      for (Path dir = file.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
        Path dotGit = dir.resolve(".git");
        if (Files.isDirectory(dotGit)) {
          return head(dotGit);
        }
        if (Files.isRegularFile(dotGit)) {
          String line = Files.readString(dotGit).strip();
          if (line.startsWith("gitdir:")) {
            return head(dir.resolve(line.substring("gitdir:".length()).strip()).normalize());
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      // an unreadable repository records no commit
    }
    return Optional.empty();
  }

  private static Optional<String> head(Path gitDir) throws IOException {
    String head = Files.readString(gitDir.resolve("HEAD")).strip();
    if (!head.startsWith("ref:")) {
      return hash(head);
    }
    String ref = head.substring(4).strip();
    Path common = gitDir;
    Path commonFile = gitDir.resolve("commondir");
    if (Files.isRegularFile(commonFile)) {
      common = gitDir.resolve(Files.readString(commonFile).strip()).normalize();
    }
    for (Path dir : new Path[] {gitDir, common}) {
      Path loose = dir.resolve(ref);
      if (Files.isRegularFile(loose)) {
        return hash(Files.readString(loose).strip());
      }
    }
    Path packed = common.resolve("packed-refs");
    if (Files.isRegularFile(packed)) {
      for (String line : Files.readAllLines(packed)) {
        if (line.endsWith(" " + ref)) {
          return hash(line.substring(0, line.indexOf(' ')));
        }
      }
    }
    return Optional.empty();
  }

  private static Optional<String> hash(String s) {
    return s.matches("[0-9a-f]{40}([0-9a-f]{24})?") ? Optional.of(s) : Optional.empty();
  }
}
