package org.nodelab.kernel;

import java.lang.reflect.Field;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.channels.Loop;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;

/**
 * Starts the kernel on a Jupyter connection file: {@code java org.nodelab.kernel.KernelMain
 * CONNECTION_FILE}. Refuses a non-loopback {@code ip} (unless {@code NODELAB_ALLOW_REMOTE=1}) and
 * an empty {@code key}; exits when the launching process ({@code JPY_PARENT_PID}) dies.
 */
public final class KernelMain {
  private KernelMain() {}

  /**
   * Runs until the connection closes.
   *
   * @param args the path of the connection file Jupyter wrote
   * @throws Exception if the connection file cannot be read or the sockets cannot be bound
   */
  public static void main(String[] args) throws Exception {
    if (args.length != 1) {
      System.err.println("usage: KernelMain CONNECTION_FILE");
      System.exit(2);
    }
    KernelConnectionProperties props;
    try {
      props = KernelConnectionProperties.parse(Files.readString(Path.of(args[0]), StandardCharsets.UTF_8));
    } catch (java.io.IOException | RuntimeException e) {
      System.err.println("nodelab kernel: cannot read the connection file " + args[0] + " (" + e + ");"
          + " Jupyter writes it when it starts the kernel");
      System.exit(1);
      return;
    }
    String refusal = refusal(props.getIp(), props.getKey(), "1".equals(System.getenv("NODELAB_ALLOW_REMOTE")));
    if (refusal != null) {
      System.err.println("nodelab kernel: " + refusal);
      System.exit(3);
    }
    exitWithParent(System.getenv("JPY_PARENT_PID"));
    NodelabKernel kernel = NodelabKernel.create();
    JupyterConnection connection = new JupyterConnection(props);
    kernel.becomeHandlerForConnection(connection);
    connection.connect();
    surviveBadMessages(connection);
    PromptPolling.install(connection);
    connection.waitUntilClose();
    System.exit(0);
  }

  /** Why a connection must be refused, or null: non-loopback addresses and empty keys are unsafe. */
  static String refusal(String ip, String key, boolean allowRemote) {
    if (key == null || key.isEmpty()) {
      throw new IllegalArgumentException("the connection file has an empty key: messages would not be signed");
    }
    if (!allowRemote && !isLoopback(ip)) {
      return "refusing to listen on " + ip + ": only loopback addresses are allowed (set NODELAB_ALLOW_REMOTE=1 to override)";
    }
    return null;
  }

  private static boolean isLoopback(String ip) {
    try {
      return InetAddress.getByName(ip).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  private static void exitWithParent(String pid) {
    if (pid == null || pid.isBlank()) {
      return;
    }
    try {
      ProcessHandle.of(Long.parseLong(pid.trim())).ifPresent(p -> p.onExit().thenRun(() -> Runtime.getRuntime().halt(0)));
    } catch (NumberFormatException ignored) {
      // JPY_PARENT_PID is advisory: without a valid pid the kernel simply keeps running
    }
  }

  /**
   * A message with a bad signature makes jjava-jupyter's poll loop throw and stop answering; this
   * installs an error handler on the shell and control loops (reachable only by reflection) that
   * drops the message and carries on.
   */
  static void surviveBadMessages(JupyterConnection connection) {
    for (String channel : new String[] {"shell", "control"}) {
      try {
        Field f = JupyterConnection.class.getDeclaredField(channel);
        f.setAccessible(true);
        Object socket = f.get(connection);
        Field loopField = socket.getClass().getDeclaredField("ioloop");
        loopField.setAccessible(true);
        Loop loop = (Loop) loopField.get(socket);
        if (loop != null) {
          loop.onError(error -> {
            System.err.println("nodelab kernel: dropped a message on " + channel + ": " + error);
            return 0;
          });
        }
      } catch (ReflectiveOperationException | RuntimeException e) {
        System.err.println("nodelab kernel: cannot guard the " + channel + " loop: " + e);
      }
    }
  }
}
