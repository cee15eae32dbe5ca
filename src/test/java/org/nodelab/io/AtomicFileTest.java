package org.nodelab.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTest {
  @TempDir Path dir;

  @Test
  void writesTheBytesAndCreatesMissingDirectories() throws IOException {
    Path file = dir.resolve("a/b/report.html");
    byte[] bytes = "<p>é</p>".getBytes(StandardCharsets.UTF_8);
    AtomicFile.write(file, bytes);
    assertArrayEquals(bytes, Files.readAllBytes(file));
    assertEquals(List.of(file), files(file.getParent()));
  }

  @Test
  void replacesAnExistingFileAndLeavesItReadableByAll() throws IOException {
    Path file = dir.resolve("params.bin");
    Files.writeString(file, "old content that is longer");
    AtomicFile.write(file, "new".getBytes(StandardCharsets.UTF_8));
    assertEquals("new", Files.readString(file));
    assertEquals(List.of(file), files(dir));
    if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }
  }

  @Test
  void writesToATemporaryFileInTheSameDirectoryWhileTheTargetKeepsItsOldContent() throws IOException {
    Path file = dir.resolve("chart.svg");
    Files.writeString(file, "old");
    List<Path> duringWrite = new ArrayList<>();
    List<String> targetDuringWrite = new ArrayList<>();
    AtomicFile.write(file, out -> {
      out.write("new".getBytes(StandardCharsets.UTF_8));
      out.flush();
      duringWrite.addAll(files(dir));
      targetDuringWrite.add(Files.readString(file));
    });
    assertEquals(2, duringWrite.size(), "target and one temporary file: " + duringWrite);
    assertTrue(duringWrite.contains(file));
    assertEquals(List.of("old"), targetDuringWrite);
    assertEquals("new", Files.readString(file));
    assertEquals(List.of(file), files(dir));
  }

  @Test
  void aFailingWriterLeavesTheOldFileIntactAndNoTemporaryFile() throws IOException {
    Path file = dir.resolve("checkpoint.bin");
    Files.writeString(file, "old");
    UncheckedIOException io = assertThrows(UncheckedIOException.class, () -> AtomicFile.write(file, out -> {
      out.write(new byte[10_000]);
      throw new IOException("disk full");
    }));
    assertTrue(io.getMessage().contains("checkpoint.bin"), io.getMessage());
    assertEquals("disk full", io.getCause().getMessage());
    IllegalStateException bug = assertThrows(IllegalStateException.class, () -> AtomicFile.write(file, out -> {
      out.write(1);
      throw new IllegalStateException("bad tensor");
    }));
    assertEquals("bad tensor", bug.getMessage());
    assertEquals("old", Files.readString(file));
    assertEquals(List.of(file), files(dir));
  }

  private static List<Path> files(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.sorted().toList();
    }
  }
}
