package org.nodelab.notebook;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import org.nodelab.data.Csv;
import tech.tablesaw.api.Table;

/**
 * The file readers on mutated inputs: valid text cut, spliced, duplicated and sprinkled with
 * characters that matter to the format. Every input either reads or gives the reader's documented
 * error ({@link NotebookFormatException} for notebooks, {@link IllegalArgumentException} naming the
 * row and column for CSV): never another exception, never a hang (each read is bounded by ten
 * seconds). Notebooks are also mutated as JSON trees: one value replaced by another of any type, or
 * removed. A notebook that reads also gets its cell ids and renders as a report.
 */
class ReaderFuzzTest {
  private static final String NOTEBOOK = SampleNotebook.text();
  private static final String JSON_CHARS = "{}[]\",:\\ \n0123456789-+.eE truefalsnu\u00e9\u2603\ud83d\ude00";
  private static final String CSV_CHARS = ",\"\n\r 0123456789-+.eE;xyNaInfity\t#\u00e9";
  private static final int[] counts = new int[6];

  @Property(tries = 300, seed = "27")
  void aMutatedNotebookReadsOrGivesTheDocumentedError(@ForAll long seed, @ForAll @IntRange(min = 1, max = 6) int edits) {
    String text = mutate(NOTEBOOK, JSON_CHARS, seed, edits);
    assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
      JsonObject nb;
      try {
        nb = NotebookJson.parse(text, "fuzz.ipynb");
      } catch (NotebookFormatException documented) {
        assertFalse(documented.getMessage().isBlank());
        count(0);
        return;
      }
      CellIds.ensure(nb);
      HtmlReport.render("fuzz", nb);
      count(1);
    });
  }

  @Property(tries = 300, seed = "29")
  void aNotebookWithOneValueReplacedReadsOrGivesTheDocumentedError(@ForAll long seed) {
    JsonElement tree = JsonParser.parseString(NOTEBOOK);
    SplittableRandom r = new SplittableRandom(seed);
    List<JsonElement> containers = new ArrayList<>();
    collect(tree, containers);
    JsonElement target = containers.get(r.nextInt(containers.size()));
    JsonElement value = switch (r.nextInt(6)) {
      case 0 -> JsonNull.INSTANCE;
      case 1 -> new JsonPrimitive(r.nextInt(7) - 2);
      case 2 -> new JsonPrimitive("x");
      case 3 -> new JsonArray();
      case 4 -> new JsonObject();
      default -> new JsonPrimitive(r.nextBoolean());
    };
    if (target instanceof JsonObject o && !o.isEmpty()) {
      List<String> keys = new ArrayList<>(o.keySet());
      String key = keys.get(r.nextInt(keys.size()));
      if (r.nextInt(4) == 0) {
        o.remove(key);
      } else {
        o.add(key, value);
      }
    } else if (target instanceof JsonArray a && !a.isEmpty()) {
      a.set(r.nextInt(a.size()), value);
    }
    assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
      JsonObject nb;
      try {
        nb = NotebookJson.parse(tree.toString(), "fuzz.ipynb");
      } catch (NotebookFormatException documented) {
        count(4);
        return;
      }
      CellIds.ensure(nb);
      HtmlReport.render("fuzz", nb);
      count(5);
    });
  }

  private static void collect(JsonElement e, List<JsonElement> out) {
    if (e.isJsonObject()) {
      out.add(e);
      e.getAsJsonObject().entrySet().forEach(x -> collect(x.getValue(), out));
    } else if (e.isJsonArray()) {
      out.add(e);
      e.getAsJsonArray().forEach(x -> collect(x, out));
    }
  }

  @Property(tries = 300, seed = "28")
  void aMutatedCsvFileReadsOrGivesTheDocumentedError(@ForAll long seed, @ForAll @IntRange(min = 1, max = 6) int edits)
      throws Exception {
    String csv = mutate(Files.readString(Path.of("datasets", "lynx_hare.csv")), CSV_CHARS, seed, edits);
    assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
      try {
        Table t = Csv.read(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), "fuzz.csv", true);
        Csv.columns(t, List.of("year", "hare", "lynx"));
        count(3);
      } catch (IllegalArgumentException documented) {
        assertFalse(documented.getMessage() == null || documented.getMessage().isBlank());
        count(2);
      }
    });
  }

  private static synchronized void count(int k) {
    counts[k]++;
  }

  @AfterContainer
  static void report() {
    System.out.printf("mutated notebook text: %d refused with the documented error, %d read; one value replaced or"
        + " removed: %d refused, %d read; mutated CSV: %d refused, %d read%n",
        counts[0], counts[1], counts[4], counts[5], counts[2], counts[3]);
  }

  /** {@code text} after {@code edits} random cuts, splices, duplications and insertions. */
  static String mutate(String text, String alphabet, long seed, int edits) {
    SplittableRandom r = new SplittableRandom(seed);
    StringBuilder s = new StringBuilder(text);
    for (int e = 0; e < edits; e++) {
      int at = s.length() == 0 ? 0 : r.nextInt(s.length());
      int len = Math.min(s.length() - at, 1 + r.nextInt(r.nextBoolean() ? 4 : 200));
      switch (r.nextInt(6)) {
        case 0 -> s.setLength(at);
        case 1 -> s.delete(at, at + len);
        case 2 -> s.insert(at, s.substring(at, at + len));
        case 3 -> {
          int to = s.length() == 0 ? 0 : r.nextInt(s.length());
          String piece = s.substring(at, at + len);
          s.delete(at, at + len);
          s.insert(Math.min(to, s.length()), piece);
        }
        default -> {
          for (int k = 1 + r.nextInt(3); k > 0; k--) {
            s.insert(at, alphabet.charAt(r.nextInt(alphabet.length())));
          }
        }
      }
    }
    return s.toString();
  }
}
