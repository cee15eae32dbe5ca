package org.nodelab.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Tables as the kernel and the report show them; expected strings are the values rounded by hand. */
class TableFormatTest {
  private static Table errors() {
    return Table.create("errors",
        StringColumn.create("method", "euler", "rk4", "dopri5"),
        DoubleColumn.create("error", 0.0075887868083792795, 0.9972006712250471, 12.5),
        IntColumn.create("steps", 1900, 20, 7));
  }

  @AfterEach
  void defaultDigits() {
    TableFormat.significantDigits(4);
  }

  @Test
  void numbersAreRoundedToFourSignificantDigitsIntegersKept() {
    Table t = errors();
    assertEquals(List.of("0.007589", "0.9972", "12.50"), TableFormat.cells(t.column("error"), 3));
    assertEquals(List.of("1900", "20", "7"), TableFormat.cells(t.column("steps"), 3));
    assertEquals(List.of("1", "2"), TableFormat.cells(DoubleColumn.create("T", 1.0, 2.0), 2), "whole numbers");
  }

  @Test
  void aColumnSpanningTinyValuesIsScientificAndMissingValuesAreEmpty() {
    DoubleColumn c = DoubleColumn.create("loss", 1.23456e-7, 0.5, Double.NaN);
    assertEquals(List.of("1.235e-07", "5.000e-01", ""), TableFormat.cells(c, 3));
  }

  @Test
  void digitsAreConfigurableAndCheckedLab() {
    org.nodelab.Lab.tableDigits(2);
    assertEquals(List.of("0.0076", "1.0", "13"), TableFormat.cells(errors().column("error"), 3));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TableFormat.significantDigits(0));
    assertTrue(e.getMessage().contains("got 0"), e.getMessage());
  }

  @Test
  void htmlHasTheNameAsCaptionAndNumbersRightAligned() {
    String html = Renderer.render(errors()).get("text/html");
    assertTrue(html.contains("<caption>errors</caption>"), html);
    assertTrue(html.contains("<td style=\"text-align:right\">0.007589</td>"), html);
    assertTrue(html.contains("<td style=\"text-align:left\">euler</td>"), html);
    assertTrue(html.contains("<th style=\"text-align:right\">steps</th>"), html);
  }

  @Test
  void plainTextHasTheSameNumbersPaddedToTheRight() {
    String text = Renderer.render(errors()).get("text/plain");
    List<String> lines = text.lines().toList();
    assertEquals("errors", lines.get(0));
    assertEquals("method     error  steps", lines.get(1));
    assertEquals("euler   0.007589   1900", lines.get(3));
    assertEquals("dopri5     12.50      7", lines.get(5));
  }

  @Test
  void aLongTableIsCutAndSaysSo() {
    Table t = Table.create("long", IntColumn.create("i", java.util.stream.IntStream.range(0, 120).toArray()));
    assertTrue(TableFormat.html(t).contains("50 of 120 rows"));
    assertTrue(TableFormat.text(t).contains("50 of 120 rows"));
  }
}
