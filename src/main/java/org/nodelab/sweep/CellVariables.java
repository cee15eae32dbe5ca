package org.nodelab.sweep;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The variables of notebook cells (JShell keeps each as a static field of its snippet's class):
 * their serializable values travel with a sweep and are set on the classes defined in the other
 * JVM, so an experiment may read {@code double lr = 1e-3;} from an earlier cell. Values that are
 * null or not serializable stay behind (the field is then null or zero there).
 */
final class CellVariables {
  private CellVariables() {}

  /** {@code class#field} to value, for the static fields of the cell classes that serialize. */
  static LinkedHashMap<String, Object> capture(Collection<String> classNames, ClassLoader loader) {
    LinkedHashMap<String, Object> values = new LinkedHashMap<>();
    for (String name : classNames) {
      Class<?> c;
      try {
        c = Class.forName(name, false, loader);
      } catch (ClassNotFoundException | LinkageError e) {
        continue;
      }
      for (Field f : c.getDeclaredFields()) {
        int m = f.getModifiers();
        if (!Modifier.isStatic(m) || Modifier.isFinal(m) || f.isSynthetic() || !f.trySetAccessible()) {
          continue;
        }
        try {
          Object v = f.get(null);
          if (v instanceof Serializable && serializes(v)) {
            values.put(name + "#" + f.getName(), v);
          }
        } catch (IllegalAccessException | LinkageError e) {
          // A variable that cannot be read stays behind, like one that does not serialize.
        }
      }
    }
    return values;
  }

  /** Sets the captured values on the classes of {@code loader}. */
  static void restore(Map<String, Object> values, ClassLoader loader) {
    for (Map.Entry<String, Object> e : values.entrySet()) {
      int hash = e.getKey().indexOf('#');
      try {
        Field f = Class.forName(e.getKey().substring(0, hash), true, loader).getDeclaredField(e.getKey().substring(hash + 1));
        f.setAccessible(true);
        f.set(null, e.getValue());
      } catch (ReflectiveOperationException | RuntimeException ex) {
        throw new IllegalStateException("cannot set the cell variable " + e.getKey() + " in this JVM: " + ex, ex);
      }
    }
  }

  private static boolean serializes(Object v) {
    try (ObjectOutputStream out = new ObjectOutputStream(new ByteArrayOutputStream())) {
      out.writeObject(v);
      return true;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }
}
