package org.nodelab.notebook;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import jdk.jshell.execution.DirectExecutionControl;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

/**
 * JShell execution in the calling thread that keeps the value of the last evaluated snippet as a
 * live object (the standard local engine only returns its string), so charts and tables can be
 * rendered.
 */
final class LiveExecutionControl extends DirectExecutionControl {
  private Object lastValue;

  Object takeLastValue() {
    Object v = lastValue;
    lastValue = null;
    return v;
  }

  @Override
  protected String invoke(Method doit) throws Exception {
    try {
      Object value = doit.invoke(null);
      lastValue = value;
      return valueString(value);
    } catch (InvocationTargetException e) {
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
