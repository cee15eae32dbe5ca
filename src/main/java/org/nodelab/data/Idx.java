package org.nodelab.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.nodelab.tensor.Tensor;

/**
 * Reader of the IDX format of LeCun's MNIST files (gzip or plain): a big-endian header {@code 0, 0,
 * type, rank}, {@code rank} 32-bit sizes, then the values row-major. All six element types are
 * read: unsigned byte (0x08), signed byte (0x09), short (0x0B), int (0x0C), float (0x0D), double
 * (0x0E).
 */
public final class Idx {
  private Idx() {}

  /**
   * The tensor stored in an IDX file, {@code .gz} files decompressed.
   *
   * @param file the IDX file, {@code .gz} or plain
   * @return the tensor, in the file's shape
   */
  public static Tensor read(Path file) {
    try (InputStream raw = Files.newInputStream(file)) {
      return read(file.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw, file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read IDX file " + file, e);
    }
  }

  /**
   * The tensor stored in an IDX stream (already decompressed); {@code name} appears in errors.
   *
   * @param stream the IDX bytes; not closed
   * @param name names the stream in errors
   * @return the tensor, in the stream's shape
   * @throws IOException if the stream cannot be read
   */
  public static Tensor read(InputStream stream, String name) throws IOException {
    DataInputStream in = new DataInputStream(new BufferedInputStream(stream, 1 << 16));
    int magic;
    try {
      magic = in.readInt();
    } catch (EOFException e) {
      throw new IllegalArgumentException(name + ": empty or shorter than the 4-byte IDX magic number");
    }
    int type = (magic >>> 8) & 0xFF;
    int rank = magic & 0xFF;
    if ((magic >>> 16) != 0 || width(type) == 0 || rank == 0) {
      throw new IllegalArgumentException(String.format(
          "%s: bad IDX magic number 0x%08X (expected 0x0000TTRR with type TT in 08,09,0B,0C,0D,0E and rank RR >= 1)",
          name, magic));
    }
    int[] shape = new int[rank];
    long size = 1;
    for (int i = 0; i < rank; i++) {
      try {
        shape[i] = in.readInt();
      } catch (EOFException e) {
        throw new IllegalArgumentException(name + ": truncated header, " + i + " of " + rank + " sizes present");
      }
      if (shape[i] < 0) {
        throw new IllegalArgumentException(name + ": size " + i + " is negative (" + shape[i] + ")");
      }
      size *= shape[i];
    }
    if (size > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(name + ": " + size + " values do not fit one tensor");
    }
    double[] values = new double[(int) size];
    int i = 0;
    try {
      for (; i < values.length; i++) {
        values[i] = switch (type) {
          case 0x08 -> in.readUnsignedByte();
          case 0x09 -> in.readByte();
          case 0x0B -> in.readShort();
          case 0x0C -> in.readInt();
          case 0x0D -> in.readFloat();
          default -> in.readDouble();
        };
      }
    } catch (EOFException e) {
      throw new IllegalArgumentException(
          name + ": truncated, the header announces " + size + " values but only " + i + " are present");
    }
    return Tensor.sharing(values, shape);
  }

  private static int width(int type) {
    return switch (type) {
      case 0x08, 0x09 -> 1;
      case 0x0B -> 2;
      case 0x0C, 0x0D -> 4;
      case 0x0E -> 8;
      default -> 0;
    };
  }
}
