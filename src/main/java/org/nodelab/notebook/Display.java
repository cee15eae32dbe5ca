package org.nodelab.notebook;

import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code display(obj)} and {@code updateDisplay(id, obj)} for notebooks: renders with {@link
 * Renderer} and hands the bundle to the installed {@link DisplaySink} (the kernel's or the
 * runner's). Without one (plain JShell) the plain-text form is printed.
 */
public final class Display {
  private static volatile DisplaySink sink;
  private static final Set<String> IDS = ConcurrentHashMap.newKeySet();

  private Display() {}

  /**
   * Makes {@code s} receive every display from now on (null: print plain text instead).
   *
   * @param s the sink, or {@code null}
   */
  public static void install(DisplaySink s) {
    sink = s;
  }

  /**
   * Whether displays go to a notebook (a sink is installed) rather than to standard output.
   *
   * @return true in the kernel and the headless runner
   */
  public static boolean live() {
    return sink != null;
  }

  /**
   * Shows {@code value} as a new output and returns its display id, for {@link #update}.
   *
   * @param value the object to show
   * @return the id to update it under
   */
  public static DisplayId show(Object value) {
    return new DisplayId(showBundle(Renderer.render(value)));
  }

  /**
   * Replaces the output shown under {@code id} with {@code value}.
   *
   * @param id the id {@link #show} returned
   * @param value the object shown in place of the earlier one
   */
  public static void update(DisplayId id, Object value) {
    Objects.requireNonNull(id, "id");
    updateBundle(id.value(), Renderer.render(value));
  }

  /**
   * Shows a ready MIME bundle as a new output and returns its display id.
   *
   * @param bundle MIME type to content
   * @return the id to update it under
   */
  public static String showBundle(Map<String, String> bundle) {
    String id = UUID.randomUUID().toString();
    IDS.add(id);
    DisplaySink s = sink;
    if (s == null) {
      System.out.println(bundle.getOrDefault("text/plain", ""));
    } else {
      s.display(id, bundle);
    }
    return id;
  }

  /**
   * Replaces the output shown under {@code id} with a ready MIME bundle.
   *
   * @param id the id {@link #showBundle} returned
   * @param bundle MIME type to content
   */
  public static void updateBundle(String id, Map<String, String> bundle) {
    Objects.requireNonNull(id, "id");
    if (!IDS.contains(id)) {
      throw new IllegalArgumentException("no output was displayed under the id \"" + id
          + "\": pass the id that display(...) returned");
    }
    DisplaySink s = sink;
    if (s == null) {
      System.out.println(bundle.getOrDefault("text/plain", ""));
    } else {
      s.update(id, bundle);
    }
  }
}
