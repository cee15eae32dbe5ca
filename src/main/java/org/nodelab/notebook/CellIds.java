package org.nodelab.notebook;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;

/**
 * nbformat 4.5 cell ids: a cell without one gets the first 8 hex digits of the SHA-256 of its
 * position and source (the same notebook gets the same ids), and the notebook becomes minor version 5.
 */
final class CellIds {
  private CellIds() {}

  /** Adds ids to the cells of {@code nb} lacking one; returns how many were added. */
  static int ensure(JsonObject nb) {
    Set<String> used = new HashSet<>();
    for (JsonElement e : nb.getAsJsonArray("cells")) {
      JsonObject cell = e.getAsJsonObject();
      if (cell.has("id")) {
        used.add(cell.get("id").getAsString());
      }
    }
    int added = 0;
    int index = 0;
    for (JsonElement e : nb.getAsJsonArray("cells")) {
      JsonObject cell = e.getAsJsonObject();
      if (!cell.has("id")) {
        String id = hash(index + "\n" + NotebookRunner.source(cell));
        for (int k = 1; !used.add(id); k++) {
          id = hash(index + "\n" + k + "\n" + NotebookRunner.source(cell));
        }
        cell.addProperty("id", id);
        added++;
      }
      index++;
    }
    if (!nb.has("nbformat_minor") || nb.get("nbformat_minor").getAsInt() < 5) {
      nb.addProperty("nbformat_minor", 5);
    }
    return added;
  }

  private static String hash(String text) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
