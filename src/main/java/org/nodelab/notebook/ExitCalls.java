package org.nodelab.notebook;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.Optional;

/**
 * Finds calls that would end the JVM ({@code System.exit}, {@code Runtime.exit}, {@code
 * Runtime.halt}) in a compiled class, by reading the method references of its constant pool (JVMS
 * §4.4). Direct calls and method references ({@code System::exit}) both appear there; a string
 * that merely mentions {@code System.exit} does not.
 */
final class ExitCalls {
  private ExitCalls() {}

  /** The first JVM-ending method the class refers to, as {@code java.lang.System.exit}, if any. */
  static Optional<String> find(byte[] classFile) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile))) {
      in.skipBytes(8);
      int count = in.readUnsignedShort();
      String[] utf8 = new String[count];
      int[] first = new int[count];
      int[] second = new int[count];
      int[] tag = new int[count];
      for (int i = 1; i < count; i++) {
        tag[i] = in.readUnsignedByte();
        switch (tag[i]) {
          case 1 -> utf8[i] = in.readUTF();
          case 7, 8, 16, 19, 20 -> first[i] = in.readUnsignedShort();
          case 15 -> {
            in.readUnsignedByte();
            first[i] = in.readUnsignedShort();
          }
          case 3, 4, 9, 10, 11, 12, 17, 18 -> {
            first[i] = in.readUnsignedShort();
            second[i] = in.readUnsignedShort();
          }
          case 5, 6 -> {
            in.skipBytes(8);
            i++;
          }
          default -> throw new IllegalArgumentException("unknown constant pool tag " + tag[i] + " at entry " + i);
        }
      }
      for (int i = 1; i < count; i++) {
        if (tag[i] == 10 || tag[i] == 11) {
          String owner = utf8[first[first[i]]];
          String name = utf8[first[second[i]]];
          if (endsTheJvm(owner, name)) {
            return Optional.of(owner.replace('/', '.') + "." + name);
          }
        }
      }
      return Optional.empty();
    } catch (IOException e) {
      throw new IllegalArgumentException("not a class file: " + e.getMessage(), e);
    }
  }

  private static boolean endsTheJvm(String owner, String name) {
    return ("java/lang/System".equals(owner) && "exit".equals(name))
        || ("java/lang/Runtime".equals(owner) && ("exit".equals(name) || "halt".equals(name)));
  }
}
