package org.nodelab.nn;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nodelab.io.AtomicFile;
import org.nodelab.tensor.Tensor;

/**
 * A small binary file of named tensors (magic {@code NODELAB1}, then per entry: name, rank, dims,
 * big-endian doubles). Writes go to a temporary file in the same directory that is then moved over
 * the target, so a crash never leaves a half-written file under the real name.
 */
public final class TensorFile {
  private static final long MAGIC = 0x4E4F44454C414231L; // "NODELAB1"
  private static final int MAX_RANK = 32;

  private TensorFile() {}

  /**
   * Writes {@code tensors} to {@code file} atomically (temporary file, then move).
   *
   * @param file the file to write; replaced if it exists
   * @param tensors the tensors by name, written in the map's order
   */
  public static void write(Path file, Map<String, Tensor> tensors) {
    AtomicFile.write(file, stream -> {
      DataOutputStream out = new DataOutputStream(stream);
      out.writeLong(MAGIC);
      out.writeInt(tensors.size());
      for (var e : tensors.entrySet()) {
        writeEntry(out, e.getKey(), e.getValue());
      }
      out.flush();
    });
  }

  private static void writeEntry(DataOutputStream out, String name, Tensor t) throws IOException {
    out.writeUTF(name);
    int[] shape = t.shape();
    out.writeInt(shape.length);
    for (int d : shape) {
      out.writeInt(d);
    }
    for (double v : t.toArray()) {
      out.writeDouble(v);
    }
  }

  /**
   * Reads every tensor of {@code file}, in the order written.
   *
   * @param file a file written by {@link #write}
   * @return the tensors by name, in the order written
   * @throws IllegalArgumentException if the file is not a tensor file or is truncated (naming the
   *     entry being read)
   */
  public static Map<String, Tensor> read(Path file) {
    try (var in = Files.newInputStream(file)) {
      return read(in, file.toString(), Files.size(file));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read tensors from " + file, e);
    }
  }

  /**
   * Reads every tensor of a tensor file's bytes from {@code stream} (e.g. a class-path resource), in
   * the order written; {@code source} names it in error messages. The stream is not closed.
   *
   * @param stream the bytes of a tensor file
   * @param source names the bytes in error messages
   * @return the tensors by name, in the order written
   * @throws IllegalArgumentException if the bytes are not a tensor file or are truncated
   */
  public static Map<String, Tensor> read(InputStream stream, String source) {
    return read(stream, source, Long.MAX_VALUE);
  }

  /** {@link #read(InputStream, String)} of a source known to hold {@code bytes} bytes, so a truncated size is caught before allocating. */
  private static Map<String, Tensor> read(InputStream stream, String source, long bytes) {
    Map<String, Tensor> tensors = new LinkedHashMap<>();
    String reading = "the header";
    try {
      var in = new DataInputStream(new BufferedInputStream(stream));
      if (in.readLong() != MAGIC) {
        throw new IllegalArgumentException(source + " is not a nodelab tensor file (bad magic number)");
      }
      int count = in.readInt();
      for (int i = 0; i < count; i++) {
        reading = "entry " + i;
        String name = in.readUTF();
        reading = "parameter '" + name + "'";
        tensors.put(name, readTensor(in, source, name, bytes));
      }
    } catch (EOFException e) {
      throw new IllegalArgumentException(
          source + " is truncated: it ended while reading " + reading, e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read tensors from " + source, e);
    }
    return tensors;
  }

  private static Tensor readTensor(DataInputStream in, String file, String name, long fileBytes) throws IOException {
    int rank = in.readInt();
    if (rank < 0 || rank > MAX_RANK) {
      throw new IllegalArgumentException(
          file + ": parameter '" + name + "' has an invalid rank " + rank + " (file corrupt?)");
    }
    int[] shape = new int[rank];
    long size = 1;
    for (int d = 0; d < rank; d++) {
      shape[d] = in.readInt();
      size *= shape[d];
      if (shape[d] < 0 || size > Integer.MAX_VALUE) {
        throw new IllegalArgumentException(
            file + ": parameter '" + name + "' has an invalid dimension " + shape[d]);
      }
    }
    if (size * Double.BYTES > fileBytes) {
      throw new IllegalArgumentException(file + " is truncated or corrupt: parameter '" + name + "' declares " + size
          + " values, more than the file's " + fileBytes + " bytes hold");
    }
    double[] data = new double[(int) size];
    for (int k = 0; k < data.length; k++) {
      data[k] = in.readDouble();
    }
    return Tensor.of(data, shape);
  }
}
