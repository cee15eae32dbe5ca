package org.nodelab.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * What the tests that drive Debian's Jupyter share: the check that it is there (a failure under
 * {@code NODELAB_REQUIRE_JUPYTER=1}, as CI sets, a skip otherwise), a kernelspec that runs the kernel
 * on this JVM's class path, and notebooks of code cells for the nodelab kernel.
 */
public final class JupyterFixture {
  /** Debian's Jupyter command. */
  public static final Path JUPYTER = Path.of("/usr/bin/jupyter");
  /** Debian's Python, with jupyter_client. */
  public static final Path PYTHON = Path.of("/usr/bin/python3");

  private JupyterFixture() {}

  /** Fails when Jupyter is missing and {@code NODELAB_REQUIRE_JUPYTER=1}; skips the test otherwise. */
  public static void requireJupyter() {
    boolean present = Files.isExecutable(JUPYTER) && Files.isExecutable(PYTHON);
    if ("1".equals(System.getenv("NODELAB_REQUIRE_JUPYTER"))) {
      assertTrue(present, "NODELAB_REQUIRE_JUPYTER=1 but " + JUPYTER + " is missing: install jupyter-notebook, "
          + "jupyter-nbconvert, python3-nbclient and jupyter-client");
    }
    Assumptions.assumeTrue(present, "Jupyter is not installed here");
  }

  /** Writes {@code data/kernels/nodelab/kernel.json}: the kernel on this JVM, with {@code jvmOptions} added. */
  public static void installKernelspec(Path data, String... jvmOptions) throws IOException {
    Path spec = Files.createDirectories(data.resolve("kernels/nodelab"));
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Djava.awt.headless=true");
    command.addAll(List.of(jvmOptions));
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), "org.nodelab.kernel.KernelMain",
        "{connection_file}"));
    JsonArray argv = new JsonArray();
    command.forEach(argv::add);
    JsonObject kernel = new JsonObject();
    kernel.add("argv", argv);
    kernel.addProperty("display_name", "Java (nodelab)");
    kernel.addProperty("language", "java");
    kernel.addProperty("interrupt_mode", "message");
    Files.writeString(spec.resolve("kernel.json"), kernel.toString());
  }

  /** An nbformat 4.5 notebook for the nodelab kernel with one code cell per source (ids {@code c0, c1, ...}). */
  public static JsonObject notebook(List<String> sources) {
    JsonArray cells = new JsonArray();
    for (String code : sources) {
      JsonObject c = new JsonObject();
      c.addProperty("cell_type", "code");
      c.addProperty("id", "c" + cells.size());
      c.add("metadata", new JsonObject());
      c.add("outputs", new JsonArray());
      c.add("execution_count", null);
      c.addProperty("source", code);
      cells.add(c);
    }
    JsonObject spec = new JsonObject();
    spec.addProperty("name", "nodelab");
    spec.addProperty("display_name", "Java (nodelab)");
    spec.addProperty("language", "java");
    JsonObject meta = new JsonObject();
    meta.add("kernelspec", spec);
    JsonObject nb = new JsonObject();
    nb.add("cells", cells);
    nb.add("metadata", meta);
    nb.addProperty("nbformat", 4);
    nb.addProperty("nbformat_minor", 5);
    return nb;
  }

  /** Writes {@link #notebook(List)} to {@code file} and returns the file. */
  public static Path writeNotebook(Path file, List<String> sources) throws IOException {
    Files.writeString(file, new GsonBuilder().serializeNulls().create().toJson(notebook(sources)));
    return file;
  }
}
