package org.nodelab.testing;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's Chromium, headless, driven through the DevTools protocol over the JDK's WebSocket client:
 * a page is loaded at a given window size, screenshot as PNG, and every error it raised is reported
 * (uncaught exceptions, {@code console.error}, and the browser's log errors such as a resource that
 * failed to load). Without Chromium the caller's test is skipped, or fails when {@code CI=true} or
 * {@code NODELAB_REQUIRE_CHROMIUM=1} (as {@code .ci/run} installs it).
 */
public final class HeadlessChromium implements AutoCloseable {
  private static final Path BINARY = Path.of(System.getenv().getOrDefault("NODELAB_CHROMIUM", "/usr/bin/chromium"));
  private static final long TIMEOUT_SECONDS = 60;

  /**
   * One loaded page.
   *
   * @param png the screenshot of the viewport
   * @param errors the errors the page raised, one line each, in order
   */
  public record Page(byte[] png, List<String> errors) {}

  private final Process process;
  private final Path profile;
  private final WebSocket socket;
  private final AtomicInteger ids = new AtomicInteger();
  private final Map<Integer, CompletableFuture<JsonObject>> replies = new ConcurrentHashMap<>();
  private final List<JsonObject> events = new CopyOnWriteArrayList<>();
  private volatile CompletableFuture<Void> loaded = new CompletableFuture<>();

  private HeadlessChromium(Process process, Path profile, URI browser) throws Exception {
    this.process = process;
    this.profile = profile;
    this.socket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(browser, new Listener())
        .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
  }

