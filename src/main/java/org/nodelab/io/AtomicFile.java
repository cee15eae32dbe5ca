package org.nodelab.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes a file so that readers see either the old content or the complete new one: the content
 * goes to a temporary file in the target's directory, which is then moved over the target
 * (atomically where the file system allows, else replacing it). If writing fails, the old file
 * stays as it was and the temporary file is removed.
 */
public final class AtomicFile {
  private AtomicFile() {}

  /** Content written to a stream; the stream is buffered and closed by {@link AtomicFile}. */
  @FunctionalInterface
  public interface Content {

    /**
     * Writes the whole content to {@code out}.
     *
     * @param out the stream of the temporary file; buffered, and closed by the caller
     * @throws IOException if writing fails (the target file is then left as it was)
     */
    void writeTo(OutputStream out) throws IOException;
  }

  /**
   * Writes {@code bytes} to {@code file} atomically, creating missing parent directories.
   *
   * @param file the file to write; replaced if it exists
   * @param bytes the whole content
   */
  public static void write(Path file, byte[] bytes) {
    write(file, out -> out.write(bytes));
  }

  /**
   * Writes what {@code content} produces to {@code file} atomically, creating missing parent
   * directories; the file is readable by all (mode 644 where the file system has POSIX modes).
   *
   * @param file the file to write; replaced if it exists
   * @param content writes the whole content to the temporary file
   * @throws UncheckedIOException naming the file if writing or moving fails (the old file intact)
   */
  public static void write(Path file, Content content) {
    Path target = file.toAbsolutePath();
    try {
      Path dir = target.getParent();
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
      try {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp))) {
          content.writeTo(out);
        }
        if (tmp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
          Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
        }
        move(tmp, target);
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  private static void move(Path tmp, Path target) throws IOException {
    try {
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
