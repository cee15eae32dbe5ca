package org.nodelab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nodelab.tensor.Tensor;
import tech.tablesaw.api.Table;

class DataTest {
  @TempDir Path dir;

  @Test
  void lynxHareHasTheTwentyOneYearsOfOdum1953() {
    Table t = RealData.lynxHare();
    assertEquals(21, t.rowCount());
    Tensor years = Csv.column(t, "year");
    assertEquals(1900, years.get(0));
    assertEquals(1920, years.get(20));
    // First row of the published series: 30 thousand hares, 4 thousand lynx.
    assertArrayEquals(new double[] {30, 4}, Csv.columns(t, List.of("hare", "lynx")).slice(0, 0, 1).toArray(), 0);
  }

  @Test
  void digitsHave1797ScaledImagesWithTenBalancedClasses() {
    Dataset d = RealData.digits();
    assertArrayEquals(new int[] {1797, 64}, d.x().shape());
    int[] counts = new int[10];
    for (double label : d.y().toArray()) {
      counts[(int) label]++;
    }
    for (int c : counts) {
      assertTrue(c >= 170 && c <= 190, "class count " + c);
    }
    double max = 0;
    for (double v : d.x().toArray()) {
      max = Math.max(max, v);
      assertTrue(v >= 0 && v <= 1);
    }
    assertEquals(1.0, max);
  }

  @Test
  void concentricSpheresFollowTheAnodeExperimentsLayout() {
    Dataset d = Synthetic.concentricSpheres(500, 1500, 4);
    assertArrayEquals(new int[] {2000, 2}, d.x().shape());
    assertArrayEquals(new int[] {2000, 1}, d.y().shape());
    double innerRadiusSum = 0;
    for (int i = 0; i < 2000; i++) {
      double r = Math.hypot(d.x().get(i, 0), d.x().get(i, 1));
      boolean outer = i >= 500;
      assertEquals(outer ? 1.0 : -1.0, d.y().get(i, 0));
      assertTrue(outer ? r >= 1 && r <= 1.5 : r <= 0.5, "point " + i + " at radius " + r);
      innerRadiusSum += outer ? 0 : r;
    }
    // Radius r0 + 0.5·√u: the inner mean radius is 0.5·E[√u] = 1/3 (standard error about 0.005).
    assertEquals(1.0 / 3, innerRadiusSum / 500, 0.02);
  }

  @Test
  void circlesPutClassZeroInsideRadiusHalfAndClassOneInTheAnnulus() {
    Dataset d = Synthetic.circles(1000, 3);
    double[] x = d.x().toArray();
    double[] y = d.y().toArray();
    for (int i = 0; i < 1000; i++) {
      double r = Math.hypot(x[2 * i], x[2 * i + 1]);
      assertTrue(y[i] == 0 ? r <= 0.5 : r >= 1 && r <= 1.5, "point " + i + " r=" + r + " y=" + y[i]);
    }
  }

  @Test
  void moonsWithoutNoiseLieOnTheirHalfCircles() {
    Dataset d = Synthetic.moons(101, 0, 1);
    double[] x = d.x().toArray();
    double[] y = d.y().toArray();
    for (int i = 0; i < 101; i++) {
      double cx = y[i] == 0 ? 0 : 1;
      double cy = y[i] == 0 ? 0 : 0.5;
      assertEquals(1.0, Math.hypot(x[2 * i] - cx, x[2 * i + 1] - cy), 1e-12);
    }
  }

  @Test
  void splitsAndBatchesAreSeededPartitions() {
    Dataset d = new Dataset(Tensor.linspace(0, 99, 100).reshape(100, 1), Tensor.linspace(0, 99, 100));
    Dataset.Split s = d.split(0.2, 7);
    assertEquals(80, s.train().size());
    assertEquals(20, s.test().size());
    Set<Double> seen = new HashSet<>();
    for (double v : s.train().y().toArray()) seen.add(v);
    for (double v : s.test().y().toArray()) seen.add(v);
    assertEquals(100, seen.size());
    assertArrayEquals(s.test().y().toArray(), d.split(0.2, 7).test().y().toArray(), 0);
    List<Dataset> batches = d.batches(32, 1);
    assertEquals(List.of(32, 32, 32, 4), batches.stream().map(Dataset::size).toList());
    assertArrayEquals(batches.get(0).x().reshape(32).toArray(), batches.get(0).y().toArray(), 0);
  }

  @Test
  void badCellNamesFileRowAndColumn() throws IOException {
    Path file = dir.resolve("bad.csv");
    Files.writeString(file, "a,b\n1,2\n3,oops\n");
    Table t = Csv.read(file);
    var e = assertThrows(IllegalArgumentException.class, () -> Csv.columns(t, List.of("a", "b")));
    assertTrue(e.getMessage().contains("bad.csv") && e.getMessage().contains("row 2") && e.getMessage().contains("'b'"), e.getMessage());
  }

  @Test
  void missingColumnIsNamedWithTheColumnsThatExist() throws IOException {
    Path file = dir.resolve("cols.csv");
    Files.writeString(file, "a,b\n1,2\n");
    var e = assertThrows(IllegalArgumentException.class, () -> Csv.columns(Csv.read(file), List.of("c")));
    assertTrue(e.getMessage().contains("'c'") && e.getMessage().contains("[a, b]"), e.getMessage());
  }

  @Test
  void raggedCsvIsRejectedNamingTheFile() throws IOException {
    Path file = dir.resolve("ragged.csv");
    Files.writeString(file, "a,b\n1,2\n3,4,5,6\n");
    var e = assertThrows(IllegalArgumentException.class, () -> Csv.read(file));
    assertTrue(e.getMessage().contains("ragged.csv"), e.getMessage());
  }

  @Test
  void mismatchedRowsAndBadArgumentsAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> new Dataset(Tensor.zeros(3, 2), Tensor.zeros(4)));
    Dataset d = Synthetic.circles(10, 0);
    assertThrows(IllegalArgumentException.class, () -> d.split(1.0, 0));
    assertThrows(IllegalArgumentException.class, () -> d.batches(0, 0));
    assertThrows(IllegalArgumentException.class, () -> Synthetic.moons(10, -1, 0));
    assertThrows(IllegalArgumentException.class, () -> Synthetic.circles(0, 0));
  }
}
