package org.nodelab.notebook;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Runs the magics of a cell ({@link Magics} parses them) against a session: {@code %maven}, {@code
 * %jars}, {@code %classpath}, {@code %load}, {@code %time} / {@code %%time} and {@code %help}. Java
 * parts of the cell go to the session's evaluation in order; the cell's value is the last part's.
 */
final class MagicRunner {
  /** A magic: its usage line, what it does, and whether it may be written as a cell magic. */
  private record Spec(String usage, String description, boolean cell, Handler handler) {}

  @FunctionalInterface
  private interface Handler {
    CellResult run(String argument, String body);
  }

  private final Function<String, CellResult> eval;
  private final Consumer<String> addToClasspath;
  private final Map<String, Spec> specs = new LinkedHashMap<>();
  private final Set<Path> classpath = new LinkedHashSet<>();
  private final Map<String, String> mavenArtifacts = new LinkedHashMap<>();

  MagicRunner(Function<String, CellResult> eval, Consumer<String> addToClasspath) {
    this.eval = eval;
    this.addToClasspath = addToClasspath;
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (!entry.isBlank()) {
        classpath.add(Path.of(entry).toAbsolutePath().normalize());
      }
    }
    specs.put("maven", new Spec("%maven GROUP:ARTIFACT:VERSION ...",
        "resolve artifacts and their dependencies (Maven settings, local repository) onto the class path", false,
        (a, b) -> maven(a)));
    specs.put("jars", new Spec("%jars PATH-OR-GLOB ...", "add jars or class directories to the class path", false,
        (a, b) -> jars(a)));
    specs.put("classpath", new Spec("%classpath", "print the session's class path", false, (a, b) -> printClasspath()));
    specs.put("load", new Spec("%load FILE.jsh", "run a JShell script's snippets in this session", false,
        (a, b) -> load(a)));
    specs.put("time", new Spec("%time STATEMENT  |  %%time", "wall time of a statement, or of the whole cell", true,
        this::time));
    specs.put("help", new Spec("%help", "list the magics", false, (a, b) -> help()));
  }

  /** Runs {@code cell}, which holds magics, part by part; stops at the first failing part. */
  CellResult run(String cell) {
    List<Magics.Part> parts;
    try {
      parts = Magics.parse(cell);
    } catch (IllegalArgumentException e) {
      return CellResult.failure("MagicError", e.getMessage());
    }
    CellResult last = CellResult.ok(null, false);
    for (Magics.Part part : parts) {
      last = part.isJava() ? eval.apply(part.body()) : magic(part);
      if (last.failed()) {
        return last;
      }
    }
    return last;
  }

  private CellResult magic(Magics.Part part) {
    Spec spec = specs.get(part.magic());
    String written = (part.cellMagic() ? "%%" : "%") + part.magic();
    if (spec == null) {
      return CellResult.failure("UnknownMagic", "unknown magic " + written + " (line " + part.line() + "); known magics: "
          + specs.keySet().stream().map(n -> "%" + n).collect(Collectors.joining(", ")) + ", %%time");
    }
    if (part.cellMagic() && !spec.cell()) {
      return CellResult.failure("MagicError", written + " is a line magic: write %" + part.magic() + " " + "ARGUMENTS");
    }
    try {
      return spec.handler().run(part.argument(), part.body());
    } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
      return CellResult.failure("MagicError", "%" + part.magic() + ": " + e.getMessage());
    }
  }

  private CellResult maven(String argument) {
    List<String> coordinates = words(argument, "%maven needs a coordinate, e.g. %maven org.apache.commons:commons-math3:3.6.1");
    for (String coordinate : coordinates) {
      String key = coordinate.substring(0, Math.max(0, coordinate.lastIndexOf(':')));
      String known = mavenArtifacts.get(key);
      if (coordinate.equals(known)) {
        System.out.println(coordinate + " is already on the class path");
        continue;
      }
      if (known != null) {
        throw new IllegalArgumentException(known + " is already on the class path; restart the kernel to use " + coordinate);
      }
      List<Path> jars = MavenResolver.resolve(coordinate, MavenSettings.load());
      int added = add(jars);
      mavenArtifacts.put(key, coordinate);
      System.out.println("added " + coordinate + ": " + added + " jar" + (added == 1 ? "" : "s")
          + (jars.size() > added ? " (" + (jars.size() - added) + " already on the class path)" : ""));
    }
    return CellResult.ok(null, false);
  }

  private CellResult jars(String argument) {
    List<Path> found = new ArrayList<>();
    for (String pattern : words(argument, "%jars needs a path or glob, e.g. %jars lib/*.jar")) {
      found.addAll(PathGlob.expand(pattern));
    }
    int added = add(found);
    System.out.println("added " + added + " entr" + (added == 1 ? "y" : "ies") + " to the class path");
    return CellResult.ok(null, false);
  }

  private int add(List<Path> entries) {
    int added = 0;
    for (Path p : entries) {
      Path normal = p.toAbsolutePath().normalize();
      if (classpath.add(normal)) {
        addToClasspath.accept(normal.toString());
        added++;
      }
    }
    return added;
  }

  private CellResult printClasspath() {
    classpath.forEach(System.out::println);
    return CellResult.ok(null, false);
  }

  private CellResult load(String argument) {
    List<String> files = words(argument, "%load needs a file, e.g. %load setup.jsh");
    CellResult last = CellResult.ok(null, false);
    for (String file : files) {
      JshScript script = JshScript.read(Path.of(file));
      last = eval.apply(script.code());
      if (last.failed()) {
        return last;
      }
    }
    return last;
  }

  private CellResult time(String argument, String body) {
    String code = body != null ? body : argument;
    if (code.isBlank()) {
      throw new IllegalArgumentException("nothing to time: write %time STATEMENT, or %%time on a cell's first line");
    }
    long start = System.nanoTime();
    CellResult result = eval.apply(code);
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.println("Wall time: " + duration(seconds));
    return result;
  }

  /** A duration with three significant digits, in ms below a second. */
  static String duration(double seconds) {
    return seconds < 1 ? String.format(Locale.ROOT, "%.3g ms", seconds * 1e3) : String.format(Locale.ROOT, "%.3g s", seconds);
  }

  private CellResult help() {
    int width = specs.values().stream().mapToInt(s -> s.usage().length()).max().orElse(0);
    for (Spec s : specs.values()) {
      System.out.println(s.usage() + " ".repeat(width - s.usage().length() + 2) + s.description());
    }
    return CellResult.ok(null, false);
  }

  private static List<String> words(String argument, String missing) {
    List<String> words = new ArrayList<>();
    for (String w : argument.trim().split("\\s+")) {
      if (!w.isEmpty()) {
        words.add(w);
      }
    }
    if (words.isEmpty()) {
      throw new IllegalArgumentException(missing);
    }
    return words;
  }
}
