package org.nodelab.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.nodelab.data.Dataset;
import org.nodelab.data.Mnist;
import org.nodelab.model.ConvField;
import org.nodelab.model.ImageModels;
import org.nodelab.model.NeuralOde;
import org.nodelab.model.OdeSpec;
import org.nodelab.ode.GradientMethod;
import org.nodelab.ode.Solvers;
import org.nodelab.tensor.Tensor;
import org.nodelab.train.Losses;
import org.nodelab.train.Optimizer;
import org.nodelab.train.Sgd;

/**
 * The neural-ODE paper's MNIST ODE-Net as torchdiffeq's {@code odenet_mnist.py} builds it: conv
 * 1→C 3×3, GroupNorm, ReLU, conv C→C 4×4 stride 2, GroupNorm, ReLU, conv C→C 4×4 stride 2; an ODE
 * block whose field is GroupNorm-ReLU-ConcatConv-GroupNorm-ReLU-ConcatConv-GroupNorm, dopri5 at
 * rtol = atol = 1e-3 to T = 1; GroupNorm, ReLU, global average pooling, Linear C→10; cross-entropy,
 * SGD at lr 0.1 with momentum 0.9, batches of 128 from the first 8,000 shipped digits. Prints the
 * arithmetic rate of the convolutions against a plain matrix product of the same size, then one JSON
 * line. Run: {@code ./nodelab bench mnist [--iterations N] [--channels C] [--threads N] [--gradients
 * direct|adjoint]}; for a training run {@code --crop P} (random crops of padding P, as torchdiffeq's
 * {@code RandomCrop(28, padding=4)}), {@code --lr-drop I} (a tenth of the learning rate from iteration I on), {@code --lr R} (the
 * learning rate, default 0.1), {@code --load FILE} (start from saved parameters), {@code
 * --checkpoint K} (save and print the held-out accuracy every K iterations) and {@code --save FILE}
 * (the trained parameters, read back by {@link org.nodelab.nn.ParameterFile#load}).
 */
public final class MnistBenchmark {
  private static final int WARMUP = 5;

  private MnistBenchmark() {}

