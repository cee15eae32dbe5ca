package org.nodelab.sweep;

import java.util.Map;

/**
 * Defines classes from bytes shipped with a sweep (the classes of notebook cells), asking its
 * parent first for everything else.
 */
final class ShippedClassLoader extends ClassLoader {
  private final Map<String, byte[]> classes;

  ShippedClassLoader(Map<String, byte[]> classes, ClassLoader parent) {
    super(parent);
    this.classes = classes;
  }

  @Override
  protected Class<?> findClass(String name) throws ClassNotFoundException {
    byte[] b = classes.get(name);
    if (b == null) {
      throw new ClassNotFoundException(name);
    }
    return defineClass(name, b, 0, b.length);
  }
}
