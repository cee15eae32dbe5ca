package org.nodelab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every package of {@code org.nodelab} uses only packages on a lower layer, measured from the code
 * itself: imports, static imports and fully qualified names ({@code org.nodelab.train.X.f()}), with
 * comments, Javadoc and string literals ignored. The numerical core ({@code tensor}, {@code nn},
 * {@code ode}) also uses no third-party library, and only {@code interop} touches ND4J.
 */
class ArchitectureTest {
  private static final Path MAIN = Path.of("src/main/java/org/nodelab");

  /**
   * The layers, bottom to top: a package may use packages of a strictly lower rank only, so two
   * packages on one rank (model and data) do not use each other. Measured against the design's
   * diagram, {@code data} sits below {@code train} (the trainer takes a {@code Dataset} and draws
   * {@code Batch}es) and above {@code ode} (the synthetic Lotka–Volterra and spiral sets are
   * solved), and {@code kernel} sits above {@code notebook} (the Jupyter kernel runs cells through
   * the notebook evaluator), and so does {@code site} (the documentation renders notebooks through the
   * notebook renderer). {@code io} is the one atomic-file writer every layer may use.
   */
  private static final Map<String, Integer> RANK = Map.ofEntries(
      Map.entry("io", 0),
      Map.entry("tensor", 1),
      Map.entry("nn", 2),
      Map.entry("ode", 3),
      Map.entry("model", 4),
      Map.entry("data", 4),
      Map.entry("train", 5),
      Map.entry("plot", 6),
      Map.entry("notebook", 7),
      Map.entry("kernel", 8),
      Map.entry("site", 8),
      Map.entry("sweep", 8),
      Map.entry("Lab", 9));

  /**
   * Packages outside the stack: {@code interop} is the optional ND4J bridge over tensors (nothing
   * may need it, so nodelab runs without ND4J); {@code examples} are runnable programs on top of
   * everything, which nothing uses.
   */
  private static final Map<String, Set<String>> SPECIAL = Map.of(
      "interop", Set.of("io", "tensor"),
      "examples", Set.of("io", "tensor", "nn", "ode", "model", "data", "train", "plot", "notebook", "kernel", "sweep", "Lab"));

  private static final List<String> CORE = List.of("io", "tensor", "nn", "ode");
  private static final List<String> THIRD_PARTY =
      List.of("tech.tablesaw", "org.knowm", "jdk.jshell", "org.dflib", "org.nd4j");
  private static final Pattern PACKAGE_CLAUSE = Pattern.compile("^\\s*package\\s+[\\w.\\s]+;");
  private static final Pattern NODELAB = Pattern.compile("\\borg\\s*\\.\\s*nodelab\\s*\\.\\s*(\\w+)");

  @Test
  void everyPackageUsesOnlyLowerLayers() throws IOException {
    Map<String, Set<String>> measured = measuredDependencies();
    assertTrue(measured.keySet().containsAll(List.of("tensor", "nn", "ode", "model", "train", "Lab")),
        "expected the sources under " + MAIN + ", found packages " + measured.keySet());
    List<String> violations = new ArrayList<>();
    for (var entry : measured.entrySet()) {
      String from = entry.getKey();
      if (!RANK.containsKey(from) && !SPECIAL.containsKey(from)) {
        violations.add("package " + from + " has no place in the layers of " + getClass().getSimpleName());
        continue;
      }
      for (String to : entry.getValue()) {
        if (!allowed(from, to)) {
          violations.add(from + " -> " + to);
        }
      }
    }
    assertEquals(List.of(), violations, "measured dependencies " + measured);
  }

  @Test
  void coreUsesNoThirdPartyLibrary() throws IOException {
    List<String> violations = new ArrayList<>();
    int files = 0;
    for (String pkg : CORE) {
      Path dir = MAIN.resolve(pkg);
      if (!Files.isDirectory(dir)) {
        continue;
      }
      for (Path source : javaSources(dir)) {
        files++;
        String code = codeOnly(Files.readString(source));
        for (String library : THIRD_PARTY) {
          if (mentions(code, library)) {
            violations.add(MAIN.relativize(source) + " uses " + library);
          }
        }
      }
    }
    assertTrue(files > 10, "expected the core sources under " + MAIN + ", found " + files);
    assertEquals(List.of(), violations);
  }

  @Test
  void onlyTheSweepSparkPackageTouchesSparkSoNodelabRunsWithoutIt() throws IOException {
    List<String> violations = new ArrayList<>();
    for (Path source : javaSources(MAIN)) {
      if (!source.startsWith(MAIN.resolve("sweep/spark")) && mentions(codeOnly(Files.readString(source)), "org.apache.spark")) {
        violations.add(MAIN.relativize(source).toString());
      }
    }
    assertEquals(List.of(), violations);
  }

