package org.nodelab.sweep;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.nodelab.notebook.MavenResolver;
import org.nodelab.notebook.MavenSettings;

/**
 * A Spark standalone cluster on localhost for tests: a master and workers, each a separate JVM
 * started from Spark's jars as Maven resolves them (laid out as a Spark distribution's {@code
 * jars/} directory, which is where workers take their executors' class path from). Closing it
 * stops the workers' executors, the workers and the master.
 */
public final class StandaloneCluster implements AutoCloseable {
  private final Path home;
  private final List<Process> processes = new ArrayList<>();
  private final int port;

  private StandaloneCluster(Path home, int port) {
    this.home = home;
    this.port = port;
  }

  /** Starts a master and {@code workers} workers of one core each and waits until all are registered. */
  public static StandaloneCluster start(int workers) throws IOException, InterruptedException {
    Path home = Files.createTempDirectory("spark-home");
    Path jars = Files.createDirectories(home.resolve("jars"));
    int i = 0;
    for (Path jar : MavenResolver.resolve(SparkClassPath.ARTIFACT + ":" + SparkClassPath.version(), MavenSettings.load())) {
      Files.createSymbolicLink(jars.resolve((i++) + "-" + jar.getFileName()), jar.toAbsolutePath());
    }
    StandaloneCluster cluster = new StandaloneCluster(home, freePort());
    try {
      cluster.launch("master", List.of("org.apache.spark.deploy.master.Master", "--host", "127.0.0.1",
          "--port", String.valueOf(cluster.port), "--webui-port", String.valueOf(freePort())));
      cluster.awaitLog("master", "I have been elected leader", 60);
      for (int w = 1; w <= workers; w++) {
        cluster.launch("worker" + w, List.of("org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1",
            "--webui-port", String.valueOf(freePort()), "--cores", "1", "--memory", "1g",
            "--work-dir", Files.createDirectories(home.resolve("work" + w)).toString(), cluster.masterUrl()));
      }
      for (int w = 1; w <= workers; w++) {
        cluster.awaitLog("worker" + w, "Successfully registered with master", 60);
      }
      return cluster;
    } catch (IOException | InterruptedException | RuntimeException e) {
      cluster.close();
      throw e;
    }
  }

  public String masterUrl() {
    return "spark://127.0.0.1:" + port;
  }

  /** The running executor JVMs (children of the workers). */
  public List<ProcessHandle> executors() {
    return processes.stream().flatMap(Process::descendants)
        .filter(p -> p.info().commandLine().orElse("").contains("CoarseGrainedExecutorBackend")).toList();
  }

  private void launch(String name, List<String> args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // The master and workers only schedule: a small heap, the quick compiler and the serial collector start them fastest.
    command.addAll(List.of("-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
    command.addAll(List.of(System.getProperty("nodelab.spark.jvm.options", "").trim().split("\\s+")));
    command.addAll(List.of("-cp", home.resolve("jars") + File.separator + "*"));
    command.addAll(args);
    command.removeIf(String::isEmpty);
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(home.resolve(name + ".log").toFile());
    Map<String, String> env = pb.environment();
    env.put("SPARK_HOME", home.toString());
    env.put("SPARK_SCALA_VERSION", "2.13");
    env.put("SPARK_LOCAL_IP", "127.0.0.1");
    env.put("JAVA_HOME", System.getProperty("java.home"));
    processes.add(pb.start());
  }

  private void awaitLog(String name, String line, int seconds) throws IOException, InterruptedException {
    Path log = home.resolve(name + ".log");
    long deadline = System.nanoTime() + seconds * 1_000_000_000L;
    while (System.nanoTime() < deadline) {
      if (Files.exists(log) && Files.readString(log, StandardCharsets.UTF_8).contains(line)) {
        return;
      }
      for (Process p : processes) {
        if (!p.isAlive()) {
          throw new IllegalStateException("a Spark process exited (" + p.exitValue() + ") before " + name
              + " logged '" + line + "'; " + name + "'s log:\n" + tail(log));
        }
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException(name + " did not log '" + line + "' within " + seconds + " s; its log:\n" + tail(log));
  }

  /** The last lines of every log, for failure messages. */
  public String logs() {
    StringBuilder b = new StringBuilder();
    try (Stream<Path> files = Files.walk(home)) {
      for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".log") || p.getFileName().toString().equals("stderr"))::iterator) {
        b.append("== ").append(home.relativize(f)).append('\n').append(tail(f));
      }
    } catch (IOException e) {
      b.append(e);
    }
    return b.toString();
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size())) + "\n";
    } catch (IOException e) {
      return "(no log: " + e + ")\n";
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @Override
  public void close() {
    for (int i = processes.size() - 1; i >= 0; i--) {
      Process p = processes.get(i);
      p.descendants().forEach(ProcessHandle::destroy);
      p.destroy();
    }
    for (Process p : processes) {
      try {
        if (!p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
          p.descendants().forEach(ProcessHandle::destroyForcibly);
          p.destroyForcibly().waitFor();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    try (Stream<Path> files = Files.walk(home)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException e) {
      // Leftovers in the temporary directory are harmless.
    }
  }
}