  /**
   * Starts the browser, or ends the calling test when there is none (a failure under CI).
   *
   * @return a browser ready to load pages
   * @throws Exception if it starts but does not offer its DevTools endpoint
   */
  public static HeadlessChromium start() throws Exception {
    if (!Files.isExecutable(BINARY)) {
      String why = "Chromium is not installed at " + BINARY + " (apt-get install chromium, or set NODELAB_CHROMIUM)";
      if ("true".equals(System.getenv("CI")) || "1".equals(System.getenv("NODELAB_REQUIRE_CHROMIUM"))) {
        Assertions.fail(why);
      }
      Assumptions.abort(why);
    }
    Path profile = Files.createTempDirectory("nodelab-chromium");
    Process p = new ProcessBuilder(BINARY.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--hide-scrollbars", "--user-data-dir=" + profile, "--remote-debugging-port=0", "about:blank")
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    BufferedReader err = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8));
    CompletableFuture<String> endpoint = CompletableFuture.supplyAsync(() -> {
      try {
        for (String line; (line = err.readLine()) != null; ) {
          if (line.startsWith("DevTools listening on ")) {
            Thread drain = new Thread(() -> err.lines().forEach(l -> { }), "chromium-stderr");
            drain.setDaemon(true);
            drain.start();
            return line.substring("DevTools listening on ".length()).strip();
          }
        }
        return null;
      } catch (IOException e) {
        return null;
      }
    });
    String ws = endpoint.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    if (ws == null) {
      p.destroyForcibly();
      throw new IllegalStateException("Chromium at " + BINARY + " exited without a DevTools endpoint");
    }
    return new HeadlessChromium(p, profile, URI.create(ws));
  }

  /**
   * Loads a page in a new tab and screenshots it.
   *
   * @param url the page, such as a {@code file:} URL
   * @param width the window's width in CSS pixels
   * @param height the window's height in CSS pixels
   * @return the screenshot and the page's errors
   * @throws Exception if the browser does not answer within a minute
   */
  public Page load(String url, int width, int height) throws Exception {
    String target = call("Target.createTarget", obj("url", "about:blank"), null).get("targetId").getAsString();
    JsonObject attach = obj("targetId", target);
    attach.addProperty("flatten", true);
    String session = call("Target.attachToTarget", attach, null).get("sessionId").getAsString();
    for (String domain : List.of("Runtime.enable", "Log.enable", "Page.enable")) {
      call(domain, new JsonObject(), session);
    }
    JsonObject metrics = new JsonObject();
    metrics.addProperty("width", width);
    metrics.addProperty("height", height);
    metrics.addProperty("deviceScaleFactor", 1);
    metrics.addProperty("mobile", false);
    call("Emulation.setDeviceMetricsOverride", metrics, session);
    events.clear();
    loaded = new CompletableFuture<>();
    call("Page.navigate", obj("url", url), session);
    loaded.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    Thread.sleep(300);
    byte[] png = Base64.getDecoder().decode(call("Page.captureScreenshot", obj("format", "png"), session)
        .get("data").getAsString());
    List<String> errors = errors(session);
    call("Target.closeTarget", obj("targetId", target), null);
    return new Page(png, errors);
  }

  private List<String> errors(String session) {
    List<String> errors = new ArrayList<>();
    for (JsonObject e : events) {
      if (!e.has("sessionId") || !session.equals(e.get("sessionId").getAsString())) {
        continue;
      }
      JsonObject params = e.getAsJsonObject("params");
      switch (e.get("method").getAsString()) {
        case "Runtime.exceptionThrown" -> {
          JsonObject d = params.getAsJsonObject("exceptionDetails");
          errors.add("exception: " + (d.has("exception") && d.getAsJsonObject("exception").has("description")
              ? d.getAsJsonObject("exception").get("description").getAsString() : d.get("text").getAsString()));
        }
        case "Runtime.consoleAPICalled" -> {
          String type = params.get("type").getAsString();
          if (type.equals("error") || type.equals("assert")) {
            List<String> args = new ArrayList<>();
            for (JsonElement a : params.getAsJsonArray("args")) {
              JsonObject arg = a.getAsJsonObject();
              args.add(arg.has("value") ? arg.get("value").getAsString() : arg.has("description")
                  ? arg.get("description").getAsString() : arg.get("type").getAsString());
            }
            errors.add("console." + type + ": " + String.join(" ", args));
          }
        }
        case "Log.entryAdded" -> {
          JsonObject entry = params.getAsJsonObject("entry");
          if (entry.get("level").getAsString().equals("error")) {
            errors.add("log: " + entry.get("text").getAsString() + (entry.has("url") ? " (" + entry.get("url").getAsString() + ")" : ""));
          }
        }
        default -> { }
      }
    }
    return errors;
  }

  private JsonObject call(String method, JsonObject params, String session) throws Exception {
    int id = ids.incrementAndGet();
    JsonObject message = new JsonObject();
    message.addProperty("id", id);
    message.addProperty("method", method);
    message.add("params", params);
    if (session != null) {
      message.addProperty("sessionId", session);
    }
    CompletableFuture<JsonObject> reply = new CompletableFuture<>();
    replies.put(id, reply);
    socket.sendText(message.toString(), true).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    JsonObject r = reply.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    if (r.has("error")) {
      throw new IllegalStateException(method + " failed: " + r.get("error"));
    }
    return r.getAsJsonObject("result");
  }

  private static JsonObject obj(String key, String value) {
    JsonObject o = new JsonObject();
    o.addProperty(key, value);
    return o;
  }

  /** Reassembles DevTools messages (a screenshot spans many frames) and routes replies and events. */
  private final class Listener implements WebSocket.Listener {
    private final StringBuilder partial = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        JsonObject message = JsonParser.parseString(partial.toString()).getAsJsonObject();
        partial.setLength(0);
        if (message.has("id")) {
          CompletableFuture<JsonObject> reply = replies.remove(message.get("id").getAsInt());
          if (reply != null) {
            reply.complete(message);
          }
        } else {
          events.add(message);
          if ("Page.loadEventFired".equals(message.get("method").getAsString())) {
            loaded.complete(null);
          }
        }
      }
      webSocket.request(1);
      return null;
    }
  }

  @Override
  public void close() throws Exception {
    try {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(5, TimeUnit.SECONDS);
    } catch (Exception ignored) {
      // the browser is stopped below either way
    }
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    try (var files = Files.walk(profile)) {
      for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(f);
      }
    } catch (IOException ignored) {
      // the browser may still be writing its profile as it exits
    }
  }
}
