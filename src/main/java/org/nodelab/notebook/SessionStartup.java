package org.nodelab.notebook;

import java.util.concurrent.CompletableFuture;

/**
 * Starts an {@link Evaluator} on a background thread and warms it (JShell's compiler, the DSL's
 * classes, the renderer) so that a kernel can answer at once and its first cells run fast; once the
 * session is handed over, the same thread reads the DSL's Javadoc for the first inspect. The warm-up
 * draws no random numbers and leaves no variable in the session.
 */
public final class SessionStartup {
  /** A statement block: it compiles and runs a small solve but declares nothing the user can see. */
  static final String WARM_UP = "{ Object warm = ode((t, h) -> h.neg()).solve(rk45).until(1.0).apply(tensor(1.0, 2.0)); }";

  private SessionStartup() {}

  /**
   * A session being started and warmed on a daemon thread.
   *
   * @return the session, completed once warm
   */
  public static CompletableFuture<Evaluator> inBackground() {
    CompletableFuture<Evaluator> session = new CompletableFuture<>();
    Thread t = new Thread(() -> {
      try {
        Evaluator evaluator = new Evaluator();
        warm(evaluator);
        session.complete(evaluator);
        JavadocIndex.forSignature("org.nodelab.Lab.ode(VectorField f)");
      } catch (Throwable e) {
        session.completeExceptionally(e);
      }
    }, "nodelab-session-start");
    t.setDaemon(true);
    t.start();
    return session;
  }

  private static void warm(Evaluator evaluator) {
    evaluator.eval(WARM_UP);
    Renderer.render(org.nodelab.tensor.Tensor.zeros(2));
  }
}
