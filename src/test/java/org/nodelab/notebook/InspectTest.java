package org.nodelab.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Inspect shows the Javadoc of nodelab's API (compared with the comment read straight from the source file). */
class InspectTest {
  private static Evaluator evaluator;

  @BeforeAll
  static void start() {
    evaluator = new Evaluator();
  }

  @AfterAll
  static void stop() {
    evaluator.close();
  }

  /** The first sentence of the Javadoc right before {@code declaration} in {@code file}, markup removed. */
  private static String firstSentence(String file, String declaration) throws Exception {
    String source = Files.readString(Path.of("src/main/java", file));
    int at = source.indexOf(declaration);
    String before = source.substring(0, at);
    String comment = before.substring(before.lastIndexOf("/**") + 3, before.lastIndexOf("*/"));
    String text = comment.replaceAll("(?m)^\\s*\\*", " ").replaceAll("\\{@code ([^}]*)}", "$1").replaceAll("\\s+", " ").strip();
    Matcher m = Pattern.compile("^(.*?\\.)(\\s|$)").matcher(text);
    return m.find() ? m.group(1) : text;
  }

  @Test
  void inspectOfOdeShowsTheJavadocOfEachOverload() throws Exception {
    String doc = evaluator.inspect("ode", 3);
    assertTrue(doc.contains("ode(VectorField f)"), doc);
    assertTrue(doc.contains(firstSentence("org/nodelab/Lab.java", "public static OdeSpec ode(VectorField f)")), doc);
    assertTrue(doc.contains(firstSentence("org/nodelab/Lab.java", "public static OdeSpec ode(Module f)")), doc);
  }

  @Test
  void inspectOfSolversDopri5ShowsItsFirstSentence() throws Exception {
    String doc = evaluator.inspect("Solvers.dopri5()", 10);
    String expected = firstSentence("org/nodelab/ode/Solvers.java", "public static Solver dopri5()");
    assertTrue(expected.startsWith("Dormand"), expected);
    assertTrue(doc.contains(expected), doc);
  }

  @Test
  void parametersAndTheReturnValueAreListedAndCompletionStillWorks() {
    String doc = evaluator.inspect("Ode.solve(", 9);
    assertTrue(doc.contains("f — the right-hand side"), doc);
    assertTrue(doc.contains("times — output times, strictly monotone; times[0] is the initial time"), doc);
    assertTrue(doc.contains("returns the states at times"), doc);
    assertTrue(evaluator.complete("rk45.rt", 7).candidates().contains("rtol("), "completion");
  }

  @Test
  void fieldsAndTypesHaveTheirJavadocAndESentencesStayWhole() throws Exception {
    assertTrue(evaluator.inspect("rk45", 4).contains(
        firstSentence("org/nodelab/Lab.java", "public static final Solver rk45")), evaluator.inspect("rk45", 4));
    assertTrue(evaluator.inspect("mlp", 3).contains("An MLP with tanh between layers, e.g. mlp(2, 50, 2)."));
    assertEquals("A b, e.g. c. And", JavadocIndex.firstSentence("A b, e.g. c. And") + " And");
  }
}
