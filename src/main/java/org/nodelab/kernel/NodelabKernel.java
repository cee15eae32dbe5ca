package org.nodelab.kernel;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.BaseKernelBuilder;
import org.dflib.jjava.jupyter.kernel.LanguageInfo;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.magic.MagicParser;
import org.nodelab.notebook.CellResult;
import org.nodelab.notebook.Evaluator;
import org.nodelab.notebook.Renderer;
import org.nodelab.notebook.SessionStartup;
import org.nodelab.notebook.Versions;

/** The kernel: cells go to the {@link Evaluator}, results come back as MIME bundles. */
public final class NodelabKernel extends BaseKernel {
  private final CompletableFuture<Evaluator> session = SessionStartup.inBackground();

  private NodelabKernel(String name, String version, org.dflib.jjava.jupyter.kernel.history.HistoryManager history,
      org.dflib.jjava.jupyter.kernel.JupyterIO io, org.dflib.jjava.jupyter.kernel.comm.CommManager comms,
      org.dflib.jjava.jupyter.kernel.display.Renderer renderer, MagicParser magics,
      org.dflib.jjava.jupyter.kernel.magic.MagicsRegistry registry, org.dflib.jjava.jupyter.kernel.util.StringStyler styler) {
    super(name, version, new LanguageInfo("java", Versions.java(), "text/x-java-source", ".jshell", "java", "java", null),
        List.of(), history, io, comms, renderer, magics, registry, false, styler);
  }

  /**
   * A kernel with nodelab's name and version; {@code display(...)} shows in the running cell and
   * training runs show a live chart there.
   *
   * @return the kernel, ready to be connected
   */
  public static NodelabKernel create() {
    NodelabKernel kernel = new Builder().name("nodelab").version(Versions.nodelab()).build();
    org.nodelab.notebook.Display.install(new KernelDisplaySink(kernel.getIO().display));
    org.nodelab.train.TrainingMonitor.setDefault(org.nodelab.notebook.LiveTrainingDisplay::new);
    return kernel;
  }

  @Override
  public String getBanner() {
    return "nodelab " + Versions.nodelab() + " on Java " + Versions.java() + " — import static org.nodelab.Lab.* is preloaded";
  }

  /** The session, once started (the kernel answers kernel_info while it starts). */
  private Evaluator evaluator() {
    return session.join();
  }

  @Override
  public Object evalRaw(String code) {
    CellResult r = evaluator().eval(code);
    org.nodelab.notebook.LiveTrainingDisplay.finishFrames();
    if (r.failed()) {
      throw ErrorNames.failure(r.errorName(), r.error());
    }
    return r.hasValue() ? bundle(r.value()) : null;
  }

  /** A display bundle from the renderer. */
  static DisplayData bundle(Object value) {
    return KernelDisplaySink.data(Renderer.render(value));
  }

  @Override
  public DisplayData inspect(String code, int at, boolean extraDetail) {
    String doc = evaluator().inspect(code, at);
    return doc.isEmpty() ? null : new DisplayData(doc);
  }

  @Override
  public ReplacementOptions complete(String code, int at) {
    Evaluator.Completion c = evaluator().complete(code, at);
    return c.candidates().isEmpty() ? null : new ReplacementOptions(c.candidates(), c.start(), c.end());
  }

  @Override
  public String isComplete(String code) {
    return evaluator().isComplete(code) ? IS_COMPLETE_YES : IS_COMPLETE_MAYBE;
  }

  @Override
  public void interrupt() {
    Evaluator evaluator = session.getNow(null);
    if (evaluator != null) {
      evaluator.interrupt();
    }
  }

  @Override
  public List<String> formatError(Throwable e) {
    if (e instanceof CellFailure f) {
      return List.of(f.getMessage().split("\n"));
    }
    return List.of(String.valueOf(e));
  }

  @Override
  public void onShutdown(boolean restart) {
    evaluator().close();
  }

  /** A failed cell, reported with the user's frames only (no kernel stack trace). */
  static class CellFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String name;

    CellFailure(String name, String message) {
      super(message, null, false, false);
      this.name = name;
    }

    @Override
    public String toString() {
      return name + ": " + getMessage();
    }
  }

  /** The builder whose protected defaults (IO, comms, renderer, magics) the kernel takes. */
  static final class Builder extends BaseKernelBuilder<Builder, NodelabKernel> {
    @Override
    public NodelabKernel build() {
      return new NodelabKernel(buildName(), buildVersion(), buildHistoryManager(), buildJupyterIO(buildJupyterIOEncoding()),
          buildCommManager(), buildRenderer(), new MagicParser("(?<=(?:^|=))\\s*%", "%%", buildMagicTranspiler()),
          buildMagicsRegistry(), buildErrorStyler());
    }
  }
}
