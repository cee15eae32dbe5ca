package org.nodelab.notebook;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.awt.image.BufferedImage;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nodelab.nn.Mlp;
import org.nodelab.nn.ParameterFile;
import org.nodelab.tensor.Activation;
import org.nodelab.train.Adam;
import org.nodelab.train.Checkpoint;

/**
 * Kills a JVM with SIGKILL at random moments while it writes checkpoints, parameters, an executed
 * notebook, its report and charts ({@link CrashWriter}): after every kill each file is whole (the
 * previous version or the new one), and the training resumed from the surviving checkpoints ends
 * bit for bit where an uninterrupted run ends. A kill half-way through a write (the writer held
 * there) leaves the previous file byte for byte. Files cut short by other means are refused by
 * their readers with a message saying so.
 */
class CrashSafetyTest {
  private static final int KILLS = 6;
  @TempDir Path dir;
  private int checkpointsSeen;
  private long stepSeen;

  @Test
  void everyFileIsWholeAfterEachKillAndResumedTrainingMatchesTheUninterruptedRun() throws Exception {
    Mlp straight = new Mlp(Activation.TANH, 3, CrashWriter.SIZES);
    CrashWriter.train(straight, null, null);

    Random random = new Random(20);
    int caughtMidWrite = 0;
    for (int kill = 0; kill < KILLS; kill++) {
      Process child = start();
      CountDownLatch ready = new CountDownLatch(2);
      Thread reader = new Thread(() -> {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
          for (String line; (line = r.readLine()) != null; ) {
            if (line.equals("ready") || line.equals("training") || line.equals("trained")) {
              ready.countDown();
            }
          }
        } catch (java.io.IOException closed) {
          // the child was killed
        }
      });
      reader.setDaemon(true);
      reader.start();
      assertTrue(ready.await(120, TimeUnit.SECONDS) || !child.isAlive(), "the writer never became ready");
      assertTrue(child.isAlive(), "the writer died on its own: " + Files.readString(dir.resolve("child.err")));
      Thread.sleep(100 + random.nextInt(900));
      child.destroyForcibly();
      assertTrue(child.waitFor(30, TimeUnit.SECONDS));
      assertEquals(137, child.exitValue(), "killed by SIGKILL");
      int leftovers = removeTemporaryFiles();
      caughtMidWrite += leftovers;
      long step = assertWhole();
      System.out.printf(java.util.Locale.ROOT, "kill %d: %d write(s) cut off, every file whole, checkpoint at step %d%n",
          kill + 1, leftovers, step);
    }
    System.out.printf("%d of %d kills cut off a write%n", caughtMidWrite, KILLS);
    assertTrue(checkpointsSeen > 0, "no kill came after the first checkpoint");