  /** Trains, evaluates on the 2,000 held-out digits, prints the numbers. */
  public static void main(String[] args) {
    int iterations = 40;
    int channels = 64;
    int batchSize = 128;
    GradientMethod gradients = GradientMethod.DIRECT;
    java.nio.file.Path save = null;
    java.nio.file.Path load = null;
    double lr = 0.1;
    int crop = 0;
    int lrDrop = Integer.MAX_VALUE;
    int checkpoint = Integer.MAX_VALUE;
    for (int i = 0; i < args.length; i += 2) {
      String value = i + 1 < args.length ? args[i + 1] : "";
      switch (args[i]) {
        case "--iterations" -> iterations = positive(args[i], value);
        case "--channels" -> channels = positive(args[i], value);
        case "--batch" -> batchSize = positive(args[i], value);
        case "--threads" -> Tensor.threads(positive(args[i], value));
        case "--save" -> save = java.nio.file.Path.of(value);
        case "--load" -> load = java.nio.file.Path.of(value);
        case "--lr" -> lr = positiveReal(args[i], value);
        case "--crop" -> crop = positive(args[i], value);
        case "--lr-drop" -> lrDrop = positive(args[i], value);
        case "--checkpoint" -> checkpoint = positive(args[i], value);
        case "--gradients" -> gradients = switch (value) {
          case "direct" -> GradientMethod.DIRECT;
          case "adjoint" -> org.nodelab.ode.Adjoint.defaults();
          default -> usage("--gradients takes direct or adjoint, got '" + value + "'");
        };
        default -> usage("unknown option " + args[i]);
      }
    }
    Dataset.Split data = Mnist.load();
    NeuralOde model = ImageModels.ode(new ConvField(channels, 2)).from(ImageModels.downsampling(channels, 1))
        .to(ImageModels.head(channels, 10, 3)).solve(Solvers.rk45().rtol(1e-3).atol(1e-3)).gradients(gradients).until(1);
    if (load != null) {
      org.nodelab.nn.ParameterFile.load(model, load);
    }
    Optimizer sgd = Sgd.of(lr).momentum(0.9).on(model.parameters());
    long started = System.nanoTime();
    List<Dataset> batches = new ArrayList<>();
    double[] millis = new double[iterations];
    double[] cpuMillis = new double[iterations];
    long nfeForward = 0;
    long nfeBackward = 0;
    for (int it = 0; it < iterations; it++) {
      if (batches.isEmpty()) {
        batches.addAll(data.train().batches(batchSize, 100 + it));
      }
      Dataset batch = batches.remove(0);
      if (it == lrDrop) {
        Optimizer slower = Sgd.of(lr / 10).momentum(0.9).on(model.parameters());
        slower.loadState(sgd.state());
        sgd = slower;
      }
      long start = System.nanoTime();
      long cpuStart = processCpuNanos();
      sgd.zeroGrad();
      Tensor images = crop == 0 ? batch.x() : Mnist.randomCrop(batch.x(), crop, 7_000 + it);
      Tensor loss = Losses.crossEntropy(model.apply(images), batch.y());
      loss.backward();
      sgd.step();
      millis[it] = (System.nanoTime() - start) / 1e6;
      cpuMillis[it] = (processCpuNanos() - cpuStart) / 1e6;
      nfeForward += model.forwardEvaluations();
      nfeBackward += model.backwardEvaluations();
      System.err.printf(Locale.ROOT, "iteration %d: loss %.4f, %.0f ms, evaluations %d forward %d backward%n", it + 1,
          loss.item(), millis[it], model.forwardEvaluations(), model.backwardEvaluations());
      if ((it + 1) % checkpoint == 0 && it + 1 < iterations) {
        if (save != null) {
          org.nodelab.nn.ParameterFile.save(model, save);
        }
        System.err.printf(Locale.ROOT, "after %d iterations (%.0f s): held-out accuracy %.4f%n", it + 1,
            (System.nanoTime() - started) / 1e9, accuracy(model, data.test()));
      }
    }
    if (save != null) {
      org.nodelab.nn.ParameterFile.save(model, save);
    }
    System.err.printf(Locale.ROOT, "trained %d iterations in %.0f s%n", iterations, (System.nanoTime() - started) / 1e9);
    double accuracy = accuracy(model, data.test());
    double[] timed = Arrays.copyOfRange(millis, Math.min(WARMUP, iterations - 1), iterations);
    Arrays.sort(timed);
    double[] cpuTimed = Arrays.copyOfRange(cpuMillis, Math.min(WARMUP, iterations - 1), iterations);
    Arrays.sort(cpuTimed);
    printRates(channels, batchSize);
    System.out.printf(Locale.ROOT, "{\"ms_per_iteration_median\": %.1f, \"cpu_ms_per_iteration_median\": %.1f, "
        + "\"nfe_forward_mean\": %.2f, "
        + "\"nfe_backward_mean\": %.2f, \"heldout_accuracy\": %.4f, \"parameters\": %d, \"threads\": %d, "
        + "\"channels\": %d, \"iterations\": %d, \"gradients\": \"%s\"}%n",
        timed[timed.length / 2], cpuTimed[cpuTimed.length / 2], (double) nfeForward / iterations, (double) nfeBackward / iterations, accuracy,
        model.parameterCount(), Tensor.threads(), channels, iterations, gradients == GradientMethod.DIRECT ? "direct" : "adjoint");
  }

  /** Share of {@code test} whose largest logit is the label, in batches of 500 without a tape. */
  static double accuracy(org.nodelab.nn.Module model, Dataset test) {
    try (var off = Tensor.noGrad()) {
      int right = 0;
      for (int from = 0; from < test.size(); from += 500) {
        int to = Math.min(test.size(), from + 500);
        Tensor predicted = model.apply(test.x().slice(0, from, to)).argmax(1);
        double[] p = predicted.toArray();
        double[] y = test.y().slice(0, from, to).toArray();
        for (int i = 0; i < p.length; i++) {
          right += p[i] == y[i] ? 1 : 0;
        }
      }
      return (double) right / test.size();
    }
  }

