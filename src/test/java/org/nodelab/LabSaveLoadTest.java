package org.nodelab;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nodelab.Lab.*;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nodelab.nn.LoadReport;
import org.nodelab.nn.Module;
import org.nodelab.tensor.Tensor;

/** {@code model.save(path)} and {@code model.load(path)} for every kind of model the DSL builds. */
class LabSaveLoadTest {
  @TempDir Path dir;

  /** Saves a model built with seed 1, loads it into one built with seed 2 and compares outputs bit for bit. */
  private void roundTrip(String kind, Supplier<Module> build, Tensor x) {
    seed(1);
    Module saved = build.get();
    seed(2);
    Module fresh = build.get();
    Path file = dir.resolve(kind + ".bin");
    saved.save(file.toString());
    double[] before = fresh.apply(x).toArray();
    double[] expected = saved.apply(x).toArray();
    assertFalse(java.util.Arrays.equals(before, expected), kind + ": the two seeds give different models");
    seed(2);
    Module loaded = build.get();
    loaded.load(file);
    assertArrayEquals(expected, loaded.apply(x).toArray(), 0.0, kind);
  }

  private static long tensorSeed;

  /** Resets the layers' generator and the seeds of the lambda fields' tensors. */
  private static void seed(long s) {
    Lab.seed(s);
    tensorSeed = 1000 * s;
  }

  private static long nextTensorSeed() {
    return tensorSeed++;
  }

  /** A lambda field closing over two tensors drawn from the test's next seeds. */
  private static org.nodelab.ode.VectorField lambdaField() {
    Tensor w1 = Tensor.randn(nextTensorSeed(), 2, 6).mul(0.5).detach().requiresGrad();
    Tensor w2 = Tensor.randn(nextTensorSeed(), 6, 2).mul(0.5).detach().requiresGrad();
    return (t, h) -> h.matmul(w1).tanh().matmul(w2);
  }

  @Test
  void everyKindOfModelRoundTripsThroughAFileWithoutAThrowawayCall() {
    Tensor x2 = Tensor.randn(7, 5, 2);
    roundTrip("linear", () -> linear(2, 3), x2);
    roundTrip("mlp", () -> mlp(2, 8, 2), x2);
    roundTrip("resnet", () -> resnet(3, () -> mlp(2, 4, 2)), x2);
    roundTrip("ode-module", () -> ode(mlp(2, 8, 2)).from(linear(2, 2)).to(linear(2, 3)).solve(rk4.step(0.25))
        .until(1.0), x2);
    roundTrip("ode-augmented", () -> ode(mlp(4, 8, 4)).augment(2).to(linear(4, 1)).solve(rk4.step(0.25)).until(1.0), x2);
    roundTrip("ode-lambda", () -> ode(lambdaField()).solve(rk4.step(0.25)).until(1.0), x2);
    roundTrip("ode-lambda-from-to", () -> ode(lambdaField()).from(linear(3, 2)).to(linear(2, 1)).solve(rk4.step(0.25))
        .until(1.0), Tensor.randn(8, 5, 3));
    roundTrip("trajectory-lambda", () -> ode(lambdaField()).solve(rk4.step(0.25)).at(0, 0.5, 1.0), x2);
    roundTrip("conditioned-lambda", () -> {
      Tensor w = Tensor.randn(nextTensorSeed(), 2, 2).detach().requiresGrad();
      return ode((t, x, h) -> h.matmul(w).tanh().add(x)).solve(rk4.step(0.25)).until(1.0);
    }, x2);
    roundTrip("odenet-images", () -> sequential(downsampling(2), ode(convField(2)).solve(rk4.step(0.5)).until(1.0),
        head(2)), Tensor.randn(9, 2, 1, 28, 28));
  }

  @Test
  void aFreshLambdaFieldModelKnowsItsParametersAfterLoading() {
    seed(1);
    var saved = ode(lambdaField()).until(1.0);
    saved.apply(Tensor.randn(3, 2, 2));
    Path file = dir.resolve("lambda.bin");
    saved.save(file);
    seed(2);
    var fresh = ode(lambdaField()).until(1.0);
    assertFalse(fresh.parametersKnown());
    fresh.load(file);
    assertEquals(List.of("f.theta.0", "f.theta.1"), List.copyOf(fresh.namedParameters().keySet()));
    assertArrayEquals(saved.parameters().get(1).value().toArray(), fresh.parameters().get(1).value().toArray(), 0.0);
  }

  @Test
  void strictLoadingNamesExtraAndMissingEntriesAndStrictFalseAllowsThem() {
    Path file = dir.resolve("mlp.bin");
    seed(1);
    mlp(2, 8, 8, 2).save(file);
    seed(2);
    var smaller = mlp(2, 8, 2);
    var e = assertThrows(IllegalArgumentException.class, () -> smaller.load(file));
    assertTrue(e.getMessage().contains("holds '2.weight', '2.bias', which the model does not have")
        && e.getMessage().contains("'1.weight' has shape [8, 2] in the model but [8, 8]"), e.getMessage());
    var e2 = assertThrows(IllegalArgumentException.class, () -> smaller.load(file, strict(false)));
    assertTrue(e2.getMessage().contains("'1.weight'") && e2.getMessage().contains("[8, 8]"), e2.getMessage());

    Path part = dir.resolve("part.bin");
    seed(3);
    var source = linear(2, 8);
    org.nodelab.nn.TensorFile.write(part, java.util.Map.of("0.weight", source.weight(), "0.bias", source.bias(),
        "extra", Tensor.ones(3)));
    seed(2);
    var target = mlp(2, 8, 2);
    double[] kept = target.parameters().get(2).value().toArray();
    var e3 = assertThrows(IllegalArgumentException.class, () -> target.load(part));
    assertTrue(e3.getMessage().contains("no parameter '1.weight', '1.bias'") && e3.getMessage().contains("'extra'")
        && e3.getMessage().contains("strict(false)"), e3.getMessage());
    LoadReport report = target.load(part.toString(), strict(false));
    assertEquals(List.of("1.weight", "1.bias"), report.missing());
    assertEquals(List.of("extra"), report.unexpected());
    assertArrayEquals(source.weight().toArray(), target.parameters().get(0).value().toArray(), 0.0);
    assertArrayEquals(kept, target.parameters().get(2).value().toArray(), 0.0, "a missing parameter keeps its value");
  }
}
