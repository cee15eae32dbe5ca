package org.nodelab.sweep;

import org.nodelab.ode.Solver;

/** How parameter values are named in tables and seeds. */
final class Values {
  private Values() {}

  /** A solver by its method's name, a double in Java's shortest round-trip form, anything else by toString. */
  static String label(Object v) {
    if (v instanceof Solver s) {
      return s.name();
    }
    return String.valueOf(v);
  }

  /** The full identity of a value, for seeds: a solver with its settings, a number with its type. */
  static String identity(Object v) {
    if (v == null) {
      return "null";
    }
    return v.getClass().getSimpleName() + ":" + v;
  }
}
