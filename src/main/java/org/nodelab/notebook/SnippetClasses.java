package org.nodelab.notebook;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The bytecode of every class that cells defined, by the class loader that holds them: JShell keeps
 * snippet classes in memory only, so code that runs them in another JVM (a sweep on a Spark
 * cluster) takes their bytes from here.
 */
public final class SnippetClasses {
  private static final Map<ClassLoader, Map<String, byte[]>> BY_LOADER = new WeakHashMap<>();

  private SnippetClasses() {}

  static synchronized void record(ClassLoader loader, String name, byte[] bytecode) {
    BY_LOADER.computeIfAbsent(loader, l -> new LinkedHashMap<>()).put(name, bytecode.clone());
  }

  /**
   * The classes (binary name to class-file bytes) that cells defined in {@code loader}, in the order
   * they were loaded; empty when {@code loader} holds no cell classes.
   *
   * @param loader the class loader of a class defined in a cell
   * @return an unmodifiable copy
   */
  public static synchronized Map<String, byte[]> definedIn(ClassLoader loader) {
    Map<String, byte[]> classes = BY_LOADER.get(loader);
    return classes == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(classes));
  }
}
