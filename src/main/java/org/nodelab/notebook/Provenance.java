package org.nodelab.notebook;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.nodelab.tensor.Tensor;

/**
 * What a reader of an executed notebook needs to trust and repeat it: nodelab, Java, Tablesaw and
 * XChart versions, OS, CPU model, cores, matrix-kernel threads, the git commit, every seed given to
 * {@code Lab.seed} as run and every {@code seed(...)} call in the executed cells as written, and the
 * start time to the second. Written into the notebook's metadata (key
 * {@code nodelab}) and the report's header.
 */
public final class Provenance {
  private static final List<Long> SEEDS = new ArrayList<>();

  private static final java.util.regex.Pattern SEED_CALL = java.util.regex.Pattern.compile("\\.?\\bseed\\([^()]*\\)");

  private final List<String> seedCalls = new ArrayList<>();
  private final OffsetDateTime start;
  private final Optional<String> commit;

  private Provenance(OffsetDateTime start, Optional<String> commit) {
    this.start = start;
    this.commit = commit;
  }

  /** Starts recording a run of {@code notebook}: now as start time, seeds forgotten. */
  static Provenance begin(Path notebook) {
    synchronized (SEEDS) {
      SEEDS.clear();
    }
    return new Provenance(OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS), GitCommit.of(notebook));
  }

  /**
   * Records a seed given to {@code Lab.seed}.
   *
   * @param seed the seed
   */
  public static void seedSet(long seed) {
    synchronized (SEEDS) {
      SEEDS.add(seed);
    }
  }

  /** The seeds given to {@code Lab.seed} since the run began, in order. */
  static List<Long> seeds() {
    synchronized (SEEDS) {
      return List.copyOf(SEEDS);
    }
  }

  /**
   * Notes the {@code seed(...)} calls in the source of executed cell {@code index} (the trainer's
   * {@code .seed(s)} included), for the seeds set other than through {@code Lab.seed}.
   */
  void cellRan(int index, String source) {
    java.util.regex.Matcher m = SEED_CALL.matcher(source);
    while (m.find()) {
      seedCalls.add("cell " + index + ": " + m.group());
    }
  }

  /** Start time, ISO 8601 to the second, UTC. */
  String startTime() {
    return start.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
  }

  /** The provenance as the notebook-level metadata object. */
  JsonObject json(double seconds) {
    JsonObject o = new JsonObject();
    o.addProperty("nodelab", Versions.nodelab());
    o.addProperty("java", Versions.java() + " (" + System.getProperty("java.vm.name") + ")");
    o.addProperty("tablesaw", Versions.tablesaw());
    o.addProperty("xchart", Versions.xchart());
    o.addProperty("os", Versions.os());
    o.addProperty("cpu", Versions.cpu());
    o.addProperty("cores", Versions.cores());
    o.addProperty("threads", Tensor.threads());
    o.addProperty("git_commit", commit.orElse(null));
    JsonArray seeds = new JsonArray();
    seeds().forEach(seeds::add);
    o.add("seeds", seeds);
    JsonArray calls = new JsonArray();
    seedCalls.forEach(calls::add);
    o.add("seed_calls", calls);
    o.addProperty("start", startTime());
    o.addProperty("wall_seconds", Math.round(seconds * 1000) / 1000.0);
    return o;
  }
}
