package org.nodelab.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.nodelab.notebook.Evaluator;

/**
 * Inspect (shift-tab in a notebook) shows the same text as the API reference: for every method and
 * field of {@code Lab} and {@code Solvers}, the first sentence javadoc put in the reference's summary
 * table appears in what the kernel's evaluator answers for that name.
 */
class InspectMatchesReferenceTest {

  @Test
  void inspectShowsTheReferencesFirstSentenceOfEveryLabAndSolversMember() throws Exception {
    List<String> mismatches = new ArrayList<>();
    int checked = 0;
    try (Evaluator evaluator = new Evaluator()) {
      for (String type : List.of("org/nodelab/Lab", "org/nodelab/ode/Solvers")) {
        String prefix = type.endsWith("Lab") ? "" : "Solvers.";
        Document page = Jsoup.parse(BuiltSite.get().out().resolve("api/" + type + ".html").toFile(), "UTF-8");
        for (Element row : page.select("section.method-summary .col-second, section.field-summary .col-second")) {
          Element block = row.nextElementSibling() == null ? null : row.nextElementSibling().selectFirst("div.block");
          if (block == null) {
            continue;
          }
          String name = row.selectFirst("a").text();
          String code = prefix + name;
          String shown = normal(evaluator.inspect(code, code.length()));
          String reference = normal(block.text());
          checked++;
          if (!shown.contains(reference)) {
            mismatches.add(code + ": reference '" + reference + "'\n    inspect '" + shown + "'");
          }
        }
      }
    }
    assertTrue(checked > 100, "members checked: " + checked);
    assertEquals("", String.join("\n", mismatches));
  }

  private static String normal(String s) {
    return s.replace('\u00a0', ' ').replaceAll("\\s+", " ").strip();
  }
}
