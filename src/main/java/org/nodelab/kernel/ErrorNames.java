package org.nodelab.kernel;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Failures whose class has the simple name of the user's exception: jjava-jupyter names a
 * Jupyter error ({@code ename}) by {@code getClass().getSimpleName()}, so a cell that threw {@code
 * NoSuchFileException} is reported through a subclass of {@link NodelabKernel.CellFailure} called
 * {@code NoSuchFileException}, defined once per name in this package (a nine-entry class file).
 */
final class ErrorNames {
  private static final String BASE = "org/nodelab/kernel/NodelabKernel$CellFailure";
  private static final Map<String, MethodHandle> CONSTRUCTORS = new ConcurrentHashMap<>();

  private ErrorNames() {}

  /** A failure named {@code name} (a Java identifier) carrying {@code message}; a plain failure if the name cannot be used. */
  static NodelabKernel.CellFailure failure(String name, String message) {
    MethodHandle constructor = CONSTRUCTORS.computeIfAbsent(name, ErrorNames::define);
    if (constructor != null) {
      try {
        return (NodelabKernel.CellFailure) constructor.invoke(name, message);
      } catch (Throwable unusable) {
        // fall through to the plain failure
      }
    }
    return new NodelabKernel.CellFailure(name, message);
  }

  private static MethodHandle define(String name) {
    // Never define a class that exists in this package (it could shadow one not loaded yet).
    if (!isIdentifier(name) || ErrorNames.class.getResource(name + ".class") != null) {
      return null;
    }
    MethodHandles.Lookup lookup = MethodHandles.lookup();
    try {
      Class<?> c = lookup.defineClass(classFile("org/nodelab/kernel/" + name));
      return lookup.findConstructor(c, MethodType.methodType(void.class, String.class, String.class));
    } catch (LinkageError | ReflectiveOperationException taken) {
      return null;
    }
  }

  private static boolean isIdentifier(String name) {
    if (name == null || name.isEmpty() || !Character.isJavaIdentifierStart(name.charAt(0))) {
      return false;
    }
    return name.chars().allMatch(Character::isJavaIdentifierPart) && name.indexOf('$') < 0;
  }

  /** {@code final class <name> extends CellFailure { public <name>(String n, String m) { super(n, m); } }}. */
  private static byte[] classFile(String internalName) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      DataOutputStream out = new DataOutputStream(bytes);
      out.writeInt(0xCAFEBABE);
      out.writeShort(0);
      out.writeShort(55);
      out.writeShort(10);
      utf8(out, internalName);                       // 1
      ref(out, 7, 1);                                 // 2 this class
      utf8(out, BASE);                                // 3
      ref(out, 7, 3);                                 // 4 super class
      utf8(out, "<init>");                            // 5
      utf8(out, "(Ljava/lang/String;Ljava/lang/String;)V"); // 6
      out.writeByte(12);                              // 7 name and type
      out.writeShort(5);
      out.writeShort(6);
      out.writeByte(10);                              // 8 super.<init>
      out.writeShort(4);
      out.writeShort(7);
      utf8(out, "Code");                              // 9
      out.writeShort(0x0010 | 0x0020);                // final, super
      out.writeShort(2);
      out.writeShort(4);
      out.writeShort(0);
      out.writeShort(0);
      out.writeShort(1);
      out.writeShort(0x0001);
      out.writeShort(5);
      out.writeShort(6);
      out.writeShort(1);
      byte[] code = {0x2a, 0x2b, 0x2c, (byte) 0xb7, 0, 8, (byte) 0xb1};
      out.writeShort(9);
      out.writeInt(12 + code.length);
      out.writeShort(3);
      out.writeShort(3);
      out.writeInt(code.length);
      out.write(code);
      out.writeShort(0);
      out.writeShort(0);
      out.writeShort(0);
      return bytes.toByteArray();
    } catch (IOException impossible) {
      throw new IllegalStateException(impossible);
    }
  }

  private static void utf8(DataOutputStream out, String s) throws IOException {
    out.writeByte(1);
    out.writeUTF(s);
  }

  private static void ref(DataOutputStream out, int tag, int index) throws IOException {
    out.writeByte(tag);
    out.writeShort(index);
  }
}
