package org.nodelab.notebook;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import jdk.jshell.execution.DirectExecutionControl;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

/**
 * JShell execution in this JVM, each snippet on its own {@link SnippetThread}, that refuses classes
 * calling {@code System.exit}, {@code Runtime.exit} or {@code Runtime.halt} ({@link ExitCalls}) and keeps the value of the last evaluated snippet as a
 * live object (the standard local engine only returns its string), so charts and tables can be
 * rendered. The bytes of every loaded class are kept ({@link SnippetClasses}) for engines that run
 * cell code in other JVMs.
 */
final class LiveExecutionControl extends DirectExecutionControl {
  private final SnippetThread thread = new SnippetThread();
  private Object lastValue;
  private String refused;

  SnippetThread thread() {
    return thread;
  }

  /** The JVM-ending call of the last refused snippet, or null; cleared by reading. */
  String takeRefused() {
    String r = refused;
    refused = null;
    return r;
  }

  @Override
  public void load(ClassBytecodes[] classes) throws ClassInstallException, NotImplementedException, EngineTerminationException {
    for (ClassBytecodes c : classes) {
      java.util.Optional<String> call = ExitCalls.find(c.bytecodes());
      if (call.isPresent()) {
        refused = call.get();
        throw new ClassInstallException("refused: calls " + refused, new boolean[classes.length]);
      }
    }
    super.load(classes);
    for (ClassBytecodes c : classes) {
      try {
        SnippetClasses.record(findClass(c.name()).getClassLoader(), c.name(), c.bytecodes());
      } catch (ClassNotFoundException e) {
        throw new ClassInstallException("loaded but not found: " + c.name(), new boolean[classes.length]);
      }
    }
  }

  @Override
  public void stop() {
    thread.stop();
  }

  Object takeLastValue() {
    Object v = lastValue;
    lastValue = null;
    return v;
  }

  @Override
  protected String invoke(Method doit) throws Exception {
    try {
      Object value = thread.run(() -> doit.invoke(null));
      lastValue = value;
      return valueString(value);
    } catch (SnippetThread.StoppedSnippet | ThreadDeath e) {
      throw new StoppedException();
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof ThreadDeath) {
        throw new StoppedException();
      }
      return throwConvertedInvocationException(e.getCause());
    }
  }

  /** The provider JShell asks for the engine; one control per evaluator. */
  static final class Provider implements ExecutionControlProvider {
    private final LiveExecutionControl control = new LiveExecutionControl();

    LiveExecutionControl control() {
      return control;
    }

    @Override
    public String name() {
      return "nodelab-live";
    }

    @Override
    public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
      return control;
    }
  }
}
