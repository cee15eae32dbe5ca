package org.nodelab.tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A dense, row-major tensor of {@code double}s of any rank, with reverse-mode automatic
 * differentiation. Values never change after construction, except that a leaf may be overwritten
 * by {@link #assign} (optimisers do). Operations on tensors that require a gradient record a tape;
 * {@link #backward()} fills the {@link #grad()} of every leaf that requires one.
 *
 * <pre>{@code
 * jshell> var w = Tensor.of(1, 2, 3).requiresGrad();
 * jshell> w.square().sum().backward();
 * jshell> w.grad()   // Tensor[3] [2.0, 4.0, 6.0]
 * }</pre>
 *
 * Element-wise binary operations broadcast by NumPy's rules; their backward passes sum the
 * gradient over broadcast axes. Arithmetic follows IEEE 754: {@code log(-1)} is NaN, not an error.
 */
public final class Tensor {
  private final double[] data;
  private final int[] shape;
  private boolean requiresGrad;
  private Node node;
  private double[] grad;
  /** The backward walk that last visited this computed tensor, and its place in that walk's order. */
  long walkStamp;
  int walkSlot;

  Tensor(double[] data, int[] shape) {
    this.data = data;
    this.shape = shape;
  }

  // ---------------------------------------------------------------- factories

  /**
   * A 1-D tensor holding a copy of {@code values}.
   *
   * @param values the elements
   * @return a tensor of shape {@code [values.length]}
   */
  public static Tensor of(double... values) {
    return new Tensor(values.clone(), new int[] {values.length});
  }

  /**
   * A 2-D tensor from rectangular rows.
   *
   * @param rows the rows, all of one length
   * @return a tensor of shape {@code [rows.length, rows[0].length]}
   */
  public static Tensor of(double[][] rows) {
    int n = rows.length;
    int m = n == 0 ? 0 : rows[0].length;
    double[] d = new double[n * m];
    for (int i = 0; i < n; i++) {
      if (rows[i].length != m) {
        throw new IllegalArgumentException(
            "rows must all have length " + m + ", but row " + i + " has " + rows[i].length);
      }
      System.arraycopy(rows[i], 0, d, i * m, m);
    }
    return new Tensor(d, new int[] {n, m});
  }

  /**
   * A tensor of the given shape holding a copy of the row-major {@code data}.
   *
   * @param data the values in row-major order, {@code product(shape)} of them
   * @param shape the lengths of the axes
   * @return a tensor of that shape
   */
  public static Tensor of(double[] data, int... shape) {
    int n = Shapes.size(shape);
    if (data.length != n) {
      throw new IllegalArgumentException(
          "shape " + Shapes.str(shape) + " needs " + n + " values, got " + data.length);
    }
    return new Tensor(data.clone(), shape.clone());
  }

  /**
   * A tensor over {@code data} itself, without a copy (as {@code torch.from_numpy}): later writes to
   * {@code data} show in the tensor, so this is for callers that own the array and know when the
   * tensor is no longer read.
   *
   * @param data the values in row-major order, {@code product(shape)} of them; not copied
   * @param shape the lengths of the axes
   * @return a tensor reading {@code data}
   */
  public static Tensor sharing(double[] data, int... shape) {
    int n = Shapes.size(shape);
    if (data.length != n) {
      throw new IllegalArgumentException(
          "shape " + Shapes.str(shape) + " needs " + n + " values, got " + data.length);
    }
    return new Tensor(data, shape.clone());
  }

  /**
   * A rank-0 tensor.
   *
   * @param value the value
   * @return a tensor of shape {@code []}
   */
  public static Tensor scalar(double value) {
    return new Tensor(new double[] {value}, new int[0]);
  }

  /**
   * All zeros.
   *
   * @param shape the lengths of the axes
   * @return a tensor of that shape filled with 0
   */
  public static Tensor zeros(int... shape) {
    return new Tensor(new double[Shapes.size(shape)], shape.clone());
  }

  /**
   * All ones.
   *
   * @param shape the lengths of the axes
   * @return a tensor of that shape filled with 1
   */
  public static Tensor ones(int... shape) {
    return full(1, shape);
  }

  /**
   * Every element equal to {@code value}.
   *
   * @param value the value of every element
   * @param shape the lengths of the axes
   * @return a tensor of that shape
   */
  public static Tensor full(double value, int... shape) {
    double[] d = new double[Shapes.size(shape)];
    Arrays.fill(d, value);
    return new Tensor(d, shape.clone());
  }

  /**
   * The {@code n×n} identity matrix.
   *
   * @param n the number of rows and columns
   * @return the {@code [n, n]} identity
   */
  public static Tensor eye(int n) {
    double[] d = new double[Shapes.size(new int[] {n, n})];
    for (int i = 0; i < n; i++) {
      d[i * n + i] = 1;
    }
    return new Tensor(d, new int[] {n, n});
  }

  /**
   * {@code n} evenly spaced values from {@code start} to {@code end} inclusive (torch.linspace).
   *
   * @param start the first value
   * @param end the last value
   * @param n the number of values, at least 1
   * @return a tensor of shape {@code [n]}
   */
  public static Tensor linspace(double start, double end, int n) {
    if (n < 1) {
      throw new IllegalArgumentException("linspace needs at least 1 point, got " + n);
    }
    double[] d = new double[n];
    double step = n == 1 ? 0 : (end - start) / (n - 1);
    for (int i = 0; i < n; i++) {
      d[i] = start + i * step;
    }
    if (n > 1) {
      d[n - 1] = end;
    }
    return new Tensor(d, new int[] {n});
  }

  /**
   * Standard normal samples from a {@link SplittableRandom} seeded with {@code seed}.
   *
   * @param seed the seed; the same seed gives the same samples
   * @param shape the lengths of the axes
   * @return samples of N(0, 1) in that shape
   */
  public static Tensor randn(long seed, int... shape) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] d = new double[Shapes.size(shape)];
    for (int i = 0; i < d.length; i++) {
      d[i] = random.nextGaussian();
    }
    return new Tensor(d, shape.clone());
  }

  /**
   * Uniform samples on {@code [0, 1)} from a {@link SplittableRandom} seeded with {@code seed}.
   *
   * @param seed the seed; the same seed gives the same samples
   * @param shape the lengths of the axes
   * @return samples of U[0, 1) in that shape
   */
  public static Tensor rand(long seed, int... shape) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] d = new double[Shapes.size(shape)];
    for (int i = 0; i < d.length; i++) {
      d[i] = random.nextDouble();
    }
    return new Tensor(d, shape.clone());
  }

  // ---------------------------------------------------------------- inspection

  /**
   * A copy of the shape.
   *
   * @return the length of each axis, outermost first
   */
  public int[] shape() {
    return shape.clone();
  }

  /**
   * Number of axes.
   *
   * @return 0 for a scalar, 1 for a vector, 2 for a matrix, ...
   */
  public int rank() {
    return shape.length;
  }

  /**
   * Number of elements.
   *
   * @return the product of the axes' lengths
   */
  public int size() {
    return data.length;
  }

  /**
   * Length of {@code axis} (negative counts from the end).
   *
   * @param axis the axis, from 0, or from −1 for the last
   * @return its length
   */
  public int dim(int axis) {
    return shape[Shapes.axis(axis, shape.length, "dim")];
  }

  /**
   * The values, flat and row-major (a copy).
   *
   * @return a new array of {@link #size()} values
   */
  public double[] toArray() {
    return data.clone();
  }

  /**
   * Copies the values, flat and row-major, into {@code dest}, which must hold exactly {@link #size()}.
   *
   * @param dest the array to fill, of length {@link #size()}
   */
  public void copyTo(double[] dest) {
    if (dest.length != data.length) {
      throw new IllegalArgumentException(
          "copyTo needs an array of length " + data.length + " for shape " + Shapes.str(shape) + ", got " + dest.length);
    }
    System.arraycopy(data, 0, dest, 0, data.length);
  }

  /**
   * The flat index of the first NaN or infinite value, or -1 when every value is finite.
   *
   * @return the row-major index of the first non-finite value, or −1
   */
  public int firstNonFinite() {
    for (int i = 0; i < data.length; i++) {
      if (!Double.isFinite(data[i])) {
        return i;
      }
    }
    return -1;
  }

  /**
   * The only value of a one-element tensor.
   *
   * @return the value, as a double
   */
  public double item() {
    if (data.length != 1) {
      throw new IllegalStateException(
          "item() needs a tensor with one element, this one has shape " + Shapes.str(shape));
    }
    return data[0];
  }

  /**
   * The element at {@code index} (one coordinate per axis).
   *
   * @param index one coordinate per axis, each within its axis
   * @return the value there
   */
  public double get(int... index) {
    if (index.length != shape.length) {
      throw new IllegalArgumentException(
          "get needs " + shape.length + " indices for shape " + Shapes.str(shape) + ", got " + index.length);
    }
    int flat = 0;
    for (int i = 0; i < index.length; i++) {
      if (index[i] < 0 || index[i] >= shape[i]) {
        throw new IndexOutOfBoundsException(
            "index " + Arrays.toString(index) + " is outside shape " + Shapes.str(shape));
      }
      flat = flat * shape[i] + index[i];
    }
    return data[flat];
  }

  double[] data() {
    return data;
  }

  int[] shapeRef() {
    return shape;
  }

  @Override
  public String toString() {
    return TensorFormat.format(this);
  }

  // ---------------------------------------------------------------- autodiff

  /**
   * Marks this leaf as needing a gradient; returns {@code this}.
   *
   * @return this tensor, now a leaf whose {@link #grad()} backward passes fill
   */
  public Tensor requiresGrad() {
    if (node != null) {
      throw new IllegalStateException(
          "requiresGrad() applies to leaf tensors; this one was computed by '" + node.op
              + "' (use detach().requiresGrad() for a new leaf)");
    }
    requiresGrad = true;
    return this;
  }

  /**
   * Whether a gradient flows to or through this tensor.
   *
   * @return true for a leaf marked by {@link #requiresGrad()} and for results computed from one on the tape
   */
  public boolean requiresGradient() {
    return requiresGrad;
  }

  /**
   * Whether this tensor was created directly rather than computed by a recorded operation.
   *
   * @return true for leaves (data, parameters), false for taped results
   */
  public boolean isLeaf() {
    return node == null;
  }

  /**
   * The gradient accumulated by backward passes (same shape), or {@code null} before any.
   *
   * @return the accumulated gradient, or {@code null}
   */
  public Tensor grad() {
    return grad == null ? null : new Tensor(grad.clone(), shape.clone());
  }

  /** Forgets the accumulated gradient. */
  public void zeroGrad() {
    grad = null;
  }

  /** Back-propagates from this one-element tensor (a loss), then releases the graph. */
  public void backward() {
    if (data.length != 1) {
      throw new IllegalStateException(
          "backward() without a seed needs a single-element tensor (a loss), this one has shape "
              + Shapes.str(shape) + "; pass a seed of that shape: backward(seed)");
    }
    backward(new Tensor(new double[] {1}, shape), false);
  }

  /**
   * Back-propagates {@code seed} (the vector of a vector–Jacobian product), then releases the graph.
   *
   * @param seed the upstream gradient, shaped like this tensor
   */
  public void backward(Tensor seed) {
    backward(seed, false);
  }

  /**
   * Back-propagates {@code seed}; with {@code retainGraph} the graph can be walked again.
   * Gradients accumulate into the {@link #grad()} of leaves.
   *
   * @param seed the upstream gradient, shaped like this tensor
   * @param retainGraph whether to keep the graph for another backward pass
   */
  public void backward(Tensor seed, boolean retainGraph) {
    checkBackward(seed);
    Gradients sink = Autograd.run(this, seed.data.clone(), retainGraph, List.of());
    for (Tensor t : sink.order()) {
      if (t.node == null) {
        double[] g = sink.peek(t);
        if (g != null) {
          if (t.grad == null) {
            t.grad = g.clone();
          } else {
            Kernels.scatterAdd(g, null, t.grad);
          }
        }
      }
    }
  }

  private void checkBackward(Tensor seed) {
    if (!requiresGrad) {
      throw new IllegalStateException(
          "backward() on a tensor that does not require a gradient: mark an input with requiresGrad() "
              + "(and compute outside Tensor.noGrad())");
    }
    if (!Arrays.equals(seed.shape, shape)) {
      throw new IllegalArgumentException(
          "backward seed has shape " + Shapes.str(seed.shape) + ", expected " + Shapes.str(shape));
    }
  }

  /**
   * The same values as a new leaf with no graph.
   *
   * @return a tensor sharing no tape with this one, not requiring a gradient
   */
  public Tensor detach() {
    return new Tensor(data.clone(), shape.clone());
  }

  /**
   * Overwrites the values of this leaf in place (row-major); for optimisers and loading.
   *
   * @param values the new values, {@link #size()} of them in row-major order
   */
  public void assign(double[] values) {
    if (node != null) {
      throw new IllegalStateException("assign() applies to leaf tensors, this one was computed by '" + node.op + "'");
    }
    if (values.length != data.length) {
      throw new IllegalArgumentException(
          "assign needs " + data.length + " values for shape " + Shapes.str(shape) + ", got " + values.length);
    }
    System.arraycopy(values, 0, data, 0, data.length);
  }

  /**
   * Sets how many threads the matrix kernels may use (default: the available processors). A kernel
   * splits its output rows over them only when it has at least 2¹⁹ multiply-adds of work, and every
   * element is computed the same way on any thread, so results do not depend on this setting.
   *
   * @param n the number of threads, at least 1
   */
  public static void threads(int n) {
    Parallel.threads(n);
  }

  /**
   * How many threads the matrix kernels may use.
   *
   * @return the current number of threads, at least 1
   */
  public static int threads() {
    return Parallel.threads();
  }

  /**
   * Which kernels do the arithmetic: {@code "vector-api-256"} (the JDK's Vector API at that width,
   * when the JVM runs with {@code --add-modules jdk.incubator.vector}) or {@code "plain-loops"}
   * (auto-vectorised by C2); both give the same bits.
   *
   * @return {@code "vector-api-N"} with N the vector width in bits, or {@code "plain-loops"}
   */
  public static String kernels() {
    return Simd.AVAILABLE ? "vector-api-" + Simd.bits() : "plain-loops";
  }

  /**
   * Whether operations on this thread record a tape (false inside {@link #noGrad()}).
   *
   * @return true unless a {@link #noGrad()} scope is open on this thread
   */
  public static boolean isGradEnabled() {
    return NoGrad.enabled();
  }

  /**
   * Opens a scope without taping: {@code try (var off = Tensor.noGrad()) { ... }}.
   *
   * @return the scope; closing it restores the previous state
   */
  public static NoGrad noGrad() {
    return new NoGrad();
  }

  /**
   * Opens a scope in which taping is on even inside an outer {@link #noGrad()} scope (needed by code
   * that differentiates during a backward pass, such as the adjoint method).
   *
   * @return the scope; closing it restores the previous state
   */
  public static NoGrad enableGrad() {
    return NoGrad.enable();
  }

  /**
   * Evaluates {@code body} without taping.
   *
   * @param <T> the type of the result
   * @param body the computation
   * @return what {@code body} returns
   */
  public static <T> T noGrad(Supplier<T> body) {
    try (NoGrad off = new NoGrad()) {
      return body.get();
    }
  }

  /**
   * The vector–Jacobian product {@code vᵀ·∂f/∂x} at {@code x}; no {@link #grad()} is touched.
   *
   * @param f the function, tensor to tensor
   * @param x the point of differentiation
   * @param v the vector, shaped like {@code f(x)}
   * @return {@code vᵀ·∂f/∂x}, shaped like {@code x}
   */
  public static Tensor vjp(Function<Tensor, Tensor> f, Tensor x, Tensor v) {
    Tensor leaf = x.detach().requiresGrad();
    Tensor y;
    try (NoGrad on = NoGrad.enable()) {
      y = f.apply(leaf);
    }
    if (!y.requiresGrad) {
      return zeros(x.shape);
    }
    return gradients(y, v, List.of(leaf)).get(0);
  }

  /**
   * {@code seedᵀ·∂output/∂w} for each {@code w} (zeros where no path leads), like {@code
   * torch.autograd.grad}: no {@link #grad()} is touched and the graph is kept.
   *
   * @param output the tensor differentiated
   * @param seed the upstream gradient, shaped like {@code output}
   * @param wrt the tensors to differentiate with respect to
   * @return one gradient per element of {@code wrt}, shaped like it
   */
  public static List<Tensor> gradients(Tensor output, Tensor seed, List<Tensor> wrt) {
    List<Tensor> out = new ArrayList<>(wrt.size());
    if (!output.requiresGrad) {
      wrt.forEach(w -> out.add(zeros(w.shape)));
      return out;
    }
    output.checkBackward(seed);
    Gradients sink = Autograd.run(output, seed.data.clone(), true, wrt);
    for (Tensor w : wrt) {
      double[] g = sink.peek(w);
      out.add(g == null ? zeros(w.shape) : new Tensor(g.clone(), w.shape.clone()));
    }
    return out;
  }

  /**
   * {@code seedᵀ·∂output/∂w} for each {@code w}; with {@code createGraph} the results are computed
   * by tensor operations and recorded on the tape, so that they can be differentiated again (a
   * Hessian–vector product, a loss that contains a gradient), as {@code torch.autograd.grad(...,
   * create_graph=True)}. Without it this is {@link #gradients(Tensor, Tensor, List)}.
   *
   * @param output the tensor to differentiate
   * @param seed the vector of the vector–Jacobian product, shaped like {@code output}
   * @param wrt the tensors to differentiate with respect to
   * @param createGraph whether to record the gradients' computation
   * @return one gradient per tensor of {@code wrt}, shaped like it (zeros where no path leads)
   */
  public static List<Tensor> gradients(Tensor output, Tensor seed, List<Tensor> wrt, boolean createGraph) {
    if (!createGraph) {
      return gradients(output, seed, wrt);
    }
    Objects.requireNonNull(wrt, "wrt");
    if (!output.requiresGrad) {
      List<Tensor> out = new ArrayList<>(wrt.size());
      wrt.forEach(w -> out.add(zeros(w.shape)));
      return out;
    }
    output.checkBackward(seed);
    return Autograd.runRecorded(output, seed, wrt, false);
  }

  /**
   * Partial derivatives of {@code output} with respect to {@code wrt}, recorded: the walk stops at
   * the tensors of {@code wrt}, treating them as independent (the local backward of an operation
   * written as a composite of others).
   */
  static List<Tensor> partials(Tensor output, Tensor seed, List<Tensor> wrt) {
    return Autograd.runRecorded(output, seed, wrt, true);
  }

  /**
   * The memory the tape behind this tensor keeps alive for back-propagation: 8 bytes per value of
   * every recorded intermediate result it depends on, this one included, and of the intermediates a
   * fused operation keeps for its backward pass (leaves such as parameters are not counted; 0 without
   * a tape).
   *
   * @return the bytes the tape keeps alive, 0 without a tape
   */
  public long tapeBytes() {
    if (!requiresGrad) {
      return 0;
    }
    long bytes = 0;
    for (Tensor t : Autograd.order(this)) {
      if (t.node != null) {
        bytes += 8L * (t.data.length + t.node.keptValues);
      }
    }
    return bytes;
  }

  /**
   * The leaves requiring a gradient that this tensor's graph reaches, in first-visit order.
   *
   * @return the leaves, each once
   */
  public List<Tensor> leaves() {
    List<Tensor> out = new ArrayList<>();
    if (!requiresGrad) {
      return out;
    }
    for (Tensor t : Autograd.order(this)) {
      if (t.node == null) {
        out.add(t);
      }
    }
    return out;
  }

  /**
   * A tensor with {@code value}'s data whose backward calls {@code vjp} with the upstream gradient
   * and expects one gradient per input (or {@code null}), each shaped like its input. This is the
   * hook for gradients computed by other means, such as the adjoint method. When gradients are
   * recorded ({@link #gradients(Tensor, Tensor, List, boolean)} with {@code createGraph}), {@code
   * vjp} receives a recorded gradient, and its results are differentiable only as far as it
   * computes them with tensor operations.
   *
   * @param value the forward result (its data is used, its tape is not)
   * @param inputs the tensors the result depends on
   * @param vjp from the upstream gradient to one gradient (or null) per input
   * @return the result on the tape, with {@code inputs} as its parents
   */
  public static Tensor custom(Tensor value, List<Tensor> inputs, Function<Tensor, List<Tensor>> vjp) {
    Tensor out = new Tensor(value.data.clone(), value.shape.clone());
    Tensor[] parents = inputs.toArray(new Tensor[0]);
    if (!recordingAny(parents)) {
      return out;
    }
    Node.Differentiable recorded = (g, wanted) -> {
      List<Tensor> grads = vjp.apply(g);
      Tensor[] result = new Tensor[parents.length];
      for (int i = 0; i < parents.length && i < grads.size(); i++) {
        result[i] = grads.get(i);
      }
      return result;
    };
    return out.record("custom", parents, (g, s) -> {
      List<Tensor> grads = vjp.apply(new Tensor(g.clone(), out.shape.clone()));
      if (grads.size() != parents.length) {
        throw new IllegalStateException(
            "custom gradient returned " + grads.size() + " gradients for " + parents.length + " inputs");
      }
      for (int i = 0; i < parents.length; i++) {
        Tensor gi = grads.get(i);
        double[] gp = s.of(parents[i]);
        if (gi == null || gp == null) {
          continue;
        }
        if (!Arrays.equals(gi.shape, parents[i].shape)) {
          throw new IllegalStateException("custom gradient " + i + " has shape " + Shapes.str(gi.shape)
              + ", its input has shape " + Shapes.str(parents[i].shape));
        }
        Kernels.scatterAdd(gi.data, null, gp);
      }
    }, recorded);
  }

  private static boolean recordingAny(Tensor... ts) {
    if (!NoGrad.enabled()) {
      return false;
    }
    for (Tensor t : ts) {
      if (t != null && t.requiresGrad) {
        return true;
      }
    }
    return false;
  }

  /** Records an operation with a first-order backward only: a recorded (higher-order) gradient through it throws. */
  Tensor record(String op, Tensor[] parents, Node.Backward backward) {
    return record(op, parents, backward, null);
  }

  Tensor record(String op, Tensor[] parents, Node.Backward backward, Node.Differentiable differentiable) {
    requiresGrad = true;
    node = new Node(op, parents, backward, differentiable);
    AnomalyMode.forward(op, this, parents, node);
    return this;
  }

  Node node() {
    return node;
  }

  // ---------------------------------------------------------------- element-wise, binary

  /**
   * {@code this + other}, broadcasting.
   *
   * @param other a tensor whose shape broadcasts against this one
   * @return the element-wise sum, in the broadcast shape
   */
  public Tensor add(Tensor other) {
    return Elementwise.binary(this, other, Elementwise.ADD);
  }

  /**
   * {@code this − other}, broadcasting.
   *
   * @param other a tensor whose shape broadcasts against this one
   * @return the element-wise difference, in the broadcast shape
   */
  public Tensor sub(Tensor other) {
    return Elementwise.binary(this, other, Elementwise.SUB);
  }

  /**
   * {@code this · other} element-wise, broadcasting.
   *
   * @param other a tensor whose shape broadcasts against this one
   * @return the element-wise product, in the broadcast shape
   */
  public Tensor mul(Tensor other) {
    return Elementwise.binary(this, other, Elementwise.MUL);
  }

  /**
   * {@code this / other} element-wise, broadcasting.
   *
   * @param other a tensor whose shape broadcasts against this one
   * @return the element-wise quotient, in the broadcast shape
   */
  public Tensor div(Tensor other) {
    return Elementwise.binary(this, other, Elementwise.DIV);
  }

  /**
   * {@code this + c}.
   *
   * @param c the constant added
   * @return a tensor of this shape
   */
  public Tensor add(double c) {
    return Elementwise.affine(this, 1, c, "add");
  }

  /**
   * {@code this − c}.
   *
   * @param c the constant subtracted
   * @return a tensor of this shape
   */
  public Tensor sub(double c) {
    return Elementwise.affine(this, 1, -c, "sub");
  }

  /**
   * {@code this · c}.
   *
   * @param c the factor
   * @return a tensor of this shape
   */
  public Tensor mul(double c) {
    return Elementwise.affine(this, c, 0, "mul");
  }

  /**
   * {@code this / c}.
   *
   * @param c the divisor
   * @return a tensor of this shape
   */
  public Tensor div(double c) {
    return Elementwise.affine(this, 1 / c, 0, "div");
  }

  /**
   * {@code −this}.
   *
   * @return a tensor of this shape
   */
  public Tensor neg() {
    return Elementwise.affine(this, -1, 0, "neg");
  }

  // ---------------------------------------------------------------- element-wise, unary

  /**
   * {@code x^p}; derivative {@code p·x^{p−1}}.
   *
   * @param p the exponent
   * @return a tensor of this shape
   */
  public Tensor pow(double p) {
    return Elementwise.unary(this, "pow", x -> Math.pow(x, p), (x, y) -> p * Math.pow(x, p - 1),
        (x, y) -> x.pow(p - 1).mul(p));
  }

  /**
   * {@code x²}.
   *
   * @return a tensor of this shape
   */
  public Tensor square() {
    return Elementwise.unary(this, "square", x -> x * x, (x, y) -> 2 * x, (x, y) -> x.mul(2));
  }

  /**
   * {@code √x}; derivative {@code 1/(2√x)}.
   *
   * @return a tensor of this shape; NaN where {@code x < 0}
   */
  public Tensor sqrt() {
    return Elementwise.unary(this, "sqrt", Math::sqrt, (x, y) -> 0.5 / y, (x, y) -> y.pow(-1).mul(0.5));
  }

  /**
   * {@code |x|}; derivative {@code sign(x)} (0 at 0).
   *
   * @return a tensor of this shape
   */
  public Tensor abs() {
    return Elementwise.unary(this, "abs", Math::abs, (x, y) -> Math.signum(x), (x, y) -> x.signum());
  }

  /**
   * {@code e^x}.
   *
   * @return a tensor of this shape
   */
  public Tensor exp() {
    return Elementwise.unary(this, "exp", Math::exp, (x, y) -> y, (x, y) -> y);
  }

  /**
   * Natural logarithm; derivative {@code 1/x}.
   *
   * @return a tensor of this shape; NaN where {@code x < 0}, −∞ at 0
   */
  public Tensor log() {
    return Elementwise.unary(this, "log", Math::log, (x, y) -> 1 / x, (x, y) -> x.pow(-1));
  }

  /**
   * {@code sin x}.
   *
   * @return a tensor of this shape
   */
  public Tensor sin() {
    return Elementwise.unary(this, "sin", Math::sin, (x, y) -> Math.cos(x), (x, y) -> x.cos());
  }

  /**
   * {@code cos x}.
   *
   * @return a tensor of this shape
   */
  public Tensor cos() {
    return Elementwise.unary(this, "cos", Math::cos, (x, y) -> -Math.sin(x), (x, y) -> x.sin().neg());
  }

  /**
   * {@code tanh x} (a vectorisable kernel within 4 ulp of {@code StrictMath.tanh}); derivative {@code 1 − y²}.
   *
   * @return a tensor of this shape, values in [−1, 1]
   */
  public Tensor tanh() {
    return activate(Activation.TANH);
  }

  /**
   * {@code 1/(1 + e^{−x})}; derivative {@code y(1 − y)}.
   *
   * @return a tensor of this shape, values in [0, 1]
   */
  public Tensor sigmoid() {
    return activate(Activation.SIGMOID);
  }

  /**
   * {@code max(0, x)}.
   *
   * @return a tensor of this shape
   */
  public Tensor relu() {
    return activate(Activation.RELU);
  }

  /**
   * {@code log(1 + e^x)}, computed stably; derivative {@code σ(x)}.
   *
   * @return a tensor of this shape, values positive
   */
  public Tensor softplus() {
    return activate(Activation.SOFTPLUS);
  }

  /**
   * ELU with α = 1: {@code x} for {@code x > 0}, else {@code e^x − 1}.
   *
   * @return a tensor of this shape
   */
  public Tensor elu() {
    return activate(Activation.ELU);
  }

  /**
   * ELU with parameter α: {@code x} for {@code x > 0}, else {@code α(e^x − 1)}.
   *
   * @param alpha α > 0: the negative part tends to −α as x → −∞
   * @return a tensor of this shape
   */
  public Tensor elu(double alpha) {
    return Elementwise.unary(
        this, "elu", x -> x > 0 ? x : alpha * Math.expm1(x), (x, y) -> x > 0 ? 1 : y + alpha,
        (x, y) -> {
          Tensor mask = x.signum().relu();
          return y.add(alpha).mul(mask.neg().add(1)).add(mask);
        });
  }

  Tensor activate(Activation act) {
    double[] y = new double[data.length];
    Kernels.activate(act, data, y, 0, y.length);
    Tensor out = new Tensor(y, shape);
    if (!recordingAny(this)) {
      return out;
    }
    return out.record(act.name().toLowerCase(java.util.Locale.ROOT), new Tensor[] {this}, (g, s) -> {
      double[] gx = s.of(this);
      double[] gz = new double[g.length];
      Kernels.activationGrad(act, y, g, gz, 0, g.length);
      Kernels.scatterAdd(gz, null, gx);
    }, (g, wanted) -> new Tensor[] {Derivatives.activationGradient(act, out, g)});
  }

  /** {@code sign(x)} (0 at 0) as a constant: its derivative is zero almost everywhere. */
  Tensor signum() {
    double[] s = new double[data.length];
    for (int i = 0; i < s.length; i++) {
      s[i] = Math.signum(data[i]);
    }
    return new Tensor(s, shape.clone());
  }

  // ---------------------------------------------------------------- fused ops

  /**
   * {@code σ(this·weight + bias)} in one kernel with a hand-written backward pass.
   *
   * @param weight shape {@code [in, out]}
   * @param bias shape {@code [out]}, or {@code null}
   * @param activation the activation σ ({@link Activation#IDENTITY} for none)
   * @return shape {@code [..., out]} for this of shape {@code [..., in]}
   */
  public Tensor affine(Tensor weight, Tensor bias, Activation activation) {
    return Fused.affine(this, weight, bias, activation);
  }

  /**
   * Rank-one tanh units and their divergence in one operation: with {@code h = tanh(z·weights +
   * bias)}, the columns {@code scale·h·out} and {@code scale·Σ_k (1 − h_k²)·c_k}, so {@code c_k =
   * Σ_i weights_ik·out_ki} gives the field's exact trace (Chen et al. 2018, §4).
   *
   * @param z states {@code [batch, dim]}
   * @param weights {@code [dim, width]}
   * @param bias {@code [width]}
   * @param out {@code [width, dim]}
   * @param c {@code [width]}
   * @param scale the factor of both columns
   * @return {@code [batch, dim + 1]}: the field, then the divergence
   */
  public static Tensor rankOneUnits(Tensor z, Tensor weights, Tensor bias, Tensor out, Tensor c, double scale) {
    return RankOneUnits.apply(z, weights, bias, out, c, scale);
  }

  /**
   * {@code base + Σ_j weights[j]·terms[j]} in one pass ({@code base} may be null; zero weights and
   * their terms are skipped). The Runge–Kutta stage combination {@code y + h Σ a_ij k_j}.
   *
   * @param base the starting tensor, or {@code null} for zeros
   * @param weights one weight per term
   * @param terms tensors of one shape (the base's, when given)
   * @return the combination, in that shape
   */
  public static Tensor combine(Tensor base, double[] weights, Tensor[] terms) {
    return Fused.combine(base, weights, terms);
  }

  /**
   * The Elman recurrence {@code h_t = σ(x_t·weightIh + bias + h_{t−1}·weightHh)} over a whole
   * sequence in one taped operation (back-propagation through time in one closure), from {@code h0};
   * with {@code reverse} the sequence is consumed from its last step to its first ({@code h_{t+1}}
   * feeds {@code h_t}).
   *
   * @param x the inputs, shape {@code [steps, batch, in]}
   * @param weightIh shape {@code [in, hidden]}
   * @param bias shape {@code [hidden]}, or {@code null}
   * @param weightHh the recurrent weight, shape {@code [hidden, hidden]}
   * @param h0 the state before the first consumed step, shape {@code [batch, hidden]}
   * @param activation σ, e.g. {@link Activation#TANH}
   * @param reverse whether to run from the last step to the first
   * @return every state, shape {@code [steps, batch, hidden]}, indexed as the inputs
   */
  public static Tensor recurrence(Tensor x, Tensor weightIh, Tensor bias, Tensor weightHh, Tensor h0,
      Activation activation, boolean reverse) {
    return Recurrence.run(x, weightIh, bias, weightHh, h0, activation, reverse, true);
  }

  /**
   * The state after the whole {@link #recurrence} (its last step, or its first with {@code
   * reverse}), shape {@code [batch, hidden]}: the same numbers without materialising every state
   * for the output or its gradient.
   *
   * @param x the inputs {@code [time, batch, in]}
   * @param weightIh the input weights {@code [in, hidden]}
   * @param bias the bias {@code [hidden]}
   * @param weightHh the recurrent weights {@code [hidden, hidden]}
   * @param h0 the initial state {@code [batch, hidden]}
   * @param activation the activation of each step
   * @param reverse whether the steps run from the last time to the first
   * @return the final state
   */
  public static Tensor recurrenceLast(Tensor x, Tensor weightIh, Tensor bias, Tensor weightHh, Tensor h0,
      Activation activation, boolean reverse) {
    return Recurrence.run(x, weightIh, bias, weightHh, h0, activation, reverse, false);
  }

  /**
   * A small multilayer perceptron {@code σ_L(…σ_1(x·W_1 + b_1)…·W_L + b_L)} as one fused taped
   * operation: the same function as a chain of {@link #affine} calls, computed on chunks of rows
   * laid out feature-major, with one backward pass for all layers.
   *
   * @param x the input {@code [..., in]}
   * @param weights the weights {@code [in, w_1], [w_1, w_2], …}
   * @param biases the biases {@code [w_l]}, an entry {@code null} for a layer without one
   * @param activations each layer's activation
   * @return shape {@code [..., w_L]}
   */
  public static Tensor mlp(Tensor x, Tensor[] weights, Tensor[] biases, Activation[] activations) {
    return SmallMlp.run(x, weights, biases, activations);
  }

  /**
   * Whether {@link #mlp} is used for layers of these widths (all at most a few dozen) rather than a
   * chain of {@link #affine} calls.
   *
   * @param widths the input width and every layer's output width
   * @return true when every width is at least one and small enough for the fused operation
   */
  public static boolean mlpFits(int... widths) {
    for (int w : widths) {
      if (w < 1 || w > SmallMlp.MAX_WIDTH) {
        return false;
      }
    }
    return true;
  }

  // ---------------------------------------------------------------- linear algebra and shape

  /**
   * Matrix product; batched over leading axes (2-D operands broadcast against batches).
   *
   * @param other the right operand, {@code [..., k, m]} for this {@code [..., n, k]}
   * @return the product {@code [..., n, m]}
   */
  public Tensor matmul(Tensor other) {
    return LinearAlgebra.matmul(this, other);
  }

  /**
   * Swaps the last two axes.
   *
   * @return the transposed tensor; a matrix {@code [n, m]} gives {@code [m, n]}
   */
  public Tensor transpose() {
    if (shape.length < 2) {
      throw new IllegalArgumentException("transpose() needs rank >= 2, got shape " + Shapes.str(shape));
    }
    return transpose(shape.length - 2, shape.length - 1);
  }

  /**
   * Swaps {@code axis1} and {@code axis2}.
   *
   * @param axis1 one axis
   * @param axis2 the other axis
   * @return the tensor with the two axes swapped
   */
  public Tensor transpose(int axis1, int axis2) {
    return Reshaping.transpose(this, axis1, axis2);
  }

  /**
   * The same values with another shape of the same size; one entry may be −1 (inferred).
   *
   * @param newShape the new lengths, whose product is {@link #size()}
   * @return the reshaped tensor, on the tape when this one is
   */
  public Tensor reshape(int... newShape) {
    return Reshaping.reshape(this, newShape);
  }

  /**
   * Elements {@code from} (inclusive) to {@code to} (exclusive) along {@code axis}.
   *
   * @param axis the axis sliced
   * @param from the first index kept
   * @param to one past the last index kept
   * @return the slice, of length {@code to − from} along {@code axis}
   */
  public Tensor slice(int axis, int from, int to) {
    return Reshaping.slice(this, axis, from, to);
  }

  /**
   * Joins tensors along {@code axis}; all other axes must agree.
   *
   * @param axis the axis to join along
   * @param parts the tensors, at least one
   * @return the joined tensor
   */
  public static Tensor concat(int axis, Tensor... parts) {
    return Reshaping.concat(axis, parts);
  }

  /**
   * Tensors of one shape stacked along a new first axis: shape {@code [parts, ...shape]} (PyTorch's
   * {@code torch.stack(parts, 0)}); differentiable.
   *
   * @param parts at least one tensor, all of the same shape
   * @return the stacked tensor
   */
  public static Tensor stack(java.util.List<Tensor> parts) {
    if (parts.isEmpty()) {
      throw new IllegalArgumentException("stack needs at least one tensor, got none");
    }
    int[] shape = parts.get(0).shape();
    int[] one = new int[shape.length + 1];
    one[0] = 1;
    System.arraycopy(shape, 0, one, 1, shape.length);
    Tensor[] rows = new Tensor[parts.size()];
    for (int i = 0; i < rows.length; i++) {
      if (!java.util.Arrays.equals(parts.get(i).shape(), shape)) {
        throw new IllegalArgumentException("stack needs tensors of one shape: part 0 is "
            + java.util.Arrays.toString(shape) + ", part " + i + " is " + java.util.Arrays.toString(parts.get(i).shape()));
      }
      rows[i] = parts.get(i).reshape(one);
    }
    return concat(0, rows);
  }

  // ---------------------------------------------------------------- reductions

  /**
   * Sum of all elements (rank 0).
   *
   * @return a rank-0 tensor
   */
  public Tensor sum() {
    return Reductions.sumAll(this, 1);
  }

  /**
   * Sum along {@code axis}.
   *
   * @param axis the axis summed over
   * @param keepDims whether that axis stays, with length 1
   * @return the sums, {@code axis} removed (or of length 1 with {@code keepDims})
   */
  public Tensor sum(int axis, boolean keepDims) {
    return Reductions.sum(this, axis, keepDims, 1);
  }

  /**
   * Mean of all elements (rank 0).
   *
   * @return a rank-0 tensor
   */
  public Tensor mean() {
    return Reductions.sumAll(this, 1.0 / data.length);
  }

  /**
   * Mean along {@code axis}.
   *
   * @param axis the axis averaged over
   * @param keepDims whether that axis stays, with length 1
   * @return the means, {@code axis} removed (or of length 1 with {@code keepDims})
   */
  public Tensor mean(int axis, boolean keepDims) {
    int a = Shapes.axis(axis, shape.length, "mean");
    return Reductions.sum(this, a, keepDims, 1.0 / shape[a]);
  }

  /**
   * Maximum along {@code axis}; the gradient flows to the (first) maximal element.
   *
   * @param axis the axis reduced
   * @param keepDims whether that axis stays, with length 1
   * @return the maxima, {@code axis} removed (or of length 1 with {@code keepDims})
   */
  public Tensor max(int axis, boolean keepDims) {
    return Reductions.max(this, axis, keepDims);
  }

  /**
   * Index of the (first) maximum along {@code axis}, as doubles; never requires a gradient.
   *
   * @param axis the axis searched
   * @return the indices, with {@code axis} removed
   */
  public Tensor argmax(int axis) {
    return Reductions.argmax(this, axis);
  }

  /**
   * {@code e^{x_i} / Σ_j e^{x_j}} along {@code axis} (maximum subtracted first).
   *
   * @param axis the axis normalised over
   * @return probabilities of this shape, summing to 1 along {@code axis}
   */
  public Tensor softmax(int axis) {
    return Reductions.softmax(this, axis, false);
  }

  /**
   * {@code x_i − log Σ_j e^{x_j}} along {@code axis}, computed stably.
   *
   * @param axis the axis normalised over
   * @return log-probabilities of this shape
   */
  public Tensor logSoftmax(int axis) {
    return Reductions.softmax(this, axis, true);
  }


  // ---------------------------------------------------------------- images

  /**
   * PyTorch's {@code conv2d} on {@code [N, C, H, W]} with weight {@code [O, C, k, k]}, bias {@code [O]} or
   * null.
   *
   * @param weight the kernels {@code [O, C, k, k]}
   * @param bias the biases {@code [O]}, or {@code null}
   * @param stride the step of the kernel, at least 1
   * @param padding the zeros added on each side of H and W
   * @return the feature maps {@code [N, O, H', W']}, {@code H' = (H + 2·padding − k)/stride + 1}
   */
  public Tensor conv2d(Tensor weight, Tensor bias, int stride, int padding) {
    return Convolution.conv2d(this, weight, bias, stride, padding);
  }

  /**
   * {@link #conv2d} of this input with a constant channel placed before its channels ({@code [value·1,
   * this]}, torchdiffeq's {@code ConcatConv2d} with the time as value), without building that input.
   *
   * @param value the value of every element of the constant channel
   * @param weight the kernels {@code [O, C + 1, k, k]}, the constant channel's first
   * @param bias the biases {@code [O]}, or {@code null}
   * @param stride the step of the kernel, at least 1
   * @param padding the zeros added on each side of H and W (also around the constant channel)
   * @return the feature maps {@code [N, O, H', W']}
   */
  public Tensor conv2dWithConstantChannel(double value, Tensor weight, Tensor bias, int stride, int padding) {
    return ConstantChannel.conv2d(this, weight, bias, value, stride, padding);
  }

  /**
   * Mean over {@code kernel × kernel} windows moved by {@code stride}, as PyTorch's {@code avg_pool2d}.
   *
   * @param kernel the window's side
   * @param stride the step between windows
   * @return {@code [N, C, H', W']}
   */
  public Tensor avgPool2d(int kernel, int stride) {
    return Pooling.avgPool2d(this, kernel, stride);
  }

  /**
   * Maximum over {@code kernel × kernel} windows moved by {@code stride}, as PyTorch's {@code max_pool2d}.
   *
   * @param kernel the window's side
   * @param stride the step between windows
   * @return {@code [N, C, H', W']}
   */
  public Tensor maxPool2d(int kernel, int stride) {
    return Pooling.maxPool2d(this, kernel, stride);
  }

  /**
   * The mean of each channel of {@code [N, C, H, W]}, as {@code [N, C]}.
   *
   * @return the channel means {@code [N, C]}
   */
  public Tensor globalAvgPool() {
    return Pooling.globalAvgPool(this);
  }

  /**
   * {@code [N, ...]} reshaped to {@code [N, product of the rest]}.
   *
   * @return a matrix with one row per sample
   */
  public Tensor flatten() {
    return reshape(shape.length == 0 ? 1 : shape[0], -1);
  }

  /**
   * PyTorch's {@code group_norm}: per sample and group of channels, {@code (x − μ)/√(σ² + eps)·weight + bias}.
   *
   * @param groups the number of groups, dividing C
   * @param weight the scale per channel {@code [C]}, or null
   * @param bias the shift per channel {@code [C]}, or null
   * @param eps added to the variance
   * @return the normalised tensor, this shape
   */
  public Tensor groupNorm(int groups, Tensor weight, Tensor bias, double eps) {
    return GroupNormalization.groupNorm(this, groups, weight, bias, eps, Activation.IDENTITY);
  }

  /**
   * {@link #groupNorm(int, Tensor, Tensor, double)} followed by {@code activation}, in one operation
   * (no intermediate tensor; the same values as {@code groupNorm(...).relu()} for ReLU).
   *
   * @param groups the number of groups, dividing C
   * @param weight the scale per channel {@code [C]}, or null
   * @param bias the shift per channel {@code [C]}, or null
   * @param eps added to the variance
   * @param activation applied to each normalised value ({@link Activation#IDENTITY} for none)
   * @return the activated, normalised tensor, this shape
   */
  public Tensor groupNorm(int groups, Tensor weight, Tensor bias, double eps, Activation activation) {
    return GroupNormalization.groupNorm(this, groups, weight, bias, eps, activation);
  }

  static Tensor result(double[] data, int[] shape) {
    return new Tensor(data, shape);
  }

  static boolean recording(Tensor... ts) {
    return recordingAny(ts);
  }

  static Tensor nonNull(Tensor t, String what) {
    return Objects.requireNonNull(t, what);
  }
}
