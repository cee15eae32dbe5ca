package org.nodelab.bench;

import java.util.concurrent.TimeUnit;
import org.nodelab.tensor.Activation;
import org.nodelab.tensor.Tensor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Kernels on 1000 elements (a 2-50-2 MLP's hidden layer on a batch of 20): the tensor {@code tanh}
 * against {@code Math.tanh}; and the reference a matrix kernel is measured against, a plain
 * vectorised multiply-add loop ({@code y += a·x}, 2 flops per element) on L1-resident arrays.
 *
 * <p>Run: {@code ./nodelab bench jmh TensorKernelBenchmark}; divide by 1000 for ns per element.
 *
 * <p>Twelve one-second warm-up iterations: the Vector API kernels take over from the plain loops
 * only after their background warm-up, which takes a few seconds on a small machine.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 12, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class TensorKernelBenchmark {
  private Tensor x;
  private double[] raw;
  private double[] out;
  private double[] a;
  private double[] b;

  /** Seeded inputs. */
  @Setup
  public void setUp() {
    x = Tensor.randn(1, 1000).mul(2);
    raw = x.toArray();
    out = new double[1000];
    a = Tensor.randn(2, 4096).toArray();
    b = Tensor.randn(3, 4096).toArray();
  }

  /** {@code Tensor.tanh} on 1000 elements (allocates its result). */
  @Benchmark
  public Tensor tensorTanh() {
    return x.tanh();
  }

  /** {@code Math.tanh} on 1000 elements into a preallocated array. */
  @Benchmark
  public double[] mathTanh() {
    for (int i = 0; i < raw.length; i++) {
      out[i] = Math.tanh(raw[i]);
    }
    return out;
  }

  /** The fused affine + tanh of a 2→50 layer on a batch of 20 (no tape). */
  @Benchmark
  public Tensor affineTanhNoGrad() {
    return Tensor.noGrad(() -> x.reshape(500, 2).slice(0, 0, 20).affine(W, B, Activation.TANH));
  }

  private static final Tensor W = Tensor.randn(4, 2, 50);
  private static final Tensor B = Tensor.randn(5, 50);

  /** {@code b += 1.0001·a} over 4096 doubles (8192 flops): the vectorised-loop reference. */
  @Benchmark
  public double[] axpy4096() {
    double s = 1.0001;
    for (int i = 0; i < a.length; i++) {
      b[i] += s * a[i];
    }
    return b;
  }
}
