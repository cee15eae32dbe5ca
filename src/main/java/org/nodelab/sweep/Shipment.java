package org.nodelab.sweep;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.nodelab.notebook.SnippetClasses;

/**
 * A sweep packed for other JVMs: the bytecode of the notebook cells' classes (which live only in
 * the session's memory, {@link SnippetClasses}), the serializable values of the cells' variables
 * ({@link CellVariables}) and the serialized experiment and tasks. An
 * executor opens it once per sweep into its own class loader, so a cell redefined later never
 * mixes with an earlier sweep's classes.
 */
public final class Shipment {
  private static final Map<String, Opened> OPENED = new ConcurrentHashMap<>();

  private Shipment() {}

  /** An opened shipment: the experiment and its tasks, by index. */
  public record Opened(Experiment experiment, List<Task> tasks) {}

  /**
   * Packs an experiment and its tasks.
   *
   * @param experiment the experiment (a lambda of a cell, or any serializable experiment)
   * @param tasks the tasks
   * @return the bytes to send to executors
   * @throws IllegalArgumentException if the experiment or a parameter value cannot be serialized,
   *     naming what
   */
  public static byte[] pack(Experiment experiment, List<Task> tasks) {
    Map<String, byte[]> classes = new LinkedHashMap<>(SnippetClasses.definedIn(experiment.getClass().getClassLoader()));
    List<Task> portable = new ArrayList<>();
    for (Task t : tasks) {
      portable.add(new Task(t.index(), PortableValues.encode(t.config())));
    }
    byte[] payload;
    try {
      payload = serialize(new Payload(experiment, portable, CellVariables.capture(classes.keySet(),
          experiment.getClass().getClassLoader())));
    } catch (NotSerializableException e) {
      throw new IllegalArgumentException("the experiment cannot be sent to Spark executors: it captures a "
          + e.getMessage() + ", which is not Serializable; build it inside the lambda from the configuration"
          + " (or pass it as a parameter of a serializable type)", e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      return serialize(new Packed(new LinkedHashMap<>(classes), payload));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Opens packed bytes, once per {@code id} in this JVM, defining the cells' classes in a new loader
   * whose parent is this thread's context class loader.
   *
   * @param id the sweep's identity
   * @param packed what {@link #pack} returned
   * @return the experiment and tasks
   */
  public static Opened open(String id, byte[] packed) {
    return OPENED.computeIfAbsent(id, k -> unpack(packed));
  }

  /**
   * Forgets an opened shipment (the driver calls it when the sweep ends; executors keep theirs).
   *
   * @param id the sweep's identity
   */
  public static void forget(String id) {
    OPENED.remove(id);
  }

  private static Opened unpack(byte[] packed) {
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    ClassLoader parent = context != null ? context : Shipment.class.getClassLoader();
    try {
      Packed p = (Packed) deserialize(packed, parent);
      ClassLoader loader = new ShippedClassLoader(p.classes(), parent);
      Payload payload = (Payload) deserialize(p.payload(), loader);
      CellVariables.restore(payload.variables(), loader);
      List<Task> tasks = new ArrayList<>();
      for (Task t : payload.tasks()) {
        tasks.add(new Task(t.index(), PortableValues.decode(t.config())));
      }
      return new Opened(payload.experiment(), tasks);
    } catch (IOException | ClassNotFoundException e) {
      throw new IllegalStateException("cannot open the sweep's experiment in this JVM: " + e, e);
    }
  }

  private static byte[] serialize(Object o) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(o);
    }
    return bytes.toByteArray();
  }

  private static Object deserialize(byte[] bytes, ClassLoader loader) throws IOException, ClassNotFoundException {
    try (ObjectInputStream in = new LoaderObjectInputStream(new ByteArrayInputStream(bytes), loader)) {
      return in.readObject();
    }
  }

  private record Packed(LinkedHashMap<String, byte[]> classes, byte[] payload) implements Serializable {}

  private record Payload(Experiment experiment, List<Task> tasks, LinkedHashMap<String, Object> variables)
      implements Serializable {}

  /** Resolves classes through a given loader instead of the caller's. */
  private static final class LoaderObjectInputStream extends ObjectInputStream {
    private final ClassLoader loader;

    LoaderObjectInputStream(InputStream in, ClassLoader loader) throws IOException {
      super(in);
      this.loader = loader;
    }

    @Override
    protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
      try {
        return Class.forName(desc.getName(), false, loader);
      } catch (ClassNotFoundException e) {
        return super.resolveClass(desc);
      }
    }
  }
}
