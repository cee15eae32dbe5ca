package org.nodelab.sweep;

import java.io.Serializable;
import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nodelab.ode.Solver;
import org.nodelab.ode.Solvers;

/**
 * Parameter values as they travel to other JVMs: serializable values as they are, a solver as its
 * method's name and tolerances, rebuilt there from {@link Solvers} (refused when the rebuilt solver
 * would differ, e.g. with a custom controller).
 */
final class PortableValues {
  private PortableValues() {}

  /** A solver's travelling form. */
  record SolverForm(String name, double rtol, double atol, boolean adaptive) implements Serializable {}

  static Config encode(Config c) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : c.values().entrySet()) {
      out.put(e.getKey(), encode(e.getKey(), e.getValue()));
    }
    return new Config(out, c.repetition(), c.seed());
  }

  static Config decode(Config c) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : c.values().entrySet()) {
      out.put(e.getKey(), e.getValue() instanceof SolverForm f ? rebuild(f) : e.getValue());
    }
    return new Config(out, c.repetition(), c.seed());
  }

  private static Object encode(String name, Object v) {
    if (v instanceof Solver s) {
      SolverForm f = new SolverForm(s.name(), s.isAdaptive() ? s.relativeTolerance(0) : Double.NaN,
          s.isAdaptive() ? s.absoluteTolerance(0) : Double.NaN, s.isAdaptive());
      if (!rebuild(f).toString().equals(s.toString())) {
        throw new IllegalArgumentException("parameter \"" + name + "\": the solver " + s + " has settings that cannot be"
            + " sent to Spark executors (only a method with rtol and atol can): make those settings parameters and"
            + " apply them in the experiment");
      }
      return f;
    }
    if (v != null && !(v instanceof Serializable)) {
      throw new IllegalArgumentException("parameter \"" + name + "\" has the value " + v + " of "
          + v.getClass().getName() + ", which is not Serializable and so cannot be sent to Spark executors;"
          + " use numbers, text or enums and build the object in the experiment");
    }
    return v;
  }

  private static Solver rebuild(SolverForm f) {
    Solver s;
    try {
      Method factory = Solvers.class.getMethod(f.name());
      s = (Solver) factory.invoke(null);
    } catch (ReflectiveOperationException e) {
      throw new IllegalArgumentException("no solver factory Solvers." + f.name() + "()", e);
    }
    return f.adaptive() ? s.rtol(f.rtol()).atol(f.atol()) : s;
  }
}