  /**
   * The ODE block's convolution ([128, C, 6, 6] by [C, C, 3, 3], Winograd) and the downsampling's
   * larger one ([128, C, 26, 26] by [C, C, 4, 4], stride 2) forward and backward, in the direct
   * convolution's flops, against the packed product's own rate on the matrices of the same
   * multiply-adds ([C, 9C]·[9C, 128·36] and [C, 16C]·[16C, 128·169]) and the row kernels' on the first.
   */
  private static void printRates(int channels, int batch) {
    Tensor x = Tensor.randn(1, batch, channels, 6, 6).requiresGrad();
    Tensor w = Tensor.randn(2, channels, channels, 3, 3).requiresGrad();
    Tensor b = Tensor.randn(3, channels);
    Tensor seed = Tensor.randn(4, batch, channels, 6, 6);
    double flops = 2.0 * channels * 9 * channels * batch * 36;
    double forward = best(() -> Tensor.noGrad(() -> x.conv2d(w, b, 1, 1)));
    double both = best(() -> {
      x.conv2d(w, b, 1, 1).backward(seed);
      return null;
    });
    Tensor a = Tensor.randn(5, channels, 9 * channels);
    Tensor m = Tensor.randn(6, 9 * channels, batch * 36);
    double rows = flops / best(() -> Tensor.noGrad(() -> a.matmul(m))) / 1e9;
    double packed = org.nodelab.tensor.PackedProductRate.gflops(channels, 9 * channels, batch * 36, 10);
    System.out.printf(Locale.ROOT, "conv2d [%d, %d, 6, 6] * [%d, %d, 3, 3] (Winograd; rates in the direct "
        + "convolution's flops): forward %.2f GFLOP/s, forward+backward %.2f GFLOP/s; packed product [%d, %d]x[%d, %d]:"
        + " %.2f GFLOP/s (row kernels %.2f)%n", batch, channels, channels, channels, flops / forward / 1e9,
        3 * flops / both / 1e9, channels, 9 * channels, 9 * channels, batch * 36, packed, rows);
    Tensor x2 = Tensor.randn(7, batch, channels, 26, 26).requiresGrad();
    Tensor w2 = Tensor.randn(8, channels, channels, 4, 4).requiresGrad();
    Tensor seed2 = Tensor.randn(9, batch, channels, 13, 13);
    double flops2 = 2.0 * channels * 16 * channels * batch * 169;
    double forward2 = best(() -> Tensor.noGrad(() -> x2.conv2d(w2, null, 2, 1)));
    double both2 = best(() -> {
      x2.conv2d(w2, null, 2, 1).backward(seed2);
      return null;
    });
    double packed2 = org.nodelab.tensor.PackedProductRate.gflops(channels, 16 * channels, batch * 169, 10);
    System.out.printf(Locale.ROOT, "conv2d [%d, %d, 26, 26] * [%d, %d, 4, 4] stride 2 (Winograd F(7×7, 2×2) over "
        + "the four phases): forward %.2f GFLOP/s, forward+backward %.2f GFLOP/s; packed product [%d, %d]x[%d, %d]: "
        + "%.2f GFLOP/s%n", batch, channels, channels, channels, flops2 / forward2 / 1e9, 3 * flops2 / both2 / 1e9,
        channels, 16 * channels, 16 * channels, batch * 169, packed2);
  }

  /** CPU time of the whole process (all threads, the JIT and the collector included). */
  private static long processCpuNanos() {
    var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    return os instanceof com.sun.management.OperatingSystemMXBean bean ? bean.getProcessCpuTime() : 0;
  }

  private static double best(java.util.function.Supplier<Object> body) {
    double best = Double.MAX_VALUE;
    for (int r = 0; r < 15; r++) {
      long start = System.nanoTime();
      body.get();
      best = Math.min(best, (System.nanoTime() - start) / 1e9);
    }
    return best;
  }

  private static int positive(String option, String value) {
    if (!value.matches("[1-9][0-9]*")) {
      usage(option + " takes a positive integer, got '" + value + "'");
    }
    return Integer.parseInt(value);
  }

  private static double positiveReal(String option, String value) {
    try {
      double v = Double.parseDouble(value);
      if (v > 0 && Double.isFinite(v)) {
        return v;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    return usage(option + " takes a positive number, got '" + value + "'");
  }

  private static <T> T usage(String problem) {
    System.err.println(problem);
    System.err.println("usage: ./nodelab bench mnist [--iterations N] [--channels C] [--threads N] "
        + "[--gradients direct|adjoint] [--batch B] [--crop PADDING] [--lr-drop ITERATION] [--save FILE] [--checkpoint K] "
        + "[--load FILE] [--lr RATE]");
    System.exit(2);
    return null;
  }
}
