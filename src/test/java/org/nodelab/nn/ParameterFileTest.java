package org.nodelab.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nodelab.tensor.Activation;
import org.nodelab.tensor.Tensor;

class ParameterFileTest {
  @TempDir Path dir;

  @Test
  void savedParametersLoadIntoAFreshModelBitForBit() {
    Mlp trained = new Mlp(Activation.TANH, 1, 2, 5, 2);
    Mlp fresh = new Mlp(Activation.TANH, 2, 2, 5, 2);
    Path file = dir.resolve("model.bin");
    ParameterFile.save(trained, file);
    ParameterFile.load(fresh, file);
    Tensor x = Tensor.randn(4, 3, 2);
    assertArrayEquals(trained.apply(x).toArray(), fresh.apply(x).toArray(), 0.0);
  }

  @Test
  void writingLeavesNoTemporaryFileBehindAndReplacesTheOldFile() throws IOException {
    Path file = dir.resolve("m.bin");
    ParameterFile.save(new Linear(2, 2, 1), file);
    ParameterFile.save(new Linear(2, 2, 2), file);
    try (var files = Files.list(dir)) {
      assertArrayEquals(new Object[] {file}, files.toArray());
    }
    Linear loaded = new Linear(2, 2, 3);
    ParameterFile.load(loaded, file);
    assertArrayEquals(new Linear(2, 2, 2).weight().toArray(), loaded.weight().toArray(), 0.0);
  }

  @Test
  void truncatedFileNamesTheParameterBeingRead() throws IOException {
    Path file = dir.resolve("t.bin");
    ParameterFile.save(new Mlp(Activation.TANH, 1, 2, 5, 2), file);
    byte[] bytes = Files.readAllBytes(file);
    Files.write(file, Arrays.copyOf(bytes, bytes.length - 20));
    var e = assertThrows(IllegalArgumentException.class, () -> ParameterFile.load(new Mlp(Activation.TANH, 1, 2, 5, 2), file));
    assertTrue(e.getMessage().contains("truncated") && e.getMessage().contains("'1.bias'"), e.getMessage());
  }

  @Test
  void missingParameterIsNamed() {
    Path file = dir.resolve("l.bin");
    TensorFile.write(file, Map.of("weight", Tensor.ones(2, 2)));
    var e = assertThrows(IllegalArgumentException.class, () -> ParameterFile.load(new Linear(2, 2, 0), file));
    assertTrue(e.getMessage().contains("no parameter 'bias'"), e.getMessage());
  }

  @Test
  void wrongShapeNamesTheParameterAndBothShapes() {
    Path file = dir.resolve("s.bin");
    ParameterFile.save(new Linear(3, 2, 0), file);
    Linear target = new Linear(2, 2, 0);
    double[] before = target.weight().toArray();
    var e = assertThrows(IllegalArgumentException.class, () -> ParameterFile.load(target, file));
    assertTrue(
        e.getMessage().contains("'weight'") && e.getMessage().contains("[2, 2]") && e.getMessage().contains("[3, 2]"),
        e.getMessage());
    assertArrayEquals(before, target.weight().toArray(), 0.0);
  }

  @Test
  void aFileThatIsNotATensorFileIsRejected() throws IOException {
    Path file = dir.resolve("x.bin");
    Files.writeString(file, "definitely not tensors");
    var e = assertThrows(IllegalArgumentException.class, () -> TensorFile.read(file));
    assertTrue(e.getMessage().contains("not a nodelab tensor file"), e.getMessage());
  }

  @Test
  void tensorFileKeepsShapesNamesAndOrder() {
    Path file = dir.resolve("named.bin");
    TensorFile.write(file, new java.util.LinkedHashMap<>(Map.of("s", Tensor.scalar(2.5))));
    Map<String, Tensor> back = TensorFile.read(file);
    assertArrayEquals(new int[0], back.get("s").shape());
    assertArrayEquals(new double[] {2.5}, back.get("s").toArray(), 0.0);
  }
}
