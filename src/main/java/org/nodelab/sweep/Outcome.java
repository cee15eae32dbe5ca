package org.nodelab.sweep;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What one task gave: its results (numbers and text only, so they read back in any JVM), the
 * wall time, who ran it and whether it failed.
 *
 * @param index the task's index
 * @param results the results by name (Double, Long, Boolean or String values); empty when failed
 * @param seconds wall time of the experiment
 * @param worker the thread or Spark executor that ran it
 * @param failed whether the experiment threw
 * @param message the failure's class and message, or empty
 *
 * @serial exclude
 */
public record Outcome(int index, LinkedHashMap<String, Object> results, double seconds, String worker,
    boolean failed, String message) implements Serializable {

  /**
   * The status column's word: {@code ok} or {@code failed}.
   *
   * @return the status
   */
  public String status() {
    return failed ? "failed" : "ok";
  }

  /**
   * Results converted to portable values (integers to Long, other numbers to Double, the rest to
   * text), in the map's order when it has one (linked or sorted) and by name otherwise.
   */
  static LinkedHashMap<String, Object> portable(Map<String, ?> results) {
    LinkedHashMap<String, Object> out = new LinkedHashMap<>();
    Map<String, ?> ordered = results instanceof LinkedHashMap || results instanceof SortedMap ? results : new TreeMap<>(results);
    for (Map.Entry<String, ?> e : ordered.entrySet()) {
      Object v = e.getValue();
      if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
        out.put(e.getKey(), ((Number) v).longValue());
      } else if (v instanceof Number n) {
        out.put(e.getKey(), n.doubleValue());
      } else if (v instanceof Boolean) {
        out.put(e.getKey(), v);
      } else {
        out.put(e.getKey(), String.valueOf(v));
      }
    }
    return out;
  }
}
