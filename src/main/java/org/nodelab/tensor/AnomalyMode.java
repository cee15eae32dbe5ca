package org.nodelab.tensor;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Anomaly detection (PyTorch's {@code torch.autograd.detect_anomaly}): while {@link #run} runs a
 * computation on this thread, every taped operation's output, and every gradient a backward step
 * produces, is checked for NaN and infinity, and the first one found is described: the operation,
 * the shapes of its inputs, whether its inputs were finite already, and where it ran (the solver
 * time inside a solve, see {@link #at}). Slow; for finding the source of a NaN, not for training.
 */
public final class AnomalyMode {
  private static volatile int active;
  private static final ThreadLocal<Recorder> RECORDER = new ThreadLocal<>();

  private AnomalyMode() {}

  /** What one detection run found. */
  private static final class Recorder {
    String first;
    String context;
    final Map<Node, String> contexts = new IdentityHashMap<>();
  }

  /**
   * Runs {@code computation} with detection on and returns the description of the first NaN or
   * infinity that an operation produced (forward) or a backward step produced (gradients), or null
   * if there was none. An exception thrown by the computation ends it; what was found before is
   * still returned.
   *
   * @param computation the code to watch
   * @return the first anomaly's description, or {@code null}
   */
  public static String run(Runnable computation) {
    Recorder previous = RECORDER.get();
    Recorder recorder = new Recorder();
    RECORDER.set(recorder);
    synchronized (AnomalyMode.class) {
      active++;
    }
    try {
      computation.run();
    } catch (RuntimeException e) {
      if (recorder.first == null) {
        recorder.first = "none found on the tape before the computation failed with " + e;
      }
    } finally {
      synchronized (AnomalyMode.class) {
        active--;
      }
      RECORDER.set(previous);
    }
    return recorder.first;
  }

  /**
   * Whether detection is on for this thread.
   *
   * @return true inside {@link #run}
   */
  public static boolean isOn() {
    return active > 0 && RECORDER.get() != null;
  }

  /**
   * Labels the operations that follow on this thread (e.g. {@code "in a solve at t = 0.25"}); null
   * clears the label. Does nothing when detection is off.
   *
   * @param context the label, or {@code null} to clear it
   */
  public static void at(String context) {
    if (active > 0) {
      Recorder r = RECORDER.get();
      if (r != null) {
        r.context = context;
      }
    }
  }

  /**
   * The same with a label built only when detection is on.
   *
   * @param context computes the label when it is needed
   */
  public static void at(Supplier<String> context) {
    if (active > 0 && RECORDER.get() != null) {
      at(context.get());
    }
  }

  /** Called by {@link Tensor#record} for each taped operation. */
  static void forward(String op, Tensor out, Tensor[] parents, Node node) {
    if (active == 0) {
      return;
    }
    Recorder r = RECORDER.get();
    if (r == null) {
      return;
    }
    if (r.context != null) {
      r.contexts.put(node, r.context);
    }
    if (r.first == null && !allFinite(out.data())) {
      r.first = "the forward pass of '" + op + "' " + inputs(parents) + " produced " + firstBad(out.data())
          + where(r.context);
    }
  }

  /** Called by the backward walk after the step of {@code node}, with the gradient it received. */
  static void backward(Node node, double[] gradOut, Gradients sink) {
    if (active == 0) {
      return;
    }
    Recorder r = RECORDER.get();
    if (r == null || r.first != null) {
      return;
    }
    for (int i = 0; i < node.parents.length; i++) {
      Tensor p = node.parents[i];
      double[] g = p == null || !p.requiresGradient() ? null : sink.peek(p);
      if (g != null && !allFinite(g)) {
        r.first = "the backward pass of '" + node.op + "' " + inputs(node.parents) + " produced " + firstBad(g)
            + " in the gradient of input " + i + (allFinite(gradOut) ? " from a finite upstream gradient"
                : " from an upstream gradient that held " + firstBad(gradOut)) + where(r.contexts.get(node));
        return;
      }
    }
  }

  private static String where(String context) {
    return context == null ? "" : ", " + context;
  }

  private static String inputs(Tensor[] parents) {
    StringBuilder sb = new StringBuilder("(inputs ");
    boolean finite = true;
    for (int i = 0; i < parents.length; i++) {
      sb.append(i == 0 ? "" : ", ").append(parents[i] == null ? "none" : Shapes.str(parents[i].shapeRef()));
      finite &= parents[i] == null || allFinite(parents[i].data());
    }
    return sb.append(finite ? ", all finite)" : ", some already non-finite)").toString();
  }

  private static String firstBad(double[] values) {
    for (int i = 0; i < values.length; i++) {
      if (!Double.isFinite(values[i])) {
        return values[i] + " at flat index " + i;
      }
    }
    return "nothing";
  }

  private static boolean allFinite(double[] values) {
    for (double v : values) {
      if (!Double.isFinite(v)) {
        return false;
      }
    }
    return true;
  }
}
