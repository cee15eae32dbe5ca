package org.nodelab.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.nodelab.tensor.Tensor;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * CSV files through Tablesaw into tensors. Cells are read as text and parsed here, so that a bad
 * cell is reported with its file, row (1-based, counting data rows) and column.
 */
public final class Csv {
  private Csv() {}

  /**
   * Reads {@code file} (gzip-compressed when its name ends in {@code .gz}) with a header row.
   *
   * @param file the CSV file
   * @return the table, column types inferred by Tablesaw
   */
  public static Table read(Path file) {
    return read(file, true);
  }

  /**
   * Reads {@code file}; without a header, columns are called {@code C0, C1, ...}.
   *
   * @param file the CSV file
   * @param header whether the first row names the columns
   * @return the table, column types inferred by Tablesaw
   */
  public static Table read(Path file, boolean header) {
    try (InputStream in = open(file)) {
      return read(in, file.getFileName().toString(), header);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /**
   * Reads CSV text from {@code in}; {@code name} is used in error messages and as the table name.
   *
   * @param in the CSV text; not closed
   * @param name the table's name
   * @param header whether the first row names the columns
   * @return the table, column types inferred by Tablesaw
   */
  public static Table read(InputStream in, String name, boolean header) {
    try {
      CsvReadOptions options =
          CsvReadOptions.builder(in)
              .tableName(name)
              .header(header)
              .columnTypes(column -> ColumnType.STRING)
              .build();
      return Table.read().usingOptions(options);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("malformed CSV " + name + ": " + e.getMessage(), e);
    }
  }

  private static InputStream open(Path file) throws IOException {
    InputStream in = Files.newInputStream(file);
    return file.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(in) : in;
  }

  /**
   * The named columns as a {@code [rows, columns.size()]} tensor of doubles.
   *
   * @param table the table
   * @param columns the names of the numeric columns
   * @return the values as doubles, one row per table row
   * @throws IllegalArgumentException naming the table and column when a column is missing, and
   *     the row and column when a cell is not a number
   */
  public static Tensor columns(Table table, List<String> columns) {
    int rows = table.rowCount();
    int k = columns.size();
    double[] data = new double[rows * k];
    for (int c = 0; c < k; c++) {
      String name = columns.get(c);
      if (!table.containsColumn(name)) {
        throw new IllegalArgumentException(
            table.name() + " has no column '" + name + "'; it has " + table.columnNames());
      }
      StringColumn column = table.stringColumn(name);
      for (int r = 0; r < rows; r++) {
        data[r * k + c] = parse(table.name(), r, name, column.get(r));
      }
    }
    return Tensor.of(data, rows, k);
  }

  /**
   * One named column as a {@code [rows]} tensor.
   *
   * @param table the table
   * @param column the name of a numeric column
   * @return the values as doubles, one per table row
   */
  public static Tensor column(Table table, String column) {
    return columns(table, List.of(column)).reshape(table.rowCount());
  }

  private static double parse(String table, int row, String column, String cell) {
    try {
      return Double.parseDouble(cell.trim());
    } catch (NumberFormatException | NullPointerException e) {
      throw new IllegalArgumentException(
          table + ": row " + (row + 1) + ", column '" + column + "' holds '" + cell
              + "', which is not a number", e);
    }
  }
}
