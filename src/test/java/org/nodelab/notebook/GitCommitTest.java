package org.nodelab.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commit is read from repositories laid out as git writes them. */
class GitCommitTest {
  private static final String A = "0123456789abcdef0123456789abcdef01234567";
  private static final String B = "89abcdef0123456789abcdef0123456789abcdef";

  @Test
  void looseRefPackedRefAndDetachedHead(@TempDir Path dir) throws Exception {
    Path git = Files.createDirectories(dir.resolve(".git/refs/heads"));
    Path nb = Files.createDirectories(dir.resolve("notebooks")).resolve("x.ipynb");
    Files.writeString(dir.resolve(".git/HEAD"), "ref: refs/heads/main\n");
    Files.writeString(git.resolve("main"), A + "\n");
    assertEquals(Optional.of(A), GitCommit.of(nb));
    Files.delete(git.resolve("main"));
    Files.writeString(dir.resolve(".git/packed-refs"), "# pack-refs with: peeled\n" + B + " refs/heads/main\n");
    assertEquals(Optional.of(B), GitCommit.of(nb));
    Files.writeString(dir.resolve(".git/HEAD"), A + "\n");
    assertEquals(Optional.of(A), GitCommit.of(nb));
  }

  @Test
  void aWorktreeFollowsItsGitdirAndCommondir(@TempDir Path dir) throws Exception {
    Path common = Files.createDirectories(dir.resolve("main/.git/refs/heads"));
    Path wtGit = Files.createDirectories(dir.resolve("main/.git/worktrees/wt"));
    Files.writeString(wtGit.resolve("HEAD"), "ref: refs/heads/feature\n");
    Files.writeString(wtGit.resolve("commondir"), "../..\n");
    Files.writeString(common.resolve("feature"), B + "\n");
    Path wt = Files.createDirectories(dir.resolve("wt"));
    Files.writeString(wt.resolve(".git"), "gitdir: " + wtGit + "\n");
    assertEquals(Optional.of(B), GitCommit.of(wt.resolve("n.ipynb")));
  }
}
