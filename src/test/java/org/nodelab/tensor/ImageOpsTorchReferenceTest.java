package org.nodelab.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Convolution, pooling and group normalisation against PyTorch 1.13 in float64: values and the
 * gradients of {@code Σ y·seed} for every input, stored in {@code torch/images_reference.json} by
 * {@code torch/images_reference.py}; absolute tolerance 1e-10.
 */
class ImageOpsTorchReferenceTest {
  private static final double TOL = 1e-10;

  static Stream<JsonObject> cases() throws Exception {
    try (var in = ImageOpsTorchReferenceTest.class.getResourceAsStream("/torch/images_reference.json")) {
      JsonObject root = JsonParser.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8)).getAsJsonObject();
      List<JsonObject> cases = new ArrayList<>();
      root.getAsJsonArray("cases").forEach(c -> cases.add(c.getAsJsonObject()));
      return cases.stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void matchesPyTorch(JsonObject c) {
    List<Tensor> inputs = new ArrayList<>();
    for (JsonElement e : c.getAsJsonArray("inputs")) {
      JsonObject t = e.getAsJsonObject();
      inputs.add(Tensor.of(values(t.getAsJsonArray("values")), ints(t.getAsJsonArray("shape"))).requiresGrad());
    }
    Tensor y = apply(c, inputs);
    JsonObject expected = c.getAsJsonObject("output");
    assertArrayEquals(ints(expected.getAsJsonArray("shape")), y.shape(), "shape");
    assertArrayEquals(values(expected.getAsJsonArray("values")), y.toArray(), TOL, "values");
    y.mul(Tensor.of(values(c.getAsJsonArray("seed")), y.shape())).sum().backward();
    JsonArray grads = c.getAsJsonArray("gradients");
    assertEquals(inputs.size(), grads.size());
    for (int i = 0; i < inputs.size(); i++) {
      assertArrayEquals(values(grads.get(i).getAsJsonArray()), inputs.get(i).grad().toArray(), TOL,
          "gradient of input " + i);
    }
  }

  private static Tensor apply(JsonObject c, List<Tensor> in) {
    String op = c.get("op").getAsString();
    return switch (op) {
      case "conv2d" -> in.get(0).conv2d(in.get(1), in.size() > 2 ? in.get(2) : null,
          c.get("stride").getAsInt(), c.get("padding").getAsInt());
      case "avgPool2d" -> in.get(0).avgPool2d(c.get("kernel").getAsInt(), c.get("stride").getAsInt());
      case "maxPool2d" -> in.get(0).maxPool2d(c.get("kernel").getAsInt(), c.get("stride").getAsInt());
      case "globalAvgPool" -> in.get(0).globalAvgPool();
      case "groupNorm" -> in.get(0).groupNorm(c.get("groups").getAsInt(), in.get(1), in.get(2), 1e-5);
      default -> throw new IllegalArgumentException("unknown op " + op);
    };
  }

  private static double[] values(JsonArray a) {
    double[] v = new double[a.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = a.get(i).getAsDouble();
    }
    return v;
  }

  private static int[] ints(JsonArray a) {
    int[] v = new int[a.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = a.get(i).getAsInt();
    }
    return v;
  }
}