    Mlp resumed = new Mlp(Activation.TANH, 99, CrashWriter.SIZES);
    CrashWriter.train(resumed, null, dir.resolve("checkpoint.bin"));
    for (int i = 0; i < straight.layers().size(); i++) {
      assertArrayEquals(straight.layers().get(i).weight().toArray(), resumed.layers().get(i).weight().toArray(), 0.0);
      assertArrayEquals(straight.layers().get(i).bias().toArray(), resumed.layers().get(i).bias().toArray(), 0.0);
    }
  }

  @Test
  void aKillHalfWayThroughAWriteLeavesThePreviousFileAsItWas() throws Exception {
    Process child = start("--block");
    try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      assertEquals("half", r.readLine(), () -> "the writer stopped early: " + read(dir.resolve("child.err")));
      byte[] previous = Files.readAllBytes(dir.resolve("params.bin"));
      try (Stream<Path> files = Files.list(dir)) {
        Path tmp = files.filter(p -> p.getFileName().toString().endsWith(".tmp")).findFirst().orElseThrow();
        assertEquals(previous.length / 2, Files.size(tmp), 8, "half of the new file is written");
      }
      child.destroyForcibly();
      assertTrue(child.waitFor(30, TimeUnit.SECONDS));
      assertEquals(137, child.exitValue(), "killed by SIGKILL");
      assertArrayEquals(previous, Files.readAllBytes(dir.resolve("params.bin")), "the previous file, byte for byte");
      assertEquals(1, removeTemporaryFiles(), "the cut-off write leaves its temporary file");
      ParameterFile.load(new Mlp(Activation.TANH, 0, CrashWriter.PARAMETER_SIZES), dir.resolve("params.bin"));
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (java.io.IOException e) {
      return "";
    }
  }

  @Test
  void readersSayAFileIsTruncated() throws Exception {
    Mlp model = new Mlp(Activation.TANH, 1, 1, 8, 1);
    Path params = dir.resolve("params.bin");
    ParameterFile.save(model, params);
    Path checkpoint = dir.resolve("checkpoint.bin");
    Checkpoint.save(checkpoint, model, Adam.of(1e-3).on(model.parameters()), 7);
    Path notebook = dir.resolve("nb.ipynb");
    NotebookRunner.write(notebook, CrashWriter.notebook().toString());
    for (Path file : List.of(params, checkpoint, notebook)) {
      byte[] whole = Files.readAllBytes(file);
      for (int length : new int[] {0, 5, 8, 20, whole.length / 2, whole.length - 1}) {
        Path cut = dir.resolve("cut-" + file.getFileName());
        Files.write(cut, java.util.Arrays.copyOf(whole, length));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> load(cut));
        String m = e.getMessage();
        assertTrue(m.contains(cut.toString()) && (m.contains("truncated") || m.contains("not valid JSON")
            || m.contains("not a notebook")), length + " bytes: " + m);
      }
    }
  }

  private static void load(Path file) {
    String name = file.getFileName().toString();
    if (name.endsWith(".ipynb")) {
      NotebookJson.read(file);
    } else if (name.contains("checkpoint")) {
      Mlp m = new Mlp(Activation.TANH, 1, 1, 8, 1);
      Checkpoint.load(file, m, Adam.of(1e-3).on(m.parameters()));
    } else {
      ParameterFile.load(new Mlp(Activation.TANH, 1, 1, 8, 1), file);
    }
  }

  private Process start(String... options) throws java.io.IOException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Djava.awt.headless=true", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
        CrashWriter.class.getName(), dir.toString()));
    command.addAll(List.of(options));
    return new ProcessBuilder(command).redirectError(dir.resolve("child.err").toFile()).start();
  }

  /** Every file is complete: it loads, decodes or ends as its format ends; returns the checkpoint's step (0 if none yet). */
  private long assertWhole() throws Exception {
    ParameterFile.load(new Mlp(Activation.TANH, 0, CrashWriter.PARAMETER_SIZES), dir.resolve("params.bin"));
    Path checkpoint = dir.resolve("checkpoint.bin");
    if (checkpointsSeen > 0 || Files.exists(checkpoint)) {
      Mlp model = new Mlp(Activation.TANH, 0, CrashWriter.SIZES);
      long step = Checkpoint.load(checkpoint, model, Adam.of(1e-3).on(model.parameters()));
      assertTrue(step >= 1 && step <= CrashWriter.STEPS, "step " + step);
      checkpointsSeen++;
      stepSeen = step;
    }
    JsonObject nb = NotebookJson.read(dir.resolve("notebook.ipynb"));
    assertEquals(CrashWriter.CELLS, nb.getAsJsonArray("cells").size());
    String html = Files.readString(dir.resolve("report.html"));
    assertTrue(html.startsWith("<!DOCTYPE html>") && html.endsWith("</body></html>\n"), "report cut short");
    BufferedImage png = ImageIO.read(dir.resolve("chart.png").toFile());
    assertNotNull(png, "chart.png does not decode");
    assertEquals(1200, png.getWidth());
    assertTrue(Files.readString(dir.resolve("chart.svg")).strip().endsWith("</svg>"), "chart.svg cut short");
    return stepSeen;
  }

  /** Removes what a killed write leaves behind (its temporary file); returns how many there were. */
  private int removeTemporaryFiles() throws java.io.IOException {
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> tmp = files.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList();
      for (Path p : tmp) {
        Files.delete(p);
      }
      return tmp.size();
    }
  }
}
