package org.nodelab.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class MagicsTest {
  @Test
  void aCellWithoutMagicsIsOneJavaPart() {
    String cell = "int x = 10 %\n  3;\nx";
    assertFalse(Magics.present(cell));
    List<Magics.Part> parts = Magics.parse(cell);
    assertEquals(1, parts.size());
    assertTrue(parts.get(0).isJava());
    assertEquals(cell + "\n", parts.get(0).body());
  }

  @Test
  void lineMagicsSplitTheCellInOrder() {
    List<Magics.Part> parts = Magics.parse("%maven a.b:c:1.0  x:y:2\nint k = 1;\n  %classpath\nk + 1");
    assertEquals(4, parts.size());
    assertEquals(new Magics.Part("maven", "a.b:c:1.0  x:y:2", null, false, 1), parts.get(0));
    assertEquals(new Magics.Part(null, null, "int k = 1;\n", false, 2), parts.get(1));
    assertEquals(new Magics.Part("classpath", "", null, false, 3), parts.get(2));
    assertEquals(new Magics.Part(null, null, "k + 1\n", false, 4), parts.get(3));
  }

  @Test
  void aCellMagicTakesTheRestOfTheCell() {
    List<Magics.Part> parts = Magics.parse("\n%%time\nint q = 5;\n%help\nq * 2");
    assertEquals(List.of(new Magics.Part("time", "", "int q = 5;\n%help\nq * 2", true, 2)), parts);
  }

  @Test
  void aCellMagicAfterCodeIsRefusedWithItsLine() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Magics.parse("int a = 1;\n%%time\na"));
    assertTrue(e.getMessage().contains("%%time on line 2"), e.getMessage());
    assertTrue(Magics.present("int a = 1;\n%%time\na"));
  }

  @Test
  void percentLinesInsideATextBlockAreJava() {
    String cell = "String f = \"\"\"\n%d apples\n\"\"\";\n%time f.formatted(3)";
    List<Magics.Part> parts = Magics.parse(cell);
    assertEquals(2, parts.size());
    assertTrue(parts.get(0).body().contains("%d apples"));
    assertEquals("f.formatted(3)", parts.get(1).argument());
  }

  @Test
  void aScriptStopsAtExitAndRefusesOtherCommands() {
    JshScript s = JshScript.parse("// a comment\nint a = 1;\n/exit 3\nint b = 2;\n", "s.jsh");
    assertEquals("// a comment\nint a = 1;\n", s.code());
    assertEquals(3, s.exitStatus());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> JshScript.parse("int a = 1;\n/vars\n", "s.jsh"));
    assertTrue(e.getMessage().contains("s.jsh, line 2") && e.getMessage().contains("/vars"), e.getMessage());
  }
}
