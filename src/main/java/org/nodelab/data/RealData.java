package org.nodelab.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.nodelab.tensor.Tensor;
import tech.tablesaw.api.Table;

/**
 * The real data sets shipped in the project's {@code datasets/} folder (packaged on the class path
 * under {@code /datasets}); see {@code datasets/README.md} for provenance and licences.
 */
public final class RealData {
  private RealData() {}

  /**
   * Hudson's Bay Company pelts (thousands) of snowshoe hare and Canadian lynx, 1900–1920 (Odum
   * 1953): columns {@code year, hare, lynx}, 21 rows.
   *
   * @return a table of 21 rows: year, hare and lynx pelts in thousands
   */
  public static Table lynxHare() {
    return load("lynx_hare.csv", true);
  }

  /**
   * The lynx–hare pelts as one fully observed series ({@code id} "0", variables {@code hare,
   * lynx} in thousands) on the years since 1900, 0 to 20, for the irregular-series models.
   *
   * @return one series of two variables over 21 years
   */
  public static IrregularSeries lynxHareSeries() {
    Table table = lynxHare();
    Tensor years = Csv.column(table, "year").sub(1900);
    Tensor pelts = Csv.columns(table, List.of("hare", "lynx"));
    return IrregularSeries.regular(years.toArray(), pelts.reshape(1, table.rowCount(), 2), List.of("hare", "lynx"));
  }

  /**
   * UCI optical digits (Alpaydin &amp; Kaynak 1998), 1797 images of 8×8 pixels: x of shape {@code
   * [1797, 64]} scaled from 0..16 to [0, 1], y of shape {@code [1797]} with labels 0..9.
   *
   * @return the data set
   */
  public static Dataset digits() {
    Table table = load("digits.csv.gz", false);
    List<String> pixels = new ArrayList<>();
    for (int i = 0; i < 64; i++) {
      pixels.add(table.columnNames().get(i));
    }
    Tensor x = Csv.columns(table, pixels).div(16);
    Tensor y = Csv.column(table, table.columnNames().get(64));
    return new Dataset(x, y);
  }

  private static Table load(String name, boolean header) {
    String resource = "/datasets/" + name;
    try (InputStream raw = RealData.class.getResourceAsStream(resource)) {
      if (raw == null) {
        throw new IllegalStateException(resource + " is not on the class path (is datasets/ packaged?)");
      }
      InputStream in = name.endsWith(".gz") ? new GZIPInputStream(raw) : raw;
      return Csv.read(in, name, header);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }
}