  @Test
  void onlyTheInteropPackageTouchesNd4jSoNodelabRunsWithoutIt() throws IOException {
    List<String> violations = new ArrayList<>();
    for (Path source : javaSources(MAIN)) {
      if (!source.startsWith(MAIN.resolve("interop")) && mentions(codeOnly(Files.readString(source)), "org.nd4j")) {
        violations.add(MAIN.relativize(source).toString());
      }
    }
    assertEquals(List.of(), violations);
  }

  @Test
  void theScannerFindsQualifiedNamesAndIgnoresCommentsAndStrings() {
    String source = """
        package org.nodelab.kernel;
        import org.nodelab.notebook.Evaluator;
        import static org.nodelab.Lab.*;
        /** Uses {@link org.nodelab.plot.Charts} in Javadoc only. */
        class X {
          // org.nodelab.data.Dataset in a line comment
          /* org.nodelab.model.OdeBlock in a block comment */
          String s = "org.nodelab.nn.Linear in a string, // not a comment";
          char c = '"';
          String t = \"""
              org.nodelab.ode.Solver in a text block
              \""";
          void f() { org.nodelab.train.TrainingMonitor.setDefault(null); }
          void g() { org . nodelab . tensor.Tensor.zeros(1); }
        }
        """;
    assertEquals(Set.of("notebook", "Lab", "train", "tensor"), referencedPackages(codeOnly(source)));
  }

  private static boolean allowed(String from, String to) {
    if (SPECIAL.containsKey(from)) {
      return SPECIAL.get(from).contains(to);
    }
    return RANK.containsKey(to) && RANK.get(to) < RANK.get(from);
  }

  /** Package (first name under org.nodelab, or "Lab" for the root) to the other packages it uses. */
  private static Map<String, Set<String>> measuredDependencies() throws IOException {
    Map<String, Set<String>> deps = new TreeMap<>();
    for (Path source : javaSources(MAIN)) {
      Path relative = MAIN.relativize(source);
      String from = relative.getNameCount() == 1 ? "Lab" : relative.getName(0).toString();
      Set<String> uses = referencedPackages(codeOnly(Files.readString(source)));
      uses.remove(from);
      deps.computeIfAbsent(from, k -> new TreeSet<>()).addAll(uses);
    }
    return deps;
  }

  /**
   * The packages named by {@code org.nodelab.<name>} outside the package clause; a class of the
   * root package counts as "Lab".
   */
  private static Set<String> referencedPackages(String code) {
    Set<String> packages = new TreeSet<>();
    Matcher m = NODELAB.matcher(PACKAGE_CLAUSE.matcher(code).replaceFirst(""));
    while (m.find()) {
      String name = m.group(1);
      packages.add(Character.isUpperCase(name.charAt(0)) ? "Lab" : name);
    }
    return packages;
  }

  private static boolean mentions(String code, String qualifiedPrefix) {
    String spaced = Pattern.quote(qualifiedPrefix).replace(".", "\\E\\s*\\.\\s*\\Q");
    return Pattern.compile("\\b" + spaced + "\\b").matcher(code).find();
  }

  private static List<Path> javaSources(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
    }
  }

  /**
   * The source with comments, string, text-block and character literals blanked out (newlines
   * kept), so only names the compiler resolves remain.
   */
  static String codeOnly(String source) {
    StringBuilder out = new StringBuilder(source.length());
    int i = 0;
    int n = source.length();
    while (i < n) {
      char c = source.charAt(i);
      if (source.startsWith("//", i)) {
        while (i < n && source.charAt(i) != '\n') {
          i++;
        }
      } else if (source.startsWith("/*", i)) {
        int end = source.indexOf("*/", i + 2);
        i = end < 0 ? n : end + 2;
        out.append(' ');
      } else if (source.startsWith("\"\"\"", i)) {
        int end = source.indexOf("\"\"\"", i + 3);
        while (end > 0 && source.charAt(end - 1) == '\\') {
          end = source.indexOf("\"\"\"", end + 1);
        }
        i = end < 0 ? n : end + 3;
        out.append("\"\"");
      } else if (c == '"' || c == '\'') {
        i++;
        while (i < n && source.charAt(i) != c && source.charAt(i) != '\n') {
          i += source.charAt(i) == '\\' ? 2 : 1;
        }
        i++;
        out.append(c).append(c);
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }
}
