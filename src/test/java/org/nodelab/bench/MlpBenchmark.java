package org.nodelab.bench;

import java.util.concurrent.TimeUnit;
import org.nodelab.nn.Mlp;
import org.nodelab.tensor.Activation;
import org.nodelab.tensor.Tensor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Forward and forward+backward of a tanh MLP, the typical neural-ODE vector field: {@code
 * small} is 2-50-2 on a batch of 20 (PyTorch 1.13 on this machine kind: 50 µs forward, 145 µs
 * forward+backward), {@code large} is 16-256-16 on a batch of 512. Floating-point work per
 * forward pass is {@code 2·batch·Σ in·out} (multiply-adds counted as two).
 *
 * <p>Run: {@code ./nodelab bench jmh MlpBenchmark}.
 *
 * <p>Twelve one-second warm-up iterations: the Vector API kernels take over from the plain loops
 * only after their background warm-up, which takes a few seconds on a small machine.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 12, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseParallelGC"})
public class MlpBenchmark {
  /** {@code small}: batch 20, 2-50-2. {@code large}: batch 512, 16-256-16. */
  @Param({"small", "large"})
  public String size;

  /** Threads the kernels may use ({@link Tensor#threads(int)}). */
  @Param({"1", "2"})
  public int threads;

  private Mlp mlp;
  private Tensor x;

  /** Builds the model and a seeded input batch. */
  @Setup
  public void setUp() {
    Tensor.threads(threads);
    boolean small = size.equals("small");
    int batch = small ? 20 : 512;
    int dim = small ? 2 : 16;
    int hidden = small ? 50 : 256;
    mlp = new Mlp(Activation.TANH, 0, dim, hidden, dim);
    x = Tensor.randn(1, batch, dim);
  }

  /** Forward pass without a tape (inference, or a solver step under no-grad). */
  @Benchmark
  public Tensor forward() {
    try (var off = Tensor.noGrad()) {
      return mlp.apply(x);
    }
  }

  /** Forward pass recording the tape, then backward from the sum of the outputs. */
  @Benchmark
  public Tensor forwardBackward() {
    mlp.zeroGrad();
    mlp.apply(x).sum().backward();
    return mlp.layers().get(0).weight().grad();
  }
}
