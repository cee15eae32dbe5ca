package org.nodelab.bench;

import java.util.concurrent.TimeUnit;
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
 * The MNIST ODE-Net's convolutions on one thread at batch 128 with C channels: the ODE block's
 * time-aware 3×3 convolution ([128, C+1, 6, 6] to [128, C, 6, 6], Winograd F(6×6, 3×3)), the
 * downsampling's 4×4 stride-2 convolution ([128, C, 13, 13] to [128, C, 6, 6], image-to-column and
 * the packed product), each forward and forward plus backward, and the matrix product of the 3×3
 * convolution's multiply-adds ([C, 9(C+1)]·[9(C+1), 128·36]) on the row kernels. GFLOP/s = {@code
 * 2·C·9(C+1)·4608 / time} for the 3×3 case (three times that with the backward pass).
 *
 * <p>Run: {@code ./nodelab bench jmh ConvolutionBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 12, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ConvolutionBenchmark {
  /** Channels of the feature maps. */
  @Param({"64"})
  public int channels;

  private Tensor x;
  private Tensor w;
  private Tensor b;
  private Tensor seed;
  private Tensor x2;
  private Tensor w2;
  private Tensor a;
  private Tensor m;

  /** Seeded inputs, one thread. */
  @Setup
  public void setUp() {
    Tensor.threads(1);
    x = Tensor.randn(1, 128, channels + 1, 6, 6).requiresGrad();
    w = Tensor.randn(2, channels, channels + 1, 3, 3).requiresGrad();
    b = Tensor.randn(3, channels).requiresGrad();
    seed = Tensor.randn(4, 128, channels, 6, 6);
    x2 = Tensor.randn(5, 128, channels, 13, 13).requiresGrad();
    w2 = Tensor.randn(6, channels, channels, 4, 4).requiresGrad();
    a = Tensor.randn(7, channels, 9 * (channels + 1));
    m = Tensor.randn(8, 9 * (channels + 1), 128 * 36);
  }

  /** The ODE block's 3×3 convolution, forward only. */
  @Benchmark
  public Tensor conv3x3Forward() {
    return Tensor.noGrad(() -> x.conv2d(w, b, 1, 1));
  }

  /** The ODE block's 3×3 convolution, forward and backward (input, weight and bias gradients). */
  @Benchmark
  public Tensor conv3x3ForwardBackward() {
    Tensor y = x.conv2d(w, b, 1, 1);
    y.backward(seed);
    return y;
  }

  /** The downsampling's 4×4 stride-2 convolution, forward only. */
  @Benchmark
  public Tensor conv4x4Stride2Forward() {
    return Tensor.noGrad(() -> x2.conv2d(w2, null, 2, 1));
  }

  /** The downsampling's 4×4 stride-2 convolution, forward and backward. */
  @Benchmark
  public Tensor conv4x4Stride2ForwardBackward() {
    Tensor y = x2.conv2d(w2, null, 2, 1);
    y.backward(seed);
    return y;
  }

  /** The 3×3 convolution's multiply-adds as one matrix product on the row kernels. */
  @Benchmark
  public Tensor matmulOfTheSameWork() {
    return Tensor.noGrad(() -> a.matmul(m));
  }
}
