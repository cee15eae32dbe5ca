package org.nodelab.sweep.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.nodelab.sweep.Sweep;

/**
 * The jars a cluster's executors need besides Spark: nodelab itself (its jar, or its classes
 * directory packed into a temporary jar) and nodelab's run-time dependencies as found on this
 * class path, named by the list Maven writes at build time ({@code runtime-dependencies.txt}).
 */
final class LibraryJars {
  private static List<String> jars;

  private LibraryJars() {}

  static synchronized List<String> forExecutors() {
    if (jars == null) {
      List<String> out = new ArrayList<>();
      out.add(nodelab().toUri().toString());
      Set<String> wanted = dependencyNames();
      for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
        Path p = Path.of(entry);
        if (p.getFileName() != null && wanted.contains(p.getFileName().toString()) && Files.isRegularFile(p)) {
          out.add(p.toUri().toString());
        }
      }
      jars = List.copyOf(out);
    }
    return jars;
  }

  private static Path nodelab() {
    try {
      Path location = Path.of(Sweep.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return Files.isDirectory(location) ? packed(location) : location;
    } catch (URISyntaxException e) {
      throw new IllegalStateException("cannot locate nodelab's classes: " + e, e);
    }
  }

  private static Set<String> dependencyNames() {
    Set<String> names = new HashSet<>();
    try (InputStream in = Sweep.class.getResourceAsStream("runtime-dependencies.txt")) {
      if (in != null) {
        for (String entry : new String(in.readAllBytes(), StandardCharsets.UTF_8).trim().split("[:;\\s]+")) {
          if (!entry.isEmpty()) {
            names.add(Path.of(entry).getFileName().toString());
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return names;
  }

  private static Path packed(Path classes) {
    try {
      Path jar = Files.createTempFile("nodelab-classes-", ".jar");
      jar.toFile().deleteOnExit();
      try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file);
           Stream<Path> files = Files.walk(classes)) {
        for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
          out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
          Files.copy(f, out);
          out.closeEntry();
        }
      }
      return jar;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot pack " + classes + " into a jar for Spark's executors", e);
    }
  }
}
