package org.nodelab.notebook;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Where {@code %maven} looks for artifacts: the local repository, whether to stay offline, and the
 * remote repositories (Maven Central, or its mirror, plus the repositories of active profiles), read
 * from the user's {@code ~/.m2/settings.xml} when present. {@code -Dmaven.repo.local=DIR} or {@code
 * NODELAB_M2_REPO} override the local repository; {@code -Dnodelab.maven.offline=true} or {@code
 * NODELAB_M2_OFFLINE=1} keep resolution offline; {@code -Dnodelab.maven.settings=FILE} or {@code
 * NODELAB_M2_SETTINGS} name another settings file.
 *
 * @param localRepository the local repository directory
 * @param offline whether remote repositories are never contacted
 * @param remotes remote repositories by id, in order, each an URL
 */
public record MavenSettings(Path localRepository, boolean offline, Map<String, String> remotes) {
  /** Maven Central's URL. */
  public static final String CENTRAL = "https://repo.maven.apache.org/maven2/";

  /**
   * The settings in effect now (system properties, environment, then the settings file).
   *
   * @return the repositories, local repository and offline flag to resolve with
   */
  public static MavenSettings load() {
    Path home = Path.of(System.getProperty("user.home"), ".m2");
    String file = first(System.getProperty("nodelab.maven.settings"), System.getenv("NODELAB_M2_SETTINGS"));
    Path settingsFile = file != null ? Path.of(file) : home.resolve("settings.xml");
    Document doc = Files.isRegularFile(settingsFile) ? parse(settingsFile) : null;
    String local = first(System.getProperty("maven.repo.local"), System.getenv("NODELAB_M2_REPO"),
        doc == null ? null : text(doc.getDocumentElement(), "localRepository"));
    boolean offline = "true".equalsIgnoreCase(System.getProperty("nodelab.maven.offline"))
        || "1".equals(System.getenv("NODELAB_M2_OFFLINE"))
        || (doc != null && "true".equalsIgnoreCase(text(doc.getDocumentElement(), "offline")));
    Map<String, String> remotes = new LinkedHashMap<>();
    remotes.put("central", CENTRAL);
    if (doc != null) {
      profileRepositories(doc.getDocumentElement(), remotes);
      applyMirrors(doc.getDocumentElement(), remotes);
    }
    Path localRepository = local != null ? Path.of(local.replace("${user.home}", System.getProperty("user.home")))
        : home.resolve("repository");
    return new MavenSettings(localRepository, offline, remotes);
  }

  private static Document parse(Path file) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      return factory.newDocumentBuilder().parse(file.toFile());
    } catch (Exception e) {
      throw new IllegalArgumentException("cannot read the Maven settings " + file + ": " + e.getMessage(), e);
    }
  }

  private static void profileRepositories(Element root, Map<String, String> remotes) {
    List<String> active = new ArrayList<>();
    for (Element a : children(child(root, "activeProfiles"), "activeProfile")) {
      active.add(a.getTextContent().trim());
    }
    for (Element profile : children(child(root, "profiles"), "profile")) {
      boolean byDefault = "true".equals(text(child(profile, "activation"), "activeByDefault"));
      if (byDefault || active.contains(text(profile, "id"))) {
        for (Element repo : children(child(profile, "repositories"), "repository")) {
          remotes.putIfAbsent(text(repo, "id"), text(repo, "url"));
        }
      }
    }
  }

  private static void applyMirrors(Element root, Map<String, String> remotes) {
    for (Element mirror : children(child(root, "mirrors"), "mirror")) {
      String of = text(mirror, "mirrorOf");
      String url = text(mirror, "url");
      if (of == null || url == null) {
        continue;
      }
      for (Map.Entry<String, String> e : remotes.entrySet()) {
        for (String target : of.split(",")) {
          String t = target.trim();
          if (t.equals("*") || t.equals(e.getKey()) || (t.equals("external:*") && !e.getValue().startsWith("file:"))) {
            e.setValue(url);
          }
        }
      }
    }
  }

  private static String first(String... values) {
    for (String v : values) {
      if (v != null && !v.isBlank()) {
        return v.trim();
      }
    }
    return null;
  }

  private static Element child(Element parent, String name) {
    if (parent == null) {
      return null;
    }
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && name.equals(e.getTagName())) {
        return e;
      }
    }
    return null;
  }

  private static List<Element> children(Element parent, String name) {
    List<Element> out = new ArrayList<>();
    if (parent != null) {
      NodeList nodes = parent.getChildNodes();
      for (int i = 0; i < nodes.getLength(); i++) {
        if (nodes.item(i) instanceof Element e && name.equals(e.getTagName())) {
          out.add(e);
        }
      }
    }
    return out;
  }

  private static String text(Element parent, String name) {
    Element e = child(parent, name);
    return e == null ? null : e.getTextContent().trim();
  }
}
