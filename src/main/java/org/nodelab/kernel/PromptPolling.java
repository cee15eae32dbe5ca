package org.nodelab.kernel;

import java.lang.reflect.Field;
import java.util.function.LongSupplier;
import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.channels.Loop;
import org.zeromq.ZMQ;

/**
 * Makes the shell and control channels answer as soon as a request arrives. jjava-jupyter 1.0-a6
 * polls each socket without waiting and then sleeps 50 ms, so every request waited 25 ms on average
 * (up to 50) before it was read; here each loop turn instead waits on the socket itself (at most 50
 * ms, so queued tasks still run). The loops are reachable only by reflection.
 */
final class PromptPolling {
  private static final long WAIT_MS = 50;

  private PromptPolling() {}

  /** Installs the waiting poll on the shell and control loops; a failure leaves jjava's polling as it was. */
  static void install(JupyterConnection connection) {
    ZMQ.Context context;
    try {
      Field ctx = JupyterConnection.class.getDeclaredField("ctx");
      ctx.setAccessible(true);
      context = (ZMQ.Context) ctx.get(connection);
    } catch (ReflectiveOperationException | RuntimeException e) {
      System.err.println("nodelab kernel: keeping jjava's 50 ms polling: " + e);
      return;
    }
    for (String channel : new String[] {"shell", "control"}) {
      try {
        Field f = JupyterConnection.class.getDeclaredField(channel);
        f.setAccessible(true);
        ZMQ.Socket socket = (ZMQ.Socket) f.get(connection);
        Field loopField = socket.getClass().getDeclaredField("ioloop");
        loopField.setAccessible(true);
        Loop loop = (Loop) loopField.get(socket);
        Field bodyField = Loop.class.getDeclaredField("loopBody");
        bodyField.setAccessible(true);
        LongSupplier body = (LongSupplier) bodyField.get(loop);
        bodyField.set(loop, waitingBody(body, context, socket));
      } catch (ReflectiveOperationException | RuntimeException e) {
        System.err.println("nodelab kernel: the " + channel + " channel keeps jjava's 50 ms polling: " + e);
      }
    }
  }

  private static LongSupplier waitingBody(LongSupplier body, ZMQ.Context context, ZMQ.Socket socket) {
    ZMQ.Poller[] poller = new ZMQ.Poller[1];
    return () -> {
      body.getAsLong();
      if (poller[0] == null) {
        poller[0] = context.poller(1);
        poller[0].register(socket, ZMQ.Poller.POLLIN);
      }
      poller[0].poll(WAIT_MS);
      return 0;
    };
  }
}
